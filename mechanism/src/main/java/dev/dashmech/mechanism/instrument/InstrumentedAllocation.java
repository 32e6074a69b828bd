package dev.dashmech.mechanism.instrument;

import dev.dashmech.mechanism.algorithm.AllocationAlgorithm;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * The instrumented allocation algorithm {@code w} of Def. 16 for an allocation algorithm {@code x} and
 * instrumentation rate ρ. One stage ({@link #allocate}):
 * <ol>
 *   <li>for each agent independently, with probability ρ replace its inferred value {@code v̂_i} by
 *   {@code v̌_i ~ U[0, vmax_i]} and mark it instrumented; otherwise {@code v̌_i = v̂_i};</li>
 *   <li>call the algorithm once on {@code v̌} ({@link AllocationAlgorithm#sample}) and realize {@code w̌};</li>
 *   <li>{@code x̌_i = w̌_i [not instrumented]} and the implicit payment {@code ř_i} ({@link ImplicitPayment}),
 *   whose expectation is the truthful payment of {@code w} (Theorem 6).</li>
 * </ol>
 * {@code ρ = 0} is the uninstrumented mechanism: just the single call on {@code v̂}, nobody instrumented, no
 * implicit payment (the caller charges the truthful payment of the counterfactual rule, MECHANISM.md §5).
 *
 * <p><b>Random draws</b>, all from the given generator, in this order (part of the replay contract: changing it
 * changes every replayed outcome): for agent {@code i = 0, 1, ..., n-1}, if ρ > 0, one uniform double decides
 * instrumentation ({@code u < ρ}), and if instrumented a second one gives {@code v̌_i = u' vmax_i}; then the
 * algorithm's own draws.
 *
 * <p>Immutable and thread-safe (given a thread-safe algorithm, as all built-ins are); the per-stage state lives
 * in the caller's {@link InstrumentedStage} and generator. {@link #allocate} allocates nothing when the
 * stage buffer already has the right size.
 */
public final class InstrumentedAllocation {

    private final AllocationAlgorithm algorithm;
    private final double rho;

    private InstrumentedAllocation(AllocationAlgorithm algorithm, double rho) {
        this.algorithm = algorithm;
        this.rho = rho;
    }

    /**
     * The algorithm instrumented at rate {@code rho}; {@code rho = 0} is uninstrumented.
     *
     * @throws IllegalArgumentException if {@code rho} is not in [0, 1)
     */
    public static InstrumentedAllocation of(AllocationAlgorithm algorithm, double rho) {
        Objects.requireNonNull(algorithm, "algorithm");
        if (!(rho >= 0 && rho < 1)) {
            throw new IllegalArgumentException("instrumentation rate rho must be in [0, 1), was " + rho
                    + ": 0 turns instrumentation off, small values such as 0.05 are typical (rho = 1 would replace "
                    + "every value by noise)");
        }
        return new InstrumentedAllocation(algorithm, rho);
    }

    /** The algorithm without instrumentation ({@code ρ = 0}): one call on the inferred values. */
    public static InstrumentedAllocation uninstrumented(AllocationAlgorithm algorithm) {
        return of(algorithm, 0);
    }

    /** The allocation algorithm {@code x} being instrumented. */
    public AllocationAlgorithm algorithm() {
        return algorithm;
    }

    /** The instrumentation rate ρ. */
    public double rho() {
        return rho;
    }

    /** Whether {@code ρ > 0}, so that stages carry implicit payments and instrumentation samples. */
    public boolean isInstrumented() {
        return rho > 0;
    }

    /**
     * Runs one stage with one value range {@code [0, vmax]} for every agent; see
     * {@link #allocate(double[], double[], RandomGenerator, InstrumentedStage)}.
     */
    public InstrumentedStage allocate(double[] inferred, double vmax, RandomGenerator rng, InstrumentedStage into) {
        checkVmax(-1, vmax);
        int n = inferred.length;
        into.prepare(checkAgents(n), rho);
        double[] ranges = into.vmaxArray();
        for (int i = 0; i < n; i++) {
            ranges[i] = vmax;
        }
        return run(inferred, rng, into);
    }

    /**
     * Runs one stage of Def. 16 on the inferred values {@code v̂} (one per agent) with value ranges
     * {@code [0, vmax_i]}, drawing from {@code rng}, and writes the outcome into {@code into}.
     *
     * @return {@code into}
     * @throws IllegalArgumentException if the arrays differ in length or are empty, a range is not finite and
     *     positive, or an inferred value is outside its range {@code [0, vmax_i]} (Theorem 6 needs
     *     {@code v̂_i <= vmax_i})
     */
    public InstrumentedStage allocate(double[] inferred, double[] vmax, RandomGenerator rng, InstrumentedStage into) {
        int n = inferred.length;
        if (vmax.length != n) {
            throw new IllegalArgumentException("one value range per agent: " + n + " inferred values but "
                    + vmax.length + " vmax entries");
        }
        for (int i = 0; i < n; i++) {
            checkVmax(i, vmax[i]);
        }
        into.prepare(checkAgents(n), rho);
        System.arraycopy(vmax, 0, into.vmaxArray(), 0, n);
        return run(inferred, rng, into);
    }

    private InstrumentedStage run(double[] inferred, RandomGenerator rng, InstrumentedStage into) {
        int n = inferred.length;
        double[] vHat = into.inferredArray();
        double[] vmax = into.vmaxArray();
        double[] vCheck = into.inputArray();
        boolean[] instrumented = into.instrumentedArray();
        for (int i = 0; i < n; i++) {
            double v = inferred[i];
            if (!(v >= 0 && v <= vmax[i])) {
                throw new IllegalArgumentException("inferred value of agent " + i + " must be in [0, vmax] = [0, "
                        + vmax[i] + "], was " + v + "; clamp inferred values to the value range");
            }
            vHat[i] = v;
        }
        for (int i = 0; i < n; i++) {
            // Def. 16 step 1: with probability rho, a uniform value instead of the inferred one
            boolean replaced = rho > 0 && rng.nextDouble() < rho;
            instrumented[i] = replaced;
            vCheck[i] = replaced ? rng.nextDouble() * vmax[i] : vHat[i];
            if (replaced) {
                into.addSample(i);
            }
        }
        boolean[] won = into.wonArray();
        algorithm.sample(vCheck, rng, won); // Def. 16 step 2: the single call
        boolean[] wonAtInferred = into.wonAtInferredValueArray();
        double[] payment = into.implicitPaymentArray();
        for (int i = 0; i < n; i++) {
            wonAtInferred[i] = won[i] && !instrumented[i]; // Def. 16 step 3: x̌
            payment[i] = rho > 0 ? ImplicitPayment.of(vHat[i], vmax[i], rho, instrumented[i], vCheck[i], won[i]) : 0;
        }
        return into;
    }

    private static int checkAgents(int n) {
        if (n == 0) {
            throw new IllegalArgumentException("a stage needs at least one agent, was given no inferred values");
        }
        return n;
    }

    private static void checkVmax(int agent, double vmax) {
        if (!(vmax > 0) || vmax == Double.POSITIVE_INFINITY) {
            throw new IllegalArgumentException("vmax" + (agent < 0 ? "" : " of agent " + agent)
                    + " must be finite and > 0, was " + vmax);
        }
    }

    @Override
    public String toString() {
        return "InstrumentedAllocation[" + algorithm + ", rho=" + rho + "]";
    }
}
