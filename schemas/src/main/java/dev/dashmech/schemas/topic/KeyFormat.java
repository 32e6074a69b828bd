package dev.dashmech.schemas.topic;

/**
 * How a topic's record key is formed. Keys are UTF-8 strings (Kafka's {@code StringSerializer}), never
 * Avro. Every format starts with the market id, and records are partitioned by that market id alone
 * ({@link MarketKeys#partition}), so all of a market's records share a partition number across the
 * co-partitioned topics.
 */
public enum KeyFormat {
    /** The market id, e.g. {@code eu-hotels}. */
    MARKET("market"),
    /** {@code market/agent}, e.g. {@code eu-hotels/h-1842} ({@link AgentKey}). */
    MARKET_AGENT("market/agent"),
    /** {@code market/agent/FORMAT}, e.g. {@code eu-hotels/h-1842/WINNER_PAYS_BID} ({@link DashboardKey}). */
    MARKET_AGENT_FORMAT("market/agent/FORMAT");

    private final String pattern;

    KeyFormat(String pattern) {
        this.pattern = pattern;
    }

    /** The key's layout, for messages and documentation. */
    public String pattern() {
        return pattern;
    }
}
