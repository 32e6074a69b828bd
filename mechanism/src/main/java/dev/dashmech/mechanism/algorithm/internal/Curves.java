package dev.dashmech.mechanism.algorithm.internal;

import dev.dashmech.mechanism.rule.AllocationRule;
import dev.dashmech.mechanism.rule.ValueGrid;
import java.util.function.IntToDoubleFunction;

/** Builds counterfactual allocation rules {@code z -> x_i(z, v_{-i})} on a grid (Def. 3, step 2). */
public final class Curves {

    /**
     * Decreases smaller than this are rounding noise of a monotone algorithm and are flattened; larger ones mean
     * the algorithm is not monotone, which is a bug.
     */
    public static final double MONOTONE_TOLERANCE = 1e-9;

    private Curves() {
    }

    /**
     * The rule through {@code probabilityAt.applyAsDouble(k)} at grid point {@code k}, with rounding noise removed:
     * values are clamped to [0, 1] and a decrease of at most {@link #MONOTONE_TOLERANCE} is flattened.
     *
     * @throws IllegalStateException if the probabilities decrease by more than the tolerance
     */
    public static AllocationRule monotone(String algorithm, int agent, ValueGrid grid,
                                          IntToDoubleFunction probabilityAt) {
        double[] p = new double[grid.size()];
        for (int k = 0; k < p.length; k++) {
            double x = Math.min(1, Math.max(0, probabilityAt.applyAsDouble(k)));
            if (k > 0 && x < p[k - 1]) {
                if (p[k - 1] - x > MONOTONE_TOLERANCE) {
                    throw new IllegalStateException(algorithm + ": allocation of agent " + agent + " decreased from "
                            + p[k - 1] + " at value " + grid.point(k - 1) + " to " + x + " at value " + grid.point(k)
                            + "; the algorithm must be monotone in each agent's value");
                }
                x = p[k - 1];
            }
            p[k] = x;
        }
        return AllocationRule.of(grid, p);
    }
}
