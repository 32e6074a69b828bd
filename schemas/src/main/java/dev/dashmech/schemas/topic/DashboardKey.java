package dev.dashmech.schemas.topic;

import dev.dashmech.schemas.avro.PaymentFormat;
import java.util.Objects;

/**
 * A {@link KeyFormat#MARKET_AGENT_FORMAT} key, {@code market/agent/FORMAT}: the key of the agent-facing
 * {@code dashboards} topic, which is compacted to the latest dashboard per agent and payment format (an agent
 * bidding in both formats has two dashboards, and neither may compact the other away).
 *
 * @param market a market id ({@link MarketKeys#requireMarketId})
 * @param agent  an agent id ({@link MarketKeys#requireAgentId})
 * @param format the payment format of the dashboard
 */
public record DashboardKey(String market, String agent, PaymentFormat format) {

    public DashboardKey {
        MarketKeys.requireMarketId(market);
        MarketKeys.requireAgentId(agent);
        Objects.requireNonNull(format, "format");
    }

    public static DashboardKey of(String market, String agent, PaymentFormat format) {
        return new DashboardKey(market, agent, format);
    }

    /**
     * Reads {@code market/agent/FORMAT}: market up to the first {@code '/'}, format after the last.
     *
     * @throws IllegalArgumentException naming the key when it is not of that form
     */
    public static DashboardKey parse(String key) {
        int first = key == null ? -1 : key.indexOf(MarketKeys.SEPARATOR);
        int last = key == null ? -1 : key.lastIndexOf(MarketKeys.SEPARATOR);
        if (first < 0 || last == first) {
            throw new IllegalArgumentException("key '" + key + "' is not of the form market/agent/FORMAT");
        }
        String format = key.substring(last + 1);
        PaymentFormat parsed;
        try {
            parsed = PaymentFormat.valueOf(format);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("key '" + key + "' ends in '" + format + "', not a payment format ("
                    + java.util.Arrays.toString(PaymentFormat.values()) + ")", e);
        }
        return new DashboardKey(key.substring(0, first), key.substring(first + 1, last), parsed);
    }

    /** The key string, {@code market/agent/FORMAT}. */
    public String key() {
        return market + MarketKeys.SEPARATOR + agent + MarketKeys.SEPARATOR + format.name();
    }

    /** The agent's balance key in the same market. */
    public AgentKey agentKey() {
        return new AgentKey(market, agent);
    }

    @Override
    public String toString() {
        return key();
    }
}
