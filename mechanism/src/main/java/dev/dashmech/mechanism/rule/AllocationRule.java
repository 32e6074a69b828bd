package dev.dashmech.mechanism.rule;

/**
 * A single-agent allocation rule {@code y : [0, vmax] -> [0, 1]} (Section 3), monotone non-decreasing,
 * held as its values at the points of a {@link ValueGrid} and linear between them; flat beyond
 * {@code vmax}. Immutable.
 */
public final class AllocationRule {

    private final ValueGrid grid;
    private final double[] probabilities;

    private AllocationRule(ValueGrid grid, double[] probabilities) {
        this.grid = grid;
        this.probabilities = probabilities;
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

    public ValueGrid grid() {
        return grid;
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
}
