package dev.dashmech.mechanism.testing;

import dev.dashmech.mechanism.rule.AllocationRule;
import dev.dashmech.mechanism.rule.ValueGrid;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.RandomDistribution;

/**
 * A single-agent dynamic environment for the balance theorems: per stage the agent's counterfactual stage
 * rule {@code x^{(s)}}, an arbitrary dashboard rule (for theorems that allow any dashboard), the agent's
 * value, and a seed for the realized allocations.
 */
public record Scenario(List<AllocationRule> stageRules, List<AllocationRule> dashboardRules, double[] values,
        long seed) {

    public int stages() {
        return stageRules.size();
    }

    /**
     * Scenarios of 1 to {@code maxStages} stages (uniformly many: jqwik's default favours short lists, too
     * short for balances to accumulate) with monotone rules and values in {@code [0, vmax]}.
     */
    public static Arbitrary<Scenario> dynamic(ValueGrid grid, int maxStages) {
        Arbitrary<AllocationRule> rule = RuleArbitraries.monotone(grid);
        return rule.list().ofMinSize(1).ofMaxSize(maxStages).withSizeDistribution(RandomDistribution.uniform())
                .flatMap(xs -> {
            int n = xs.size();
            Arbitrary<List<AllocationRule>> ys = rule.list().ofSize(n);
            Arbitrary<double[]> vs = Arbitraries.doubles().between(0, grid.vmax()).ofScale(6)
                    .array(double[].class).ofSize(n);
            Arbitrary<Long> seeds = Arbitraries.longs();
            return net.jqwik.api.Combinators.combine(ys, vs, seeds).as((y, v, s) -> new Scenario(xs, y, v, s));
        });
    }

    /**
     * Dynamic environments mixed with {@linkplain #systematic systematic} ones, in equal parts: the arbitrary
     * case and the case that drives the balance toward its bound.
     */
    public static Arbitrary<Scenario> any(ValueGrid grid, int maxStages) {
        return Arbitraries.oneOf(dynamic(grid, maxStages), systematic(grid, maxStages));
    }

    /**
     * Environments where the dashboard misprices the stage in the same direction every stage, so that
     * payment residuals accumulate (the worst case of the proofs of Theorems 3-5). Direction +1: the stage
     * rule jumps from 0 to 1 at the agent's value (its truthful bid is about the value) while the dashboard
     * rule is flat (its bid is about 0), so the agent underpays. Direction −1: the reverse.
     */
    public static Arbitrary<Scenario> systematic(ValueGrid grid, int maxStages) {
        Arbitrary<double[]> values = Arbitraries.doubles().between(0, grid.vmax()).ofScale(6)
                .array(double[].class).ofMinSize(1).ofMaxSize(maxStages)
                .withSizeDistribution(RandomDistribution.uniform());
        Arbitrary<Integer> direction = Arbitraries.of(1, -1);
        return net.jqwik.api.Combinators.combine(values, direction, Arbitraries.longs()).as((v, d, seed) -> {
            List<AllocationRule> steps = new java.util.ArrayList<>();
            List<AllocationRule> flats = new java.util.ArrayList<>();
            for (double value : v) {
                steps.add(stepAt(grid, value));
                flats.add(AllocationRule.sample(grid, z -> 1.0));
            }
            return d > 0 ? new Scenario(steps, flats, v, seed) : new Scenario(flats, steps, v, seed);
        });
    }

    /** 0 below the grid cell of {@code v}, 1 from the grid point at or above {@code v}. */
    private static AllocationRule stepAt(ValueGrid grid, double v) {
        double[] p = new double[grid.size()];
        for (int k = 0; k < p.length; k++) {
            p[k] = grid.point(k) >= v ? 1 : 0;
        }
        return AllocationRule.of(grid, p);
    }

    @Override
    public String toString() {
        return "Scenario[" + stages() + " stages, seed " + seed + "]";
    }
}
