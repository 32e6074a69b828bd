package dev.dashmech.mechanism.rule;

import java.util.Arrays;
import java.util.Collection;
import java.util.function.DoubleUnaryOperator;

/**
 * A single-agent allocation rule {@code y : [0, vmax] -> [0, 1]} (Section 3), monotone non-decreasing,
 * held as its values at the points of a {@link ValueGrid} and linear between them; flat beyond
 * {@code vmax}. Immutable.
 *
 * <p>Because the rule is piecewise linear, its integral {@code Y(z) = ∫_0^z y} and the payment identity
 * (eq. 2) are computed in closed form, exactly for the representation: no numerical quadrature. The
 * payment is accumulated as the Stieltjes integral {@code q(v) = ∫_0^v z dy(z) + q0} (equal to
 * {@code v y(v) − Y(v) + q0} by parts), whose increments are never negative, so it carries no
 * cancellation error even where {@code v y(v)} and {@code Y(v)} are close.
 */
public final class AllocationRule {

    /**
     * Smallest step between neighbouring grid probabilities that {@link #isStrictlyIncreasing()} accepts:
     * below it the bid strategy of the rule is, in floating point, flat and not invertible.
     */
    public static final double MIN_STEP = 1e-12;

    private final ValueGrid grid;
    private final double[] probabilities;
    /** {@code Y(z_k)}, exact trapezoids. */
    private final double[] cumulative;
    /** {@code q(z_k)} with {@code q0 = 0}: {@code Σ (y_{j+1} − y_j)(z_j + z_{j+1}) / 2}. */
    private final double[] payments;

    private AllocationRule(ValueGrid grid, double[] probabilities) {
        this.grid = grid;
        this.probabilities = probabilities;
        int n = probabilities.length;
        this.cumulative = new double[n];
        this.payments = new double[n];
        for (int k = 1; k < n; k++) {
            double z0 = grid.point(k - 1);
            double z1 = grid.point(k);
            cumulative[k] = cumulative[k - 1] + (z1 - z0) * (probabilities[k - 1] + probabilities[k]) / 2;
            payments[k] = payments[k - 1] + (probabilities[k] - probabilities[k - 1]) * (z0 + z1) / 2;
        }
    }

    /**
     * The rule through {@code probabilities[k]} at grid point {@code k}.
     *
     * @throws IllegalArgumentException naming the offending point if a probability is outside [0, 1],
     *     not a number, or smaller than the one before it
     */
    public static AllocationRule of(ValueGrid grid, double[] probabilities) {
        if (probabilities.length != grid.size()) {
            throw new IllegalArgumentException("an allocation rule on " + grid + " needs " + grid.size()
                    + " probabilities, was given " + probabilities.length);
        }
        double[] p = probabilities.clone();
        for (int k = 0; k < p.length; k++) {
            if (!(p[k] >= 0 && p[k] <= 1)) {
                throw new IllegalArgumentException("win probability at value " + grid.point(k)
                        + " must be in [0, 1], was " + p[k]);
            }
            if (k > 0 && p[k] < p[k - 1]) {
                throw new IllegalArgumentException("allocation rule must be non-decreasing: probability "
                        + p[k] + " at value " + grid.point(k) + " is below " + p[k - 1] + " at value "
                        + grid.point(k - 1));
            }
        }
        return new AllocationRule(grid, p);
    }

    /**
     * The rule through {@code y(z_k)} at every grid point: a continuous rule represented on the grid.
     *
     * @throws IllegalArgumentException as {@link #of} if {@code y} is not a monotone map into [0, 1]
     */
    public static AllocationRule sample(ValueGrid grid, DoubleUnaryOperator y) {
        double[] p = new double[grid.size()];
        for (int k = 0; k < p.length; k++) {
            p[k] = y.applyAsDouble(grid.point(k));
        }
        return of(grid, p);
    }

    /**
     * The pointwise mean of rules on one grid (Def. 3, step 3: the empirical single-agent rule). The mean
     * of piecewise-linear rules on one grid is the piecewise-linear rule through the mean probabilities.
     *
     * @throws IllegalArgumentException if {@code rules} is empty or the rules are on different grids
     */
    public static AllocationRule mean(Collection<AllocationRule> rules) {
        if (rules.isEmpty()) {
            throw new IllegalArgumentException("the mean of allocation rules needs at least one rule");
        }
        ValueGrid g = rules.iterator().next().grid;
        double[] sum = new double[g.size()];
        for (AllocationRule r : rules) {
            if (!r.grid.equals(g)) {
                throw new IllegalArgumentException("cannot average rules on different grids: " + r.grid
                        + " and " + g);
            }
            for (int k = 0; k < sum.length; k++) {
                sum[k] += r.probabilities[k];
            }
        }
        int n = rules.size();
        for (int k = 0; k < sum.length; k++) {
            // clamp guards against a last-ulp excursion above 1 of a mean of ones
            sum[k] = Math.min(1.0, sum[k] / n);
            if (k > 0 && sum[k] < sum[k - 1]) {
                sum[k] = sum[k - 1];
            }
        }
        return new AllocationRule(g, sum);
    }

