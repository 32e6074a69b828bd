package dev.dashmech.mechanism.testing;

import dev.dashmech.mechanism.rule.AllocationRule;
import dev.dashmech.mechanism.rule.ValueGrid;
import java.util.Arrays;

/**
 * Random allocation rules on a grid, for the property tests of the mechanism. Each family draws its
 * parameters from a {@link Draw}, so edge parameters come up too: all-zero and all-one (flat) sorted rules,
 * logistic curves centred at 0 or {@code vmax}, steps at the first or last grid point.
 */
public final class RuleGenerators {

    private RuleGenerators() {
    }

    /**
     * Any monotone rule: sorted uniform probabilities (with flat parts, zero regions, jumps), smooth
     * logistic curves, powers, and steps, in equal parts.
     */
    public static AllocationRule monotone(Draw d, ValueGrid grid) {
        return switch (d.index(4)) {
            case 0 -> sorted(d, grid);
            case 1 -> logistic(d, grid);
            case 2 -> power(d, grid);
            default -> step(d, grid);
        };
    }

    /**
     * Strictly increasing rules (every grid step at least 1e-6): positive increments, logistic curves and
     * powers with a slope mixed in, in equal parts.
     */
    public static AllocationRule strictlyIncreasing(Draw d, ValueGrid grid) {
        return switch (d.index(3)) {
            case 0 -> increments(d, grid);
            case 1 -> logistic(d, grid);
            default -> power(d, grid).withSlope(1e-3);
        };
    }

    /** Smooth strictly increasing rules (logistic), on which grid interpolation is accurate. */
    public static AllocationRule smooth(Draw d, ValueGrid grid) {
        return logistic(d, grid);
    }

    /** Sorted independent probabilities: ties, flat stretches, jumps; all edges give flat 0 or 1 rules. */
    static AllocationRule sorted(Draw d, ValueGrid grid) {
        double[] p = d.doubles(grid.size(), e -> e.decimal(0, 1, 6));
        Arrays.sort(p);
        return AllocationRule.of(grid, p);
    }

    /** From {@code low}, rising by {@code span} over random positive increments. */
    static AllocationRule increments(Draw d, ValueGrid grid) {
        double[] steps = d.doubles(grid.size() - 1, e -> e.decimal(1e-3, 1, 6));
        double low = d.decimal(0, 0.5, 6);
        double span = d.decimal(0.05, 0.5, 6);
        double total = Arrays.stream(steps).sum();
        double[] p = new double[grid.size()];
        p[0] = low;
        double acc = 0;
        for (int k = 1; k < p.length; k++) {
            acc += steps[k - 1];
            p[k] = Math.min(1.0, low + span * acc / total);
        }
        return AllocationRule.of(grid, p);
    }

    static AllocationRule logistic(Draw d, ValueGrid grid) {
        double vmax = grid.vmax();
        double low = d.decimal(0, 0.3, 6);
        double high = d.decimal(0.4, 1, 6);
        double mid = d.decimal(0, vmax, 6);
        double width = d.decimal(0.05 * vmax, vmax, 6);
        return AllocationRule.sample(grid, z -> low + (high - low) / (1 + Math.exp(-(z - mid) / width)));
    }

    static AllocationRule power(Draw d, ValueGrid grid) {
        double vmax = grid.vmax();
        double scale = d.decimal(0.05, 1, 6);
        double exponent = d.decimal(0.2, 6, 6);
        return AllocationRule.sample(grid, z -> scale * Math.pow(z / vmax, exponent));
    }

    /** {@code low} below grid point {@code at}, {@code high} from it on. */
    static AllocationRule step(Draw d, ValueGrid grid) {
        int at = d.between(0, grid.size() - 1);
        double low = d.decimal(0, 0.5, 6);
        double high = d.decimal(0.5, 1, 6);
        double[] p = new double[grid.size()];
        for (int j = 0; j < p.length; j++) {
            p[j] = j < at ? low : high;
        }
        return AllocationRule.of(grid, p);
    }
}
