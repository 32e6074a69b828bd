package dev.dashmech.mechanism.dashboard;

import dev.dashmech.mechanism.rule.AllocationRule;
import dev.dashmech.mechanism.rule.ValueGrid;

/**
 * The instrumentation samples {@code (v̌, w̌)} of one agent (Def. 17, step 1), binned on the cells of the
 * value grid, from which the instrumented dashboard is recomputed: {@code μ̂} their mean allocation,
 * {@code x̂} their {@linkplain CenteredIsotonicRegression centred isotonic regression}, and
 * {@code y = (1−ρ) x̂ + ρ μ̂} (step 4). Add only the samples of stages where the agent was instrumented
 * ({@code v̌ ~ U[0, vmax]}, Def. 16).
 *
 * <p>Per cell it keeps three primitive sums: weight, wins and weighted value (for the block centres of
 * the regression), so {@link #add} is {@code O(1)} and a recompute is {@code O(cells)} however many samples
 * were added. Optional exponential forgetting for dynamic markets: a sample added {@code n} samples ago
 * weighs {@code λ^n}; implemented by growing the weight of new samples (and rescaling rarely), so
 * {@code add} stays {@code O(1)} amortized. Mutable per-agent state; not thread-safe.
 */
public final class InstrumentationSamples {

    /** Weight of the slope mixed into the instrumented rule so that it is strictly increasing. */
    public static final double SLOPE_MIX = 1e-6;

    private static final double RESCALE_ABOVE = 1e100;

    private final ValueGrid grid;
    private final double forgetting;
    private final double growth;
    private final double[] weights;
    private final double[] wins;
    private final double[] valueSums;
    private long count;
    /** Weight of the next sample; older samples keep theirs, so relative weights decay by λ per sample. */
    private double scale = 1.0;

    private InstrumentationSamples(ValueGrid grid, double forgetting) {
        this.grid = grid;
        this.forgetting = forgetting;
        this.growth = 1 / forgetting;
        int cells = grid.size() - 1;
        this.weights = new double[cells];
        this.wins = new double[cells];
        this.valueSums = new double[cells];
    }

    /** An empty accumulator on {@code grid} without forgetting. */
    public static InstrumentationSamples on(ValueGrid grid) {
        return on(grid, 1.0);
    }

    /**
     * An empty accumulator on {@code grid} with forgetting factor {@code λ} (1 = no forgetting).
     *
     * @throws IllegalArgumentException if {@code forgetting} is not in (0, 1]
     */
    public static InstrumentationSamples on(ValueGrid grid, double forgetting) {
        if (!(forgetting > 0 && forgetting <= 1)) {
            throw new IllegalArgumentException("forgetting factor must be in (0, 1] (1 = keep every sample), was "
                    + forgetting);
        }
        return new InstrumentationSamples(grid, forgetting);
    }

    /**
     * An accumulator restored from a {@link #snapshot()}, e.g. from a state store.
     *
     * @throws IllegalArgumentException if the snapshot does not fit the grid or holds negative sums
     */
    public static InstrumentationSamples restore(ValueGrid grid, double forgetting, Snapshot snapshot) {
        InstrumentationSamples s = on(grid, forgetting);
        int cells = grid.size() - 1;
        if (snapshot.weights().length != cells || snapshot.wins().length != cells
                || snapshot.valueSums().length != cells) {
            throw new IllegalArgumentException("snapshot has " + snapshot.weights().length + " cells, " + grid
                    + " has " + cells);
        }
        for (int j = 0; j < cells; j++) {
            double w = snapshot.weights()[j];
            double x = snapshot.wins()[j];
            double v = snapshot.valueSums()[j];
            if (!(w >= 0 && x >= 0 && x <= w * (1 + 1e-12) && v >= 0) || Double.isInfinite(w)) {
                throw new IllegalArgumentException("snapshot cell " + j + ": weight " + w + ", wins " + x
                        + ", value sum " + v + " must be finite with 0 <= wins <= weight");
            }
            s.weights[j] = w;
            s.wins[j] = x;
            s.valueSums[j] = v;
        }
        if (snapshot.count() < 0) {
            throw new IllegalArgumentException("snapshot count must be >= 0, was " + snapshot.count());
        }
        s.count = snapshot.count();
        return s;
    }

    /**
     * Adds one instrumentation sample: the uniform draw {@code v̌} the algorithm was called with and
     * whether the agent won. {@code O(1)}.
     *
     * @throws IllegalArgumentException if {@code valueDraw} is outside {@code [0, vmax]} or not a number
     */
    public void add(double valueDraw, boolean won) {
        if (!(valueDraw >= 0 && valueDraw <= grid.vmax())) {
            throw new IllegalArgumentException("instrumentation draw must be in [0, " + grid.vmax() + "], was "
                    + valueDraw);
        }
        int j = grid.cellOf(valueDraw);
        weights[j] += scale;
        valueSums[j] += scale * valueDraw;
        if (won) {
            wins[j] += scale;
        }
        count++;
        if (growth != 1.0) {
            scale *= growth;
            if (scale > RESCALE_ABOVE) {
                rescale();
            }
        }
    }

