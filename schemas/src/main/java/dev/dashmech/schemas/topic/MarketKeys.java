package dev.dashmech.schemas.topic;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.utils.Utils;

/**
 * Market and agent ids as they appear in keys, and the partitioning by market that keeps all of a market's
 * records on one partition number in every co-partitioned topic.
 */
public final class MarketKeys {

    /** Longest market or agent id, in characters. */
    public static final int MAX_ID_LENGTH = 200;
    /** Separates the segments of {@link KeyFormat#MARKET_AGENT} and {@link KeyFormat#MARKET_AGENT_FORMAT} keys. */
    public static final char SEPARATOR = '/';

    private MarketKeys() {
    }

    /**
     * Checks a market id: 1 to {@value #MAX_ID_LENGTH} characters, no {@code '/'}, no control characters.
     *
     * @return the id
     * @throws IllegalArgumentException naming the id and the rule it breaks
     */
    public static String requireMarketId(String market) {
        checkId("market", market);
        if (market.indexOf(SEPARATOR) >= 0) {
            throw new IllegalArgumentException("market id '" + market + "' contains '/', which separates the"
                    + " segments of market/agent keys; choose an id without it");
        }
        return market;
    }

    /**
     * Checks an agent id: 1 to {@value #MAX_ID_LENGTH} characters, no control characters ({@code '/'} is
     * allowed: keys split at the first {@code '/'}).
     *
     * @return the id
     */
    public static String requireAgentId(String agent) {
        checkId("agent", agent);
        return agent;
    }

    private static void checkId(String what, String id) {
        if (id == null || id.isEmpty()) {
            throw new IllegalArgumentException("a " + what + " id must not be " + (id == null ? "null" : "empty"));
        }
        if (id.length() > MAX_ID_LENGTH) {
            throw new IllegalArgumentException(what + " id '" + id.substring(0, 40) + "...' has " + id.length()
                    + " characters; at most " + MAX_ID_LENGTH + " are allowed");
        }
        for (int k = 0; k < id.length(); k++) {
            if (Character.isISOControl(id.charAt(k))) {
                throw new IllegalArgumentException(what + " id '" + id.replaceAll("\\p{Cntrl}", "?")
                        + "' contains a control character at index " + k);
            }
        }
    }

    /** The market of a key in any {@link KeyFormat}: everything before the first {@code '/'}. */
    public static String marketOf(String key) {
        if (key == null) {
            throw new IllegalArgumentException("a null key names no market");
        }
        int slash = key.indexOf(SEPARATOR);
        return slash < 0 ? key : key.substring(0, slash);
    }

    /**
     * The partition of {@code market}'s records among {@code numPartitions}: the same partition Kafka's
     * default producer partitioner picks for the key {@code market} (murmur2 of its UTF-8 bytes), so
     * market-keyed topics written by any client agree with {@code market/agent}-keyed ones written with
     * {@link MarketPartitioner}.
     */
    public static int partition(String market, int numPartitions) {
        if (numPartitions < 1) {
            throw new IllegalArgumentException("need at least one partition, was " + numPartitions);
        }
        return Utils.toPositive(Utils.murmur2(market.getBytes(StandardCharsets.UTF_8))) % numPartitions;
    }

    /** The partition of a key in any {@link KeyFormat}: that of its market. */
    public static int partitionOfKey(String key, int numPartitions) {
        return partition(marketOf(key), numPartitions);
    }
}
