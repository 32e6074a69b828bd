package dev.dashmech.schemas.topic;

/**
 * A {@link KeyFormat#MARKET_AGENT} key, {@code market/agent}: the key of {@code balances}.
 *
 * @param market a market id ({@link MarketKeys#requireMarketId})
 * @param agent  an agent id ({@link MarketKeys#requireAgentId})
 */
public record AgentKey(String market, String agent) {

    public AgentKey {
        MarketKeys.requireMarketId(market);
        MarketKeys.requireAgentId(agent);
    }

    public static AgentKey of(String market, String agent) {
        return new AgentKey(market, agent);
    }

    /**
     * Reads {@code market/agent}; the agent is everything after the first {@code '/'}.
     *
     * @throws IllegalArgumentException naming the key when it has no {@code '/'} or a bad segment
     */
    public static AgentKey parse(String key) {
        int slash = key == null ? -1 : key.indexOf(MarketKeys.SEPARATOR);
        if (slash < 0) {
            throw new IllegalArgumentException("key '" + key + "' is not of the form market/agent");
        }
        return new AgentKey(key.substring(0, slash), key.substring(slash + 1));
    }

    /** The key string, {@code market/agent}. */
    public String key() {
        return market + MarketKeys.SEPARATOR + agent;
    }

    @Override
    public String toString() {
        return key();
    }
}
