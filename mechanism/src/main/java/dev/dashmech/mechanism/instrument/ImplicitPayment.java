package dev.dashmech.mechanism.instrument;

/**
 * The implicit payment of Def. 16, an unbiased estimate of the truthful payment of the instrumented algorithm
 * (Theorem 6), from one agent's outcome in one stage.
 */
public final class ImplicitPayment {

    private ImplicitPayment() {
    }

    /**
     * {@code ř = v̂ x̌ − ((1−ρ)/ρ) w̌ vmax [instrumented and v̌ < v̂]}, where {@code x̌ = w̌ [not instrumented]}.
     * This is the paper's {@code v̂ (x̌ − ((1−ρ)/ρ) π̌)} with {@code π̌ = w̌ (vmax/v̂) [v̌ < v̂]} multiplied out, so
     * {@code v̂ = 0} needs no division. The penalty of an instrumented win below the inferred value pays back, in
     * expectation, the utility {@code ∫_0^v̂ x} that a truthful payment leaves the agent.
     *
     * @param inferredValue the agent's inferred value {@code v̂}
     * @param vmax the top of the agent's value range; instrumentation draws from {@code U[0, vmax]}
     * @param rho the instrumentation rate, in (0, 1)
     * @param instrumented whether the algorithm saw the draw {@code v̌} instead of {@code v̂}
     * @param input what the algorithm saw: {@code v̌}
     * @param won whether the agent won: {@code w̌}
     * @throws IllegalArgumentException if {@code rho} is not in (0, 1)
     */
    public static double of(double inferredValue, double vmax, double rho, boolean instrumented, double input,
                            boolean won) {
        if (!(rho > 0 && rho < 1)) {
            throw new IllegalArgumentException("implicit payments need an instrumentation rate rho in (0, 1), was "
                    + rho + "; without instrumentation charge the truthful payment of the counterfactual rule");
        }
        if (!won) {
            return 0;
        }
        if (!instrumented) {
            return inferredValue; // Def. 16: v̂ x̌
        }
        // Def. 16: - v̂ ((1−ρ)/ρ) π̌, multiplied out
        return input < inferredValue ? -((1 - rho) / rho) * vmax : 0;
    }
}
