package dev.dashmech.mechanism.balance;

/**
 * The paper's bounds on the outstanding balance {@code |L_t|}, as functions, for run reports and tests.
 * {@code vmax} is the bound {@code v̄} on the per-stage inferred value.
 */
public final class BalanceBounds {

    private BalanceBounds() {
    }

    /** Theorem 3: all-pay reference rebalancing with {@code η = 1}: {@code |L_t| ≤ vmax}. */
    public static double allPay(double vmax) {
        return positive(vmax, "vmax");
    }

    /** Corollary 1, Theorem 5: winner-pays-bid rebalancing, dashboard in {@code [η, 1]}: {@code vmax / η}. */
    public static double winnerPaysBid(double vmax, double eta) {
        return positive(vmax, "vmax") / rate(eta, "eta");
    }

    /**
     * Corollary 2: instrumented winner-pays-bid rebalancing, {@code vmax / (ρ η)}, always (not only with high
     * probability). Ours: the same bound for instrumented all-pay with reference rebalancing, where
     * {@code L ← (1−η) L + (ř − b)} and {@code |ř − b| ≤ vmax/ρ}.
     */
    public static double instrumented(double vmax, double rho, double eta) {
        return positive(vmax, "vmax") / (rate(rho, "rho") * rate(eta, "eta"));
    }

    /**
     * Theorem 7: with probability at least {@code 1 − δ},
     * {@code |L_t| ≤ vmax/η + (vmax/ρ) sqrt(log(2/δ) / (2η))}.
     */
    public static double highProbability(double vmax, double rho, double eta, double delta) {
        positive(vmax, "vmax");
        rate(rho, "rho");
        rate(eta, "eta");
        if (!(delta > 0 && delta < 1)) {
            throw new IllegalArgumentException("confidence delta must be in (0, 1), was " + delta);
        }
        return vmax / eta + (vmax / rho) * Math.sqrt(Math.log(2 / delta) / (2 * eta));
    }

    /**
     * Lemma 7 (all-pay last-stage) and Lemma 8 (winner-pays-bid last-winning-stage): an agent with a static
     * value {@code v} keeps {@code |L_t| ≤ v} without rebalancing.
     */
    public static double staticValue(double v) {
        if (!(v >= 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException("value must be a finite number >= 0, was " + v);
        }
        return v;
    }

    /**
     * The incentive inconsistency of a {@code T}-stage run, {@code max_t |L_t| / T} (Prop. 2: a balance
     * bounded by {@code εT} makes the run ε incentive consistent); 0 for {@code T = 0}.
     */
    public static double incentiveInconsistency(double maxAbsoluteBalance, long stages) {
        if (!(maxAbsoluteBalance >= 0)) {
            throw new IllegalArgumentException("max |L| must be >= 0, was " + maxAbsoluteBalance);
        }
        if (stages < 0) {
            throw new IllegalArgumentException("stage count must be >= 0, was " + stages);
        }
        return stages == 0 ? 0.0 : maxAbsoluteBalance / stages;
    }

    private static double positive(double x, String name) {
        if (!(x > 0) || Double.isInfinite(x)) {
            throw new IllegalArgumentException(name + " must be a finite number > 0, was " + x);
        }
        return x;
    }

    private static double rate(double x, String name) {
        if (!(x > 0 && x <= 1)) {
            throw new IllegalArgumentException(name + " must be in (0, 1], was " + x);
        }
        return x;
    }
}