    private void rescale() {
        double f = 1 / scale;
        for (int j = 0; j < weights.length; j++) {
            weights[j] *= f;
            wins[j] *= f;
            valueSums[j] *= f;
        }
        scale = 1.0;
    }

    public ValueGrid grid() {
        return grid;
    }

    /** The forgetting factor λ. */
    public double forgetting() {
        return forgetting;
    }

    /** The number of samples added (or restored), without forgetting. */
    public long count() {
        return count;
    }

    public boolean isEmpty() {
        return count == 0;
    }

    /**
     * The sum of the samples' weights with the most recent sample weighing 1: {@code Σ λ^age}, which is
     * {@link #count()} without forgetting and tends to {@code 1/(1−λ)} with it.
     */
    public double effectiveCount() {
        if (count == 0) {
            return 0;
        }
        double s = 0;
        for (double w : weights) {
            s += w;
        }
        return s / (scale * forgetting);
    }

    /**
     * {@code μ̂}: the (weighted) mean allocation of the samples (Def. 17, step 2).
     *
     * @throws IllegalStateException if there are no samples
     */
    public double meanAllocation() {
        requireSamples();
        double w = 0;
        double x = 0;
        for (int j = 0; j < weights.length; j++) {
            w += weights[j];
            x += wins[j];
        }
        return Math.min(1.0, x / w);
    }

    /**
     * The centred isotonic regression of the wins on the draws, one point per non-empty cell at the
     * weighted mean of its draws.
     *
     * @throws IllegalStateException if there are no samples
     */
    public CenteredIsotonicRegression regression() {
        requireSamples();
        int cells = weights.length;
        double[] x = new double[cells];
        double[] y = new double[cells];
        for (int j = 0; j < cells; j++) {
            double previous = j == 0 ? 0.0 : x[j - 1];
            if (weights[j] > 0) {
                // the centre lies in its cell; clamping guards the last ulp so centres never decrease
                double centre = Math.min(grid.point(j + 1), Math.max(grid.point(j), valueSums[j] / weights[j]));
                x[j] = Math.max(previous, centre);
                y[j] = Math.min(1.0, wins[j] / weights[j]);
            } else {
                x[j] = previous; // ignored (weight 0); keeps x non-decreasing
            }
        }
        return CenteredIsotonicRegression.fit(x, y, weights);
    }

    /**
     * {@code x̂}: the empirical allocation rule (Def. 17, step 3), continuous and monotone, on the grid.
     *
     * @throws IllegalStateException if there are no samples
     */
    public AllocationRule empiricalRule() {
        return regression().toRule(grid);
    }

    /**
     * The instrumented allocation rule {@code y = (1−ρ) x̂ + ρ μ̂} (Def. 17, step 4), with a slope of weight
     * {@link #SLOPE_MIX} mixed in so that it is strictly increasing and its bids invertible.
     *
     * @throws IllegalArgumentException if {@code rho} is not in [0, 1)
     * @throws IllegalStateException if there are no samples
     */
    public AllocationRule instrumentedRule(double rho) {
        if (!(rho >= 0 && rho < 1)) {
            throw new IllegalArgumentException("instrumentation rate rho must be in [0, 1), was " + rho);
        }
        AllocationRule x = empiricalRule();
        return x.mixedWithConstant(rho, meanAllocation()).withSlope(SLOPE_MIX);
    }

    /** The binned sums, normalized so that the next sample weighs 1; for a state store. */
    public Snapshot snapshot() {
        double f = 1 / scale;
        double[] w = new double[weights.length];
        double[] x = new double[weights.length];
        double[] v = new double[weights.length];
        for (int j = 0; j < w.length; j++) {
            w[j] = weights[j] * f;
            x[j] = wins[j] * f;
            v[j] = valueSums[j] * f;
        }
        return new Snapshot(w, x, v, count);
    }

    private void requireSamples() {
        if (count == 0 || effectiveCount() <= 0) {
            throw new IllegalStateException("no instrumentation samples yet: publish the prior dashboard "
                    + "(Prior.uniformCompetitor) until the agent has been instrumented");
        }
    }

    /**
     * The binned state of an accumulator: per grid cell the weight, wins and weighted value sum of its
     * samples, and the number of samples added.
     */
    public record Snapshot(double[] weights, double[] wins, double[] valueSums, long count) {
    }
}
