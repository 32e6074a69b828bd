package dev.dashmech.mechanism.algorithm;

import dev.dashmech.mechanism.rule.AllocationRule;
import dev.dashmech.mechanism.rule.ValueGrid;
import java.util.random.RandomGenerator;

/**
 * A multi-agent allocation algorithm {@code x : values -> probabilities} (Section 2), monotone and
 * continuous in each agent's value. The mechanism's only required access is {@link #sample}, the
 * single call of Section 8; {@link #allocation} and {@link #curve} serve the functional dashboards of
 * Sections 5-7 and the offline analysis.
 *
 * <p><b>Profiles.</b> A value profile is a {@code double[]} with one entry per agent of the stage, in the
 * caller's agent order; its length is the number of agents {@code n >= 1}. Values are inferred values: finite
 * and {@code >= 0}. Every method checks this and throws {@link IllegalArgumentException} naming the first bad
 * agent and value; no method modifies {@code values}.
 *
 * <p><b>Hot path.</b> {@link #sample} and {@link #allocation} allocate nothing per call: they write into the
 * caller's arrays. (An implementation that needs scratch space keeps it thread-confined and sized to the
 * largest profile seen, so only the first call on a thread, or a larger profile, allocates.) {@link #curve}
 * builds a new immutable rule and may allocate.
 *
 * <p><b>Thread-safety.</b> The built-in implementations are immutable and safe to share between threads;
 * a {@link RandomGenerator} passed to {@link #sample} is not, and stays with its thread.
 *
 * <p>Build one by name with {@link AllocationAlgorithms}, or with the factories of {@link Softmax},
 * {@link Proportional} and {@link Slots}.
 */
public interface AllocationAlgorithm {

    /** A short name, as in a scenario file: {@code softmax}, {@code proportional}, {@code slots}. */
    String name();

    /**
     * The single call: realize one allocation {@code w ∈ {0,1}^n} for the value profile, writing
     * {@code wins[i]} for every agent (all entries are overwritten). Draws only from {@code rng}, so a seeded
     * generator gives a reproducible outcome. Allocates nothing. {@code E[wins[i]] = x_i(values)}.
     *
     * @throws IllegalArgumentException if a value is bad or {@code wins.length != values.length}
     */
    void sample(double[] values, RandomGenerator rng, boolean[] wins);

    /**
     * The allocation probabilities {@code x(values)}, written into {@code out} (one entry per agent). Exact
     * where {@link #isAllocationExact(int)} says so, otherwise a seeded, deterministic estimate that the
     * implementation documents. Allocates nothing.
     *
     * @throws IllegalArgumentException if a value is bad or {@code out.length != values.length}
     */
    void allocation(double[] values, double[] out);

    /**
     * Agent {@code i}'s counterfactual allocation rule {@code z -> x_i(z, values_{-i})} on the grid
     * (Def. 3, step 2). {@code values[i]} is ignored. At each grid point the rule equals what
     * {@link #allocation} gives for agent {@code i} with {@code values[i]} replaced by that point (up to
     * rounding), so it is exact or estimated exactly when {@link #allocation} is.
     *
     * @throws IllegalArgumentException if {@code i} is not an agent of the profile or another value is bad
     */
    AllocationRule curve(int i, double[] values, ValueGrid grid);

    /**
     * Whether {@link #allocation} (and so {@link #curve}) is exact, up to floating-point rounding, for a stage of
     * {@code n} agents; {@code false} means it is a seeded Monte Carlo estimate. {@link #sample} is exact for
     * every {@code n}.
     */
    default boolean isAllocationExact(int n) {
        return true;
    }
}