    public ValueGrid grid() {
        return grid;
    }

    /** Number of grid points. */
    public int size() {
        return probabilities.length;
    }

    /** The win probability at grid point {@code k}. */
    public double probability(int k) {
        return probabilities[k];
    }

    /** A copy of the probabilities at the grid points. */
    public double[] probabilities() {
        return probabilities.clone();
    }

    /** {@code y(z)}, linear between grid points, flat below 0 and above vmax. */
    public double at(double z) {
        if (z <= 0) {
            return probabilities[0];
        }
        if (z >= grid.vmax()) {
            return probabilities[probabilities.length - 1];
        }
        int k = grid.cellOf(z);
        double z0 = grid.point(k);
        double z1 = grid.point(k + 1);
        double t = (z - z0) / (z1 - z0);
        return probabilities[k] + t * (probabilities[k + 1] - probabilities[k]);
    }

    /** {@code Y(z_k) = ∫_0^{z_k} y}, exact for the representation. */
    public double cumulativeAt(int k) {
        return cumulative[k];
    }

    /** A copy of {@code Y} at the grid points. */
    public double[] cumulative() {
        return cumulative.clone();
    }

    /**
     * {@code Y(z) = ∫_0^z y(t) dt}, exact for the piecewise-linear representation (a trapezoid within the
     * cell of {@code z}); beyond vmax the rule is flat, so {@code Y} grows linearly.
     *
     * @throws IllegalArgumentException if {@code z} is negative or not a number
     */
    public double integral(double z) {
        checkValue(z);
        int last = probabilities.length - 1;
        if (z >= grid.vmax()) {
            return cumulative[last] + probabilities[last] * (z - grid.vmax());
        }
        int k = grid.cellOf(z);
        double z0 = grid.point(k);
        return cumulative[k] + (z - z0) * (probabilities[k] + at(z)) / 2;
    }

    /** The truthful payment {@code q(z_k)} at grid point {@code k}, eq. 2 with {@code q0 = 0}. */
    public double paymentAt(int k) {
        return payments[k];
    }

    /**
     * The truthful expected payment of value {@code v} by the payment identity (eq. 2),
     * {@code q(v) = v y(v) − ∫_0^v y + q0}, with {@code q0 = 0}.
     *
     * @throws IllegalArgumentException if {@code v} is negative or not a number
     */
    public double payment(double v) {
        return payment(v, 0);
    }

    /**
     * The payment identity (eq. 2) with transfer {@code q0 = q(0)}:
     * {@code q(v) = v y(v) − ∫_0^v y + q0}, exact for the representation.
     *
     * @throws IllegalArgumentException if {@code v} is negative or not a number, or {@code q0} not finite
     */
    public double payment(double v, double q0) {
        checkValue(v);
        if (!Double.isFinite(q0)) {
            throw new IllegalArgumentException("transfer q0 must be finite, was " + q0);
        }
        int last = probabilities.length - 1;
        if (v >= grid.vmax()) {
            return payments[last] + q0; // y flat beyond vmax: ∫ z dy adds nothing
        }
        int k = grid.cellOf(v);
        double z0 = grid.point(k);
        // ∫_{z0}^{v} z dy = (y(v) − y(z0)) (z0 + v) / 2 on a linear cell
        return payments[k] + (at(v) - probabilities[k]) * (z0 + v) / 2 + q0;
    }

    /**
     * Whether every step between neighbouring grid probabilities is at least {@link #MIN_STEP}, so that
     * the rule is strictly increasing and its bid strategies are invertible (Lemma 1).
     */
    public boolean isStrictlyIncreasing() {
        for (int k = 1; k < probabilities.length; k++) {
            if (!(probabilities[k] - probabilities[k - 1] >= MIN_STEP)) {
                return false;
            }
        }
        return true;
    }

    /**
     * This rule if it {@linkplain #isStrictlyIncreasing() is strictly increasing}, else
     * {@link #withSlope(double) withSlope(epsilon)}.
     */
    public AllocationRule strictlyIncreasing(double epsilon) {
        return isStrictlyIncreasing() ? this : withSlope(epsilon);
    }

