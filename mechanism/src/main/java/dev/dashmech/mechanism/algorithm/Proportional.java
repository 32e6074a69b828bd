package dev.dashmech.mechanism.algorithm;

import dev.dashmech.mechanism.algorithm.internal.Checks;
import dev.dashmech.mechanism.algorithm.internal.Curves;
import dev.dashmech.mechanism.rule.AllocationRule;
import dev.dashmech.mechanism.rule.ValueGrid;
import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * Proportional share of a single item with a reserve (MECHANISM.md §2):
 * <pre>
 *   x_i = v_i / (r + Σ_j v_j)
 * </pre>
 * The reserve {@code r} acts as the value of an outside option: with probability {@code r / (r + Σ_j v_j)}
 * nobody wins. Monotone in each agent's own value, {@code Σ_i x_i <= 1}.
 *
 * <p><b>Reserve.</b> Use {@code r > 0}: then every {@code x_i} is continuous and strictly increasing in
 * {@code v_i}, and an agent's counterfactual rule {@code z / (r + S_{-i} + z)} is smooth. {@code r = 0} is
 * accepted and means "always allocate when someone has a positive value": with all values 0 nobody wins
 * ({@code x = 0}, the limit {@code 0/0} taken as 0); an agent whose rivals all have value 0 wins with
 * probability 1 for any positive value and 0 at value 0, a discontinuity that breaks the continuity the
 * dashboards assume.
 *
 * <p>{@link #sample} draws at most one winner with a single uniform draw (inverse transform over the agents in
 * index order, the outside option last). Immutable and thread-safe.
 */
public final class Proportional implements AllocationAlgorithm {

    /** The name of this algorithm in scenario files and market configs. */
    public static final String NAME = "proportional";

    private final double reserve;

    private Proportional(double reserve) {
        this.reserve = reserve;
    }

    /**
     * Proportional share with reserve {@code reserve}; prefer {@code reserve > 0} (see the class comment).
     *
     * @throws IllegalArgumentException if {@code reserve} is negative or not finite
     */
    public static Proportional of(double reserve) {
        return new Proportional(Checks.reserve(NAME, reserve));
    }

    @Override
    public String name() {
        return NAME;
    }

    /** The reserve {@code r}. */
    public double reserve() {
        return reserve;
    }

    @Override
    public void sample(double[] values, RandomGenerator rng, boolean[] wins) {
        Checks.sameLength(NAME, "wins", wins.length, values);
        double total = total(values);
        Arrays.fill(wins, false);
        // one draw even when total is 0, so the generator's position does not depend on the values
        double target = rng.nextDouble() * total;
        double cumulative = 0;
        for (int j = 0; j < values.length; j++) {
            cumulative += values[j];
            if (target < cumulative) {
                wins[j] = true;
                return;
            }
        }
        // the outside option (or all values 0): nobody wins
    }

    @Override
    public void allocation(double[] values, double[] out) {
        Checks.sameLength(NAME, "out", out.length, values);
        double total = total(values);
        for (int j = 0; j < values.length; j++) {
            out[j] = total == 0 ? 0 : values[j] / total;
        }
    }

    @Override
    public AllocationRule curve(int i, double[] values, ValueGrid grid) {
        Checks.agent(NAME, i, values);
        Checks.valuesExcept(NAME, values, i);
        double others = reserve;
        for (int j = 0; j < values.length; j++) {
            if (j != i) {
                others += values[j];
            }
        }
        double c = others;
        // z / (c + z) written as 1 - c / (c + z): monotone in z in floating point as well
        return Curves.monotone(NAME, i, grid, k -> {
            double z = grid.point(k);
            return c + z == 0 ? 0 : 1 - c / (c + z);
        });
    }

    /** Validates the profile and returns {@code r + Σ_j v_j}. */
    private double total(double[] values) {
        Checks.values(NAME, values);
        double total = reserve;
        for (double v : values) {
            total += v;
        }
        if (total == Double.POSITIVE_INFINITY) {
            throw new IllegalArgumentException(NAME + ": the sum of the reserve and the values overflows; "
                    + "values must be on a scale where their sum is finite");
        }
        return total;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Proportional p && Double.compare(reserve, p.reserve) == 0;
    }

    @Override
    public int hashCode() {
        return Double.hashCode(reserve);
    }

    /** The spec {@link AllocationAlgorithms#parse} reads back, e.g. {@code proportional:reserve=1.0}. */
    @Override
    public String toString() {
        return NAME + ":reserve=" + reserve;
    }
}
