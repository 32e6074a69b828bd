package dev.dashmech.mechanism.algorithm;

import dev.dashmech.mechanism.algorithm.internal.Checks;
import dev.dashmech.mechanism.algorithm.internal.Curves;
import dev.dashmech.mechanism.rule.AllocationRule;
import dev.dashmech.mechanism.rule.ValueGrid;
import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * Entropy-regularized welfare maximization for a single item, equivalently multinomial-logit user choice
 * (MECHANISM.md §2):
 * <pre>
 *   x_i = q_i exp(v_i/τ) / (exp(r/τ) + Σ_j q_j exp(v_j/τ))
 * </pre>
 * with temperature {@code τ > 0}, reserve {@code r >= 0} (the value of the outside option: with the remaining
 * probability nobody wins) and optional quality weights {@code q_i > 0} (default 1). Smooth, strictly
 * increasing in each agent's own value and decreasing in the others'; {@code Σ_i x_i < 1}.
 *
 * <p>Computed in log space: the weights are shifted by the largest log-weight before exponentiation
 * (log-sum-exp), so arbitrarily large {@code v/τ} neither overflows nor loses the ratios.
 *
 * <p>{@link #sample} draws at most one winner with a single uniform draw from the generator (inverse
 * transform over the agents in index order, the outside option last). No scratch space: the weights are
 * recomputed rather than stored. Immutable and thread-safe.
 */
public final class Softmax implements AllocationAlgorithm {

    /** The name of this algorithm in scenario files and market configs. */
    public static final String NAME = "softmax";

    private final double tau;
    private final double reserve;
    /** {@code q_j} and {@code log q_j}, or both null when every quality weight is 1. */
    private final double[] qualities;
    private final double[] logQualities;

    private Softmax(double tau, double reserve, double[] qualities) {
        this.tau = tau;
        this.reserve = reserve;
        this.qualities = qualities;
        if (qualities == null) {
            this.logQualities = null;
        } else {
            this.logQualities = new double[qualities.length];
            for (int i = 0; i < qualities.length; i++) {
                logQualities[i] = Math.log(qualities[i]);
            }
        }
    }

    /**
     * Softmax with temperature {@code tau} and reserve {@code reserve}, all quality weights 1.
     *
     * @throws IllegalArgumentException if {@code tau} is not finite and positive or {@code reserve} is negative
     *     or not finite
     */
    public static Softmax of(double tau, double reserve) {
        return new Softmax(Checks.temperature(NAME, tau), Checks.reserve(NAME, reserve), null);
    }

    /**
     * Softmax with quality weights: {@code qualities[i]} multiplies agent {@code i}'s weight. Every profile
     * passed to this instance must then have exactly {@code qualities.length} agents.
     *
     * @throws IllegalArgumentException as {@link #of(double, double)}, or if there are no quality weights or one
     *     is not finite and positive
     */
    public static Softmax of(double tau, double reserve, double... qualities) {
        Checks.temperature(NAME, tau);
        Checks.reserve(NAME, reserve);
        if (qualities.length == 0) {
            throw new IllegalArgumentException(NAME + ": quality weights, when given, need one per agent; was "
                    + "given none (use of(tau, reserve) for all weights 1)");
        }
        for (int i = 0; i < qualities.length; i++) {
            double q = qualities[i];
            if (!(q > 0) || q == Double.POSITIVE_INFINITY) {
                throw new IllegalArgumentException(NAME + ": quality weight of agent " + i
                        + " must be finite and > 0, was " + q);
            }
        }
        return new Softmax(tau, reserve, qualities.clone());
    }

    @Override
    public String name() {
        return NAME;
    }

    /** The temperature {@code τ}. */
    public double temperature() {
        return tau;
    }

    /** The reserve {@code r}: the value of the outside option. */
    public double reserve() {
        return reserve;
    }

    /** A copy of the quality weights, or an empty array when every weight is 1. */
    public double[] qualities() {
        return qualities == null ? new double[0] : qualities.clone();
    }