    /**
     * Mixes in a tiny slope so the rule becomes strictly increasing and its bid strategy invertible:
     * {@code (1 − ε) y(z) + ε (a + (1 − a) z / vmax)} with {@code a = y(0)}, or {@code a = 0} if
     * {@code y(0) > 1 − ε} or so close to 1 that the line from it would leave a grid step below
     * {@link #MIN_STEP}. The line goes from {@code a} to 1, so the result moves no probability by more than
     * {@code ε} and stays within [0, 1]; with {@code a = y(0)} it keeps {@code y(0)} and any floor
     * {@code y ≥ η}. A rule that is (almost) 1 at every value has no strictly increasing neighbour that
     * keeps {@code y(0)}: it is lowered at the low end by {@code ε y(0)}, and its bids are tiny but strictly
     * increasing.
     *
     * @throws IllegalArgumentException if {@code epsilon} is not in (0, 1)
     */
    public AllocationRule withSlope(double epsilon) {
        if (!(epsilon > 0 && epsilon < 1)) {
            throw new IllegalArgumentException("slope mixing weight must be in (0, 1), was " + epsilon);
        }
        double y0 = probabilities[0];
        if (y0 <= 1 - epsilon) {
            double[] p = mixedWithLine(epsilon, y0);
            p[0] = y0; // exact, not within an ulp
            AllocationRule keeping = new AllocationRule(grid, p);
            if (keeping.isStrictlyIncreasing()) {
                return keeping;
            }
            // y(0) is so close to 1 that the line from it rises by less than MIN_STEP per grid step
        }
        return new AllocationRule(grid, mixedWithLine(epsilon, 0.0));
    }

    /** {@code (1 − ε) y(z) + ε (a + (1 − a) z / vmax)} at the grid points, capped at 1. */
    private double[] mixedWithLine(double epsilon, double a) {
        double[] p = new double[probabilities.length];
        double vmax = grid.vmax();
        for (int k = 0; k < p.length; k++) {
            double line = a + (1 - a) * grid.point(k) / vmax;
            p[k] = Math.min(1.0, (1 - epsilon) * probabilities[k] + epsilon * line);
        }
        return p;
    }

    /**
     * {@code max(y, η)}: the floor that winner-pays-bid rebalancing needs (Lemma 4; MECHANISM.md §4). The
     * result is flat where {@code y < η}; combine with {@link #strictlyIncreasing(double)}.
     *
     * @throws IllegalArgumentException if {@code eta} is not in [0, 1]
     */
    public AllocationRule floor(double eta) {
        if (!(eta >= 0 && eta <= 1)) {
            throw new IllegalArgumentException("floor must be in [0, 1], was " + eta);
        }
        double[] p = new double[probabilities.length];
        for (int k = 0; k < p.length; k++) {
            p[k] = Math.max(probabilities[k], eta);
        }
        return new AllocationRule(grid, p);
    }

    /**
     * {@code (1 − ρ) y + ρ μ}: the rule mixed with a constant (Def. 17, step 4, with {@code μ = μ̂}).
     *
     * @throws IllegalArgumentException if {@code rho} or {@code mu} is outside [0, 1]
     */
    public AllocationRule mixedWithConstant(double rho, double mu) {
        if (!(rho >= 0 && rho <= 1)) {
            throw new IllegalArgumentException("mixing weight rho must be in [0, 1], was " + rho);
        }
        if (!(mu >= 0 && mu <= 1)) {
            throw new IllegalArgumentException("constant mu must be a probability in [0, 1], was " + mu);
        }
        double[] p = new double[probabilities.length];
        for (int k = 0; k < p.length; k++) {
            p[k] = Math.min(1.0, (1 - rho) * probabilities[k] + rho * mu);
            if (k > 0 && p[k] < p[k - 1]) {
                p[k] = p[k - 1];
            }
        }
        return new AllocationRule(grid, p);
    }

    private static void checkValue(double v) {
        if (!(v >= 0) || v == Double.POSITIVE_INFINITY) {
            throw new IllegalArgumentException("a value must be a finite number >= 0, was " + v);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AllocationRule r && grid.equals(r.grid) && Arrays.equals(probabilities, r.probabilities);
    }

    @Override
    public int hashCode() {
        return 31 * grid.hashCode() + Arrays.hashCode(probabilities);
    }

    @Override
    public String toString() {
        return "AllocationRule[" + grid + ", y(0)=" + probabilities[0] + ", y(vmax)="
                + probabilities[probabilities.length - 1] + "]";
    }
}
