package dev.dashmech.mechanism.testing;

import dev.dashmech.mechanism.rule.AllocationRule;
import dev.dashmech.mechanism.rule.ValueGrid;
import java.util.ArrayList;
import java.util.List;

/**
 * A single-agent dynamic environment for the balance theorems: per stage the agent's counterfactual stage
 * rule {@code x^{(s)}}, an arbitrary dashboard rule (for theorems that allow any dashboard), the agent's
 * value, and a seed for the realized allocations.
 */
public record Scenario(String kind, List<AllocationRule> stageRules, List<AllocationRule> dashboardRules,
        double[] values, long seed) {

    public int stages() {
        return stageRules.size();
    }

    /**
     * Dynamic environments of 1 to {@code maxStages} stages (uniformly many, so most runs are long enough for
     * balances to accumulate) with independent monotone rules and values in {@code [0, vmax]}.
     */
    public static Scenario dynamic(Draw d, ValueGrid grid, int maxStages) {
        int n = d.between(1, maxStages);
        List<AllocationRule> xs = new ArrayList<>(n);
        List<AllocationRule> ys = new ArrayList<>(n);
        for (int t = 0; t < n; t++) {
            xs.add(RuleGenerators.monotone(d, grid));
        }
        for (int t = 0; t < n; t++) {
            ys.add(RuleGenerators.monotone(d, grid));
        }
        double[] values = d.doubles(n, e -> e.decimal(0, grid.vmax(), 6));
        return new Scenario("dynamic", xs, ys, values, d.nextLong());
    }

    /**
     * Dynamic environments mixed with {@linkplain #systematic systematic} ones, in equal parts: the arbitrary
     * case and the case that drives the balance toward its bound.
     */
    public static Scenario any(Draw d, ValueGrid grid, int maxStages) {
        return d.index(2) == 0 ? dynamic(d, grid, maxStages) : systematic(d, grid, maxStages);
    }

    /**
     * Environments where the dashboard misprices the stage in the same direction every stage, so that
     * payment residuals accumulate (the worst case of the proofs of Theorems 3-5). Direction +1: the stage
     * rule jumps from 0 to 1 at the agent's value (its truthful bid is about the value) while the dashboard
     * rule is flat (its bid is about 0), so the agent underpays. Direction −1: the reverse. Both directions
     * in equal parts, 1 to {@code maxStages} stages uniformly.
     */
    public static Scenario systematic(Draw d, ValueGrid grid, int maxStages) {
        int n = d.between(1, maxStages);
        double[] values = d.doubles(n, e -> e.decimal(0, grid.vmax(), 6));
        boolean underpays = d.bool();
        List<AllocationRule> steps = new ArrayList<>(n);
        List<AllocationRule> flats = new ArrayList<>(n);
        for (double value : values) {
            steps.add(stepAt(grid, value));
            flats.add(AllocationRule.sample(grid, z -> 1.0));
        }
        long seed = d.nextLong();
        return underpays ? new Scenario("systematic, agent underpays", steps, flats, values, seed)
                : new Scenario("systematic, agent overpays", flats, steps, values, seed);
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
        return "Scenario[" + kind + ", " + stages() + " stages, allocation seed " + seed + "]";
    }
}
