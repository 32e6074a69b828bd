package dev.dashmech.mechanism.algorithm;

import dev.dashmech.mechanism.rule.AllocationRule;
import dev.dashmech.mechanism.rule.ValueGrid;
import java.util.random.RandomGenerator;

/**
 * A multi-agent allocation algorithm {@code x : values -> probabilities} (Section 2), monotone and
 * continuous in each agent's value. The mechanism's only required access is {@link #sample}, the
 * single call of Section 8; {@link #allocation} and {@link #curve} serve the functional dashboards of
 * Sections 5-7 and the offline analysis.
 */
public interface AllocationAlgorithm {

    /** A short name, as in a scenario file: {@code softmax}, {@code proportional}, {@code slots}. */
    String name();

    /**
     * The single call: realize one allocation {@code w ∈ {0,1}^n} for the value profile, writing
     * {@code wins[i]}. Draws only from {@code rng}, so a seeded generator gives a reproducible outcome.
     * Allocates nothing.
     */
    void sample(double[] values, RandomGenerator rng, boolean[] wins);

    /**
     * The allocation probabilities {@code x(values)}, written into {@code out}. Exact where the
     * algorithm has a closed form; an algorithm may document a seeded estimate instead.
     */
    void allocation(double[] values, double[] out);

    /**
     * Agent {@code i}'s counterfactual allocation rule {@code z -> x_i(z, values_{-i})} on the grid
     * (Def. 3, step 2). {@code values[i]} is ignored.
     */
    AllocationRule curve(int i, double[] values, ValueGrid grid);
}
