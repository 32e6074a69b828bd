package dev.dashmech.mechanism.simulate;

import dev.dashmech.mechanism.bidding.PaymentFormat;

/**
 * One simulated agent: its id, payment format, true-value process and bidding strategy, and the stages it is in
 * the market: from {@code enterAt} (inclusive) to {@code leaveAt} (exclusive; {@link #NEVER} for never).
 */
public record AgentSpec(
        String id, PaymentFormat format, ValueProcess value, Strategy strategy, long enterAt, long leaveAt) {

    /** {@code leaveAt} of an agent that stays to the end. */
    public static final long NEVER = Long.MAX_VALUE;

    public AgentSpec {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("id: an agent needs a non-blank id");
        }
        if (format == null) {
            throw new IllegalArgumentException("format: agent '" + id + "' needs a payment format: wpb or all-pay");
        }
        if (value == null) {
            throw new IllegalArgumentException("value: agent '" + id + "' needs a value or a value process");
        }
        if (strategy == null) {
            throw new IllegalArgumentException("strategy: agent '" + id + "' needs a strategy");
        }
        if (enterAt < 1) {
            throw new IllegalArgumentException("enterAt: stages count from 1, agent '" + id + "' has " + enterAt);
        }
        if (leaveAt <= enterAt) {
            throw new IllegalArgumentException("leaveAt: agent '" + id + "' must leave after it enters (enterAt "
                    + enterAt + "), was " + leaveAt);
        }
    }

    /** An agent in the market from stage 1 to the end, following its dashboard. */
    public static AgentSpec of(String id, PaymentFormat format, ValueProcess value) {
        return new AgentSpec(id, format, value, new Strategy.Follow(), 1, NEVER);
    }

    public AgentSpec withStrategy(Strategy s) {
        return new AgentSpec(id, format, value, s, enterAt, leaveAt);
    }

    /** This agent, in the market for stages {@code [enterAt, leaveAt)}. */
    public AgentSpec activeDuring(long enter, long leave) {
        return new AgentSpec(id, format, value, strategy, enter, leave);
    }

    /** True when the agent is in the market at {@code stage}. */
    public boolean isActiveAt(long stage) {
        return stage >= enterAt && stage < leaveAt;
    }
}
