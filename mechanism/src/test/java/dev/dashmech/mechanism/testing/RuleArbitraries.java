package dev.dashmech.mechanism.testing;

import dev.dashmech.mechanism.rule.AllocationRule;
import dev.dashmech.mechanism.rule.ValueGrid;
import java.util.Arrays;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** jqwik generators of allocation rules on a grid, for the property tests of the mechanism. */
public final class RuleArbitraries {

    private RuleArbitraries() {
    }

    /**
     * Any monotone rule: sorted uniform probabilities (with flat parts, zero regions, jumps), smooth
     * logistic curves, powers, and steps.
     */
    public static Arbitrary<AllocationRule> monotone(ValueGrid grid) {
        return Arbitraries.oneOf(sorted(grid), logistic(grid), power(grid), step(grid));
    }

    /** Strictly increasing rules (every grid step at least 1e-6): positive increments and logistic curves. */
    public static Arbitrary<AllocationRule> strictlyIncreasing(ValueGrid grid) {
        return Arbitraries.oneOf(increments(grid), logistic(grid), power(grid).map(r -> r.withSlope(1e-3)));
    }

    /** Smooth strictly increasing rules (logistic), on which grid interpolation is accurate. */
    public static Arbitrary<AllocationRule> smooth(ValueGrid grid) {
        return logistic(grid);
    }

    static Arbitrary<AllocationRule> sorted(ValueGrid grid) {
        return Arbitraries.doubles().between(0, 1).ofScale(6).array(double[].class).ofSize(grid.size()).map(p -> {
            double[] s = p.clone();
            Arrays.sort(s);
            return AllocationRule.of(grid, s);
        });
    }

    static Arbitrary<AllocationRule> increments(ValueGrid grid) {
        Arbitrary<double[]> steps = Arbitraries.doubles().between(1e-3, 1).ofScale(6).array(double[].class)
                .ofSize(grid.size() - 1);
        Arbitrary<Double> low = Arbitraries.doubles().between(0, 0.5).ofScale(6);
        Arbitrary<Double> span = Arbitraries.doubles().between(0.05, 0.5).ofScale(6);
        return Combinators.combine(steps, low, span).as((d, lo, sp) -> {
            double total = Arrays.stream(d).sum();
            double[] p = new double[grid.size()];
            p[0] = lo;
            double acc = 0;
            for (int k = 1; k < p.length; k++) {
                acc += d[k - 1];
                p[k] = Math.min(1.0, lo + sp * acc / total);
            }
            return AllocationRule.of(grid, p);
        });
    }

    static Arbitrary<AllocationRule> logistic(ValueGrid grid) {
        double vmax = grid.vmax();
        Arbitrary<Double> low = Arbitraries.doubles().between(0, 0.3).ofScale(6);
        Arbitrary<Double> high = Arbitraries.doubles().between(0.4, 1).ofScale(6);
        Arbitrary<Double> mid = Arbitraries.doubles().between(0, vmax).ofScale(6);
        Arbitrary<Double> width = Arbitraries.doubles().between(0.05 * vmax, vmax).ofScale(6);
        return Combinators.combine(low, high, mid, width).as((lo, hi, m, w) -> AllocationRule.sample(grid,
                z -> lo + (hi - lo) / (1 + Math.exp(-(z - m) / w))));
    }

    static Arbitrary<AllocationRule> power(ValueGrid grid) {
        double vmax = grid.vmax();
        Arbitrary<Double> scale = Arbitraries.doubles().between(0.05, 1).ofScale(6);
        Arbitrary<Double> exponent = Arbitraries.doubles().between(0.2, 6).ofScale(6);
        return Combinators.combine(scale, exponent).as((a, e) -> AllocationRule.sample(grid,
                z -> a * Math.pow(z / vmax, e)));
    }

    static Arbitrary<AllocationRule> step(ValueGrid grid) {
        Arbitrary<Integer> at = Arbitraries.integers().between(0, grid.size() - 1);
        Arbitrary<Double> low = Arbitraries.doubles().between(0, 0.5).ofScale(6);
        Arbitrary<Double> high = Arbitraries.doubles().between(0.5, 1).ofScale(6);
        return Combinators.combine(at, low, high).as((k, lo, hi) -> {
            double[] p = new double[grid.size()];
            for (int j = 0; j < p.length; j++) {
                p[j] = j < k ? lo : hi;
            }
            return AllocationRule.of(grid, p);
        });
    }
}