    @Override
    public void sample(double[] values, RandomGenerator rng, boolean[] wins) {
        Checks.sameLength(NAME, "wins", wins.length, values);
        double c = shift(values);
        double top = maxLogWeight(values, c);
        double total = sumWeights(values, c, top);
        Arrays.fill(wins, false);
        double target = rng.nextDouble() * total;
        double cumulative = 0;
        for (int j = 0; j < values.length; j++) {
            cumulative += Math.exp(logWeight(values, j, c) - top);
            if (target < cumulative) {
                wins[j] = true;
                return;
            }
        }
        // the outside option: nobody wins
    }

    @Override
    public void allocation(double[] values, double[] out) {
        Checks.sameLength(NAME, "out", out.length, values);
        double c = shift(values);
        double top = maxLogWeight(values, c);
        double total = sumWeights(values, c, top);
        for (int j = 0; j < values.length; j++) {
            out[j] = Math.exp(logWeight(values, j, c) - top) / total;
        }
    }

    @Override
    public AllocationRule curve(int i, double[] values, ValueGrid grid) {
        Checks.agent(NAME, i, values);
        Checks.valuesExcept(NAME, values, i);
        checkQualityCount(values);
        // x_i(z) = 1 / (1 + exp(L - a_i(z))), L the log-sum-exp of the outside option and the other agents:
        // the logistic form is monotone in z even in floating point.
        double shift = reserve;
        for (int j = 0; j < values.length; j++) {
            if (j != i) {
                shift = Math.max(shift, values[j]);
            }
        }
        double c = shift;
        double top = (reserve - c) / tau;
        for (int j = 0; j < values.length; j++) {
            if (j != i) {
                top = Math.max(top, logWeight(values, j, c));
            }
        }
        double sum = Math.exp((reserve - c) / tau - top);
        for (int j = 0; j < values.length; j++) {
            if (j != i) {
                sum += Math.exp(logWeight(values, j, c) - top);
            }
        }
        double others = top + Math.log(sum);
        double logQi = logQualities == null ? 0 : logQualities[i];
        return Curves.monotone(NAME, i, grid, k -> {
            double own = (grid.point(k) - c) / tau + logQi;
            return 1 / (1 + Math.exp(others - own));
        });
    }

    /** Validates the profile and returns the shift {@code c = max(r, max_j v_j)} that keeps {@code v/τ} finite. */
    private double shift(double[] values) {
        Checks.values(NAME, values);
        checkQualityCount(values);
        double c = reserve;
        for (double v : values) {
            c = Math.max(c, v);
        }
        return c;
    }

    private void checkQualityCount(double[] values) {
        if (qualities != null && qualities.length != values.length) {
            throw new IllegalArgumentException(NAME + " has " + qualities.length
                    + " quality weights but the profile has " + values.length + " agents");
        }
    }

    /** {@code log(q_j exp(v_j/τ)) - c/τ}. */
    private double logWeight(double[] values, int j, double c) {
        double a = (values[j] - c) / tau;
        return logQualities == null ? a : a + logQualities[j];
    }

    private double maxLogWeight(double[] values, double c) {
        double top = (reserve - c) / tau;
        for (int j = 0; j < values.length; j++) {
            top = Math.max(top, logWeight(values, j, c));
        }
        return top;
    }

    /** The denominator of x, outside option included, scaled by {@code exp(-top)}: always in [1, n+1]. */
    private double sumWeights(double[] values, double c, double top) {
        double total = Math.exp((reserve - c) / tau - top);
        for (int j = 0; j < values.length; j++) {
            total += Math.exp(logWeight(values, j, c) - top);
        }
        return total;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Softmax s && Double.compare(tau, s.tau) == 0 && Double.compare(reserve, s.reserve) == 0
                && Arrays.equals(qualities, s.qualities);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Double.hashCode(tau) + Double.hashCode(reserve)) + Arrays.hashCode(qualities);
    }

    /** The spec {@link AllocationAlgorithms#parse} reads back, e.g. {@code softmax:tau=1.0,reserve=0.0}. */
    @Override
    public String toString() {
        String s = NAME + ":tau=" + tau + ",reserve=" + reserve;
        return qualities == null ? s : s + ",qualities=" + AllocationAlgorithms.list(qualities);
    }
}
