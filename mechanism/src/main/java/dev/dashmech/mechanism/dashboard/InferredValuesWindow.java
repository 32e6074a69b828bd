package dev.dashmech.mechanism.dashboard;

import dev.dashmech.mechanism.rule.AllocationRule;
import java.util.ArrayDeque;
import java.util.Optional;

/**
 * The k-lookback inferred-values dashboard of one agent (Def. 3, 4): keeps the agent's counterfactual
 * stage rules {@code x_i(·, v̂_{-i}^{(s)})} of the last k stages and gives their mean. The last-stage
 * dashboard is {@code k = 1}. Mutable per-agent state; not thread-safe.
 */
public final class InferredValuesWindow {

    private final int k;
    private final ArrayDeque<AllocationRule> rules;
    private long stages;

    private InferredValuesWindow(int k) {
        this.k = k;
        this.rules = new ArrayDeque<>(k);
    }

    /**
     * A window over the last {@code k} stages.
     *
     * @throws IllegalArgumentException if {@code k < 1}
     */
    public static InferredValuesWindow lookback(int k) {
        if (k < 1) {
            throw new IllegalArgumentException("k-lookback needs k >= 1 stages, was " + k);
        }
        return new InferredValuesWindow(k);
    }

    /** The last-stage inferred-values dashboard (Def. 4, {@code k = 1}). */
    public static InferredValuesWindow lastStage() {
        return lookback(1);
    }

    /**
     * Records the agent's counterfactual rule of the stage just run, {@code z -> x_i(z, v̂_{-i})} (Def. 3,
     * step 2; {@code AllocationAlgorithm.curve}).
     *
     * @throws IllegalArgumentException if the rule is on another grid than the ones already recorded
     */
    public void add(AllocationRule stageRule) {
        if (!rules.isEmpty() && !rules.peekLast().grid().equals(stageRule.grid())) {
            throw new IllegalArgumentException("stage rule on " + stageRule.grid() + " does not match the window's "
                    + rules.peekLast().grid());
        }
        if (rules.size() == k) {
            rules.removeFirst();
        }
        rules.addLast(stageRule);
        stages++;
    }

    /** The mean of the rules of the last {@code min(k, t)} stages (Def. 4); empty before the first stage. */
    public Optional<AllocationRule> rule() {
        return rules.isEmpty() ? Optional.empty() : Optional.of(AllocationRule.mean(rules));
    }

    /** The lookback k. */
    public int k() {
        return k;
    }

    /** The number of rules the mean is over, {@code min(k, t)}. */
    public int size() {
        return rules.size();
    }

    /** The number of stages recorded in total. */
    public long stages() {
        return stages;
    }
}
