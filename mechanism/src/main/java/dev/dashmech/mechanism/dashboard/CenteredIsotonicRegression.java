package dev.dashmech.mechanism.dashboard;

import dev.dashmech.mechanism.rule.AllocationRule;
import dev.dashmech.mechanism.rule.ValueGrid;
import java.util.Arrays;

/**
 * Continuous isotonic regression for the instrumented dashboard (Def. 17; MECHANISM.md §3): weighted
 * pool-adjacent-violators (PAV) in {@code O(points)}, then the curve through one knot per pooled block,
 * at the block's weighted centre and level, linear between knots and flat beyond the end knots. This is
 * the centred isotonic regression of Oron and Flournoy (2017): unlike the step function of plain PAV
 * (ironing), it is continuous, as Def. 17 requires. Adjacent blocks with equal levels are pooled too, so
 * the knots' levels strictly increase. Immutable.
 *
 * <p>Hand-written: no maintained Java library offers weighted centred isotonic regression on binned data.
 */
public final class CenteredIsotonicRegression {

    private final double[] knots;
    private final double[] levels;
    private final double[] weights;

    private CenteredIsotonicRegression(double[] knots, double[] levels, double[] weights) {
        this.knots = knots;
        this.levels = levels;
        this.weights = weights;
    }

    /**
     * Fits points {@code (x[j], y[j])} with weights {@code w[j]}; points of weight 0 are ignored.
     *
     * @throws IllegalArgumentException naming the bad point if the arrays differ in length, an
     *     {@code x} or {@code y} is not finite, {@code x} decreases, a weight is negative or not finite, or
     *     no point has positive weight
     */
    public static CenteredIsotonicRegression fit(double[] x, double[] y, double[] w) {
        int n = x.length;
        if (y.length != n || w.length != n) {
            throw new IllegalArgumentException("isotonic regression needs as many levels and weights as points: "
                    + n + " points, " + y.length + " levels, " + w.length + " weights");
        }
        double[] bx = new double[n]; // weighted sums of x per block
        double[] by = new double[n]; // weighted sums of y per block
        double[] bw = new double[n]; // weights per block
        int top = -1;
        for (int j = 0; j < n; j++) {
            if (!(w[j] >= 0) || Double.isInfinite(w[j])) {
                throw new IllegalArgumentException("point " + j + ": weight must be a finite number >= 0, was "
                        + w[j]);
            }
            if (!Double.isFinite(x[j]) || !Double.isFinite(y[j]) || (j > 0 && x[j] < x[j - 1])) {
                throw new IllegalArgumentException("point " + j + ": (" + x[j] + ", " + y[j]
                        + ") must be finite with x not below the previous point's " + (j > 0 ? x[j - 1] : x[j]));
            }
            if (w[j] == 0) {
                continue;
            }
            top++;
            bx[top] = w[j] * x[j];
            by[top] = w[j] * y[j];
            bw[top] = w[j];
            // pool while the previous block's level is not below this one's, or the centres coincide; compared
            // as the quotients that become the knots, so that ties lost to rounding are pooled too
            while (top > 0 && (by[top - 1] / bw[top - 1] >= by[top] / bw[top]
                    || bx[top - 1] / bw[top - 1] >= bx[top] / bw[top])) {
                bx[top - 1] += bx[top];
                by[top - 1] += by[top];
                bw[top - 1] += bw[top];
                top--;
            }
        }
        if (top < 0) {
            throw new IllegalArgumentException("isotonic regression needs at least one point of positive weight");
        }
        int blocks = top + 1;
        double[] knots = new double[blocks];
        double[] levels = new double[blocks];
        double[] weights = Arrays.copyOf(bw, blocks);
        for (int b = 0; b < blocks; b++) {
            knots[b] = bx[b] / bw[b];
            levels[b] = by[b] / bw[b];
        }
        return new CenteredIsotonicRegression(knots, levels, weights);
    }

    /** Number of pooled blocks, one knot each. */
    public int blocks() {
        return knots.length;
    }

    /** The knots' positions: the weighted centres of the blocks, strictly increasing. */
    public double[] knots() {
        return knots.clone();
    }

    /** The knots' levels: the weighted means of the blocks, strictly increasing. */
    public double[] levels() {
        return levels.clone();
    }

    /** The blocks' total weights. */
    public double[] weights() {
        return weights.clone();
    }

    /** The fitted curve at {@code z}: linear between knots, flat beyond the end knots. */
    public double at(double z) {
        int n = knots.length;
        if (z <= knots[0]) {
            return levels[0];
        }
        if (z >= knots[n - 1]) {
            return levels[n - 1];
        }
        int i = Arrays.binarySearch(knots, z);
        if (i >= 0) {
            return levels[i];
        }
        int k = -i - 2;
        double t = (z - knots[k]) / (knots[k + 1] - knots[k]);
        return levels[k] + t * (levels[k + 1] - levels[k]);
    }

    /**
     * The fitted curve as an allocation rule on {@code grid}: its values at the grid points, clamped to
     * [0, 1]. Between grid points the rule is linear, so knots off the grid are rounded into it.
     */
    public AllocationRule toRule(ValueGrid grid) {
        double[] p = new double[grid.size()];
        for (int k = 0; k < p.length; k++) {
            p[k] = Math.max(0.0, Math.min(1.0, at(grid.point(k))));
            if (k > 0 && p[k] < p[k - 1]) {
                p[k] = p[k - 1]; // guards the last ulp of interpolation
            }
        }
        return AllocationRule.of(grid, p);
    }

    @Override
    public String toString() {
        return "CenteredIsotonicRegression[" + knots.length + " blocks on [" + knots[0] + ", "
                + knots[knots.length - 1] + "]]";
    }
}
