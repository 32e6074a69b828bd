package dev.dashmech.engine.topology;

import dev.dashmech.schemas.serde.AvroSerdeConfig;
import dev.dashmech.schemas.topic.TopicCatalog;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The settings of the stage engine's topology. Immutable; build one with {@link #builder(String)}:
 *
 * <pre>{@code
 * StageEngineConfig config = StageEngineConfig.builder("mock://demo")      // schema.registry.url
 *         .topics(TopicCatalog.defaults())
 *         .idleCloseInterval(Duration.ofSeconds(1))                          // Duration.ZERO for replays
 *         .build();
 * }</pre>
 *
 * @param topics               the topics read and written
 * @param serdeConfig          the Avro serde settings ({@link AvroSerdeConfig}: {@code schema.registry.url}, ...)
 * @param idleCloseInterval    period of the wall-clock punctuation that closes overdue stages of a task that
 *                             received no record for a whole period (reason {@code IDLE_TIMEOUT});
 *                             {@link Duration#ZERO} turns it off, as replays must for determinism
 * @param skippedIdRetention   how long, in stream time, the engine remembers stage ids that auctions skipped.
 *                             Stage ids increase within a market, so a bid for any opened id that is no longer
 *                             open is {@code LATE_BID} without a record per closed stage; the skipped ids tell a
 *                             bid for a stage never opened ({@code UNKNOWN_STAGE}) apart. Beyond the retention a
 *                             skipped id counts as closed long ago
 * @param storeType            in-memory or RocksDB stores
 * @param storeCaching         whether the stores keep writes until the next commit (a write-behind map in place
 *                             of Kafka Streams' record cache), so that an open stage written once per bid reaches
 *                             its changelog about once per commit interval; off, every write goes to the changelog
 * @param earlyBidHold         how long, in stream time of the bids, a bid that arrived before the auction of its
 *                             stage or before the dashboard version it names waits for it (Kafka Streams reads the
 *                             inputs in the order they are fetched, so a bid can overtake its auction); after that
 *                             it is rejected. {@link Duration#ZERO}: rejected at once
 * @param maxHeldBids          how many such bids a stream task holds at most; a bid beyond is rejected at once
 */
public record StageEngineConfig(TopicCatalog topics, Map<String, Object> serdeConfig, Duration idleCloseInterval,
                                Duration skippedIdRetention, StoreType storeType, boolean storeCaching,
                                Duration earlyBidHold, int maxHeldBids) {

    /** The default period of the idle-close punctuation of a live engine. */
    public static final Duration DEFAULT_IDLE_CLOSE_INTERVAL = Duration.ofSeconds(1);
    /** The default retention of skipped stage ids. */
    public static final Duration DEFAULT_SKIPPED_ID_RETENTION = Duration.ofMinutes(1);
    /** The default hold of a bid that arrived before its auction or dashboard version. */
    public static final Duration DEFAULT_EARLY_BID_HOLD = Duration.ofSeconds(30);
    /** The default bound on the bids a task holds. */
    public static final int DEFAULT_MAX_HELD_BIDS = 100_000;

    public StageEngineConfig {
        Objects.requireNonNull(topics, "topics");
        Objects.requireNonNull(serdeConfig, "serdeConfig");
        serdeConfig = Map.copyOf(serdeConfig);
        new AvroSerdeConfig(serdeConfig); // fails early, naming the bad key
        Objects.requireNonNull(idleCloseInterval, "idleCloseInterval");
        if (idleCloseInterval.isNegative() || (!idleCloseInterval.isZero() && idleCloseInterval.toMillis() < 1)) {
            throw new IllegalArgumentException("idle close interval must be 0 (off) or at least 1 ms, was "
                    + idleCloseInterval);
        }
        Objects.requireNonNull(skippedIdRetention, "skippedIdRetention");
        if (skippedIdRetention.isNegative() || skippedIdRetention.isZero()) {
            throw new IllegalArgumentException("skipped-id retention must be positive, was " + skippedIdRetention
                    + "; it decides how long a bid for a skipped stage id is told apart from a late one");
        }
        Objects.requireNonNull(storeType, "storeType");
        Objects.requireNonNull(earlyBidHold, "earlyBidHold");
        if (earlyBidHold.isNegative()) {
            throw new IllegalArgumentException("early-bid hold must be >= 0 (0: reject at once), was " + earlyBidHold);
        }
        if (maxHeldBids < 0) {
            throw new IllegalArgumentException("max held bids must be >= 0 (0: hold none), was " + maxHeldBids);
        }
    }

    /** A builder with the defaults and the schema registry {@code schemaRegistryUrl} ({@code mock://NAME} or URL). */
    public static Builder builder(String schemaRegistryUrl) {
        return new Builder(schemaRegistryUrl);
    }

    /** Whether the wall-clock idle-close punctuation is on. */
    public boolean idleCloseEnabled() {
        return !idleCloseInterval.isZero();
    }

    /** This configuration with the idle-close punctuation off: outcomes depend only on the input log. */
    public StageEngineConfig forReplay() {
        return new StageEngineConfig(topics, serdeConfig, Duration.ZERO, skippedIdRetention, storeType, storeCaching,
                earlyBidHold, maxHeldBids);
    }

    /** Builds a {@link StageEngineConfig}. */
    public static final class Builder {
        private TopicCatalog topics = TopicCatalog.defaults();
        private final Map<String, Object> serdeConfig = new LinkedHashMap<>();
        private Duration idleCloseInterval = DEFAULT_IDLE_CLOSE_INTERVAL;
        private Duration skippedIdRetention = DEFAULT_SKIPPED_ID_RETENTION;
        private StoreType storeType = StoreType.IN_MEMORY;
        private boolean storeCaching = true;
        private Duration earlyBidHold = DEFAULT_EARLY_BID_HOLD;
        private int maxHeldBids = DEFAULT_MAX_HELD_BIDS;

        private Builder(String schemaRegistryUrl) {
            serdeConfig.put(AvroSerdeConfig.SCHEMA_REGISTRY_URL, Objects.requireNonNull(schemaRegistryUrl,
                    "schemaRegistryUrl"));
        }

        public Builder topics(TopicCatalog topics) {
            this.topics = Objects.requireNonNull(topics, "topics");
            return this;
        }

        /** Adds an Avro serde setting ({@link AvroSerdeConfig}), e.g. {@code basic.auth.user.info}. */
        public Builder serdeSetting(String key, Object value) {
            serdeConfig.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value of " + key));
            return this;
        }

        public Builder idleCloseInterval(Duration interval) {
            this.idleCloseInterval = interval;
            return this;
        }

        public Builder skippedIdRetention(Duration retention) {
            this.skippedIdRetention = retention;
            return this;
        }

        public Builder storeType(StoreType type) {
            this.storeType = type;
            return this;
        }

        public Builder storeCaching(boolean caching) {
            this.storeCaching = caching;
            return this;
        }

        public Builder earlyBidHold(Duration hold) {
            this.earlyBidHold = hold;
            return this;
        }

        public Builder maxHeldBids(int max) {
            this.maxHeldBids = max;
            return this;
        }

        /**
         * @throws IllegalArgumentException or {@code ConfigException} naming the bad setting
         */
        public StageEngineConfig build() {
            return new StageEngineConfig(topics, serdeConfig, idleCloseInterval, skippedIdRetention, storeType,
                    storeCaching, earlyBidHold, maxHeldBids);
        }
    }
}
