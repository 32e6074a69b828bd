package dev.dashmech.mechanism.dashboard;

import dev.dashmech.mechanism.rule.AllocationRule;
import java.util.Optional;

/**
 * The last-winning-stage inferred-values dashboard of one agent (Def. 15): the counterfactual stage rule
 * of the latest stage in which the agent was allocated. For a winner-pays-bid agent with a static value it
 * keeps the balance within {@code v} without rebalancing (Lemma 8). Mutable per-agent state; not
 * thread-safe.
 */
public final class LastWinningStage {

    private AllocationRule latest;
    private long wins;

    /** A tracker that has seen no winning stage yet. */
    public LastWinningStage() {
    }

    /**
     * Records a stage: its counterfactual rule {@code x_i(·, v̂_{-i})} and whether the agent won it. Only a
     * won stage replaces the dashboard's rule.
     */
    public void record(AllocationRule stageRule, boolean won) {
        if (won) {
            latest = stageRule;
            wins++;
        }
    }

    /** The rule of the latest won stage; empty before the first win (use the prior). */
    public Optional<AllocationRule> rule() {
        return Optional.ofNullable(latest);
    }

    /** The number of won stages recorded. */
    public long wins() {
        return wins;
    }
}
