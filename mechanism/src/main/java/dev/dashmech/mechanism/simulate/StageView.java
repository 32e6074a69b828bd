package dev.dashmech.mechanism.simulate;

import dev.dashmech.mechanism.algorithm.AllocationAlgorithm;
import dev.dashmech.mechanism.dashboard.Dashboard;
import dev.dashmech.mechanism.stage.StageOutcome;

/**
 * One stage of a run as a {@link StageListener} sees it, right after the balances were updated. Agents are the
 * stage's active agents, indexed {@code 0 <= j < agents()} in scenario order, the same indices as
 * {@link #outcome()}. Valid only during the callback.
 */
public interface StageView {

    /** The stage number, from 1. */
    long stage();

    /** The market's allocation algorithm. */
    AllocationAlgorithm algorithm();

    /** The number of agents in this stage. */
    int agents();

    /** The id of agent j. */
    String agentId(int j);

    /** Agent j's true value this stage. */
    double trueValue(int j);

    /** The dashboard agent j was shown this stage (and its bid was inverted with). */
    Dashboard dashboard(int j);

    /** Agent j's bid (its value for a truthful-baseline agent). */
    double bid(int j);

    /** Agent j's outstanding balance before this stage. */
    double balanceBefore(int j);

    /** Agent j's outstanding balance after this stage. */
    double balance(int j);

    /** The stage's outcome: inferred values, instrumentation, wins, payments. */
    StageOutcome outcome();
}
