package dev.dashmech.engine.topology;

import dev.dashmech.engine.metrics.EngineMetrics;
import dev.dashmech.engine.processor.MarketConfigProcessor;
import dev.dashmech.engine.processor.StageEngineProcessor;
import dev.dashmech.engine.processor.internal.MarketDirectory;
import dev.dashmech.engine.processor.internal.StageEngine;
import dev.dashmech.engine.topology.internal.WriteBehindStoreBuilder;
import dev.dashmech.schemas.avro.AuctionOpened;
import dev.dashmech.schemas.avro.Bid;
import dev.dashmech.schemas.avro.Dashboard;
import dev.dashmech.schemas.avro.MarketConfig;
import dev.dashmech.schemas.serde.AvroDecoder;
import dev.dashmech.schemas.serde.AvroSerdeConfig;
import dev.dashmech.schemas.serde.CachedStringDeserializer;
import dev.dashmech.schemas.serde.ConfluentAvroSerializer;
import dev.dashmech.schemas.registry.SchemaRegistryClient;
import dev.dashmech.schemas.topic.TopicCatalog;
import java.util.Objects;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The stage engine as a Kafka Streams {@link Topology}, built by {@link #build}: the one definition that the tests
 * ({@code TopologyTestDriver}), {@code dashctl run --role stage-engine}, the benchmark and the demo all run.
 *
 * <pre>
 *   markets ──▶ global store {@value #MARKETS_STORE} ─ ─ ─ ─ ─ ┐ (read)
 *   auctions ─────────────┐                                  ▼         ┌──▶ stage-outcomes (key market)
 *   bids (raw bytes) ─────┼─────────────────────────▶ stage-engine ────┤
 *   dashboards.internal ──┘                          (4 task stores)   └──▶ rejected-bids  (key market or null)
 * </pre>
 *
 * The three stage inputs are keyed by market and co-partitioned, so one market's records meet in one task. The
 * compacted {@code markets} topic is a global store, so every configuration is loaded before the first bid even
 * in a replay of old logs (see {@link MarketConfigProcessor}). Every input is read as bytes and decoded with
 * {@link AvroDecoder}, so malformed input never stops the application: a malformed bid becomes a
 * {@code MALFORMED_BYTES} rejection carrying its bytes, any other malformed record is logged, counted
 * ({@value EngineMetrics#INPUT_IGNORED}) and skipped. The stores, keyed by strings that start with the market id:
 *
 * <table>
 *   <caption>stores</caption>
 *   <tr><th>name</th><th>key</th><th>value</th></tr>
 *   <tr><td>{@value #MARKETS_STORE} (global)</td><td>{@code market}</td><td>the MarketConfig in force, as read
 *       </td></tr>
 *   <tr><td>{@value #DASHBOARDS_STORE}</td><td>{@code market/agent/FORMAT/version}</td><td>a kept Dashboard, as
 *       read</td></tr>
 *   <tr><td>{@value #STAGES_STORE}</td><td>{@code market/slot}; {@code market}</td><td>an open stage with its
 *       bids; the market's stage-id bookkeeping</td></tr>
 *   <tr><td>{@value #STANDING_STORE}</td><td>{@code market/agent}</td><td>the agent's standing bid (markets with
 *       standing bids)</td></tr>
 *   <tr><td>{@value #HELD_STORE}</td><td>{@code seq}; {@code clock}</td><td>a bid waiting for its auction or
 *       dashboard version, as read; the task's bid clock</td></tr>
 * </table>
 */
public final class StageEngineTopology {

    public static final String MARKETS_SOURCE = "markets-source";
    public static final String MARKETS_PROCESSOR = "markets-global";
    public static final String AUCTIONS_SOURCE = "auctions-source";
    public static final String BIDS_SOURCE = "bids-source";
    public static final String DASHBOARDS_SOURCE = "dashboards-source";
    public static final String ENGINE_PROCESSOR = "stage-engine";
    public static final String OUTCOMES_SINK = "stage-outcomes-sink";
    public static final String REJECTS_SINK = "rejected-bids-sink";

    public static final String MARKETS_STORE = "engine-markets";
    public static final String DASHBOARDS_STORE = "engine-dashboards";
    public static final String STAGES_STORE = "engine-stages";
    public static final String STANDING_STORE = "engine-standing";
    public static final String HELD_STORE = "engine-held";

    private StageEngineTopology() {
    }

    /**
     * The stage engine's topology.
     *
     * @param config the topics, the serde settings (schema registry), the idle-close and retention settings
     * @param meters where the engine's meters ({@link EngineMetrics}) are registered
     * @return the topology; run it with {@code processing.guarantee=exactly_once_v2} (the platform's default)
     */
    public static Topology build(StageEngineConfig config, MeterRegistry meters) {
        Objects.requireNonNull(config, "config");
        EngineMetrics metrics = EngineMetrics.register(Objects.requireNonNull(meters, "meters"));
        TopicCatalog catalog = config.topics();
        SchemaRegistryClient registry = new AvroSerdeConfig(config.serdeConfig()).connectRegistry();
        StageEngine.Topics topics = new StageEngine.Topics(catalog.markets().name(), catalog.auctions().name(),
                catalog.bids().name(), catalog.dashboardsInternal().name());
        StageEngine.Decoders decoders = new StageEngine.Decoders(AvroDecoder.of(MarketConfig.class, registry),
                AvroDecoder.of(AuctionOpened.class, registry), AvroDecoder.of(Bid.class, registry),
                AvroDecoder.of(Dashboard.class, registry));

        MarketDirectory directory = new MarketDirectory(decoders.markets(), topics.markets());
        String[] stores = {MARKETS_STORE, DASHBOARDS_STORE, STAGES_STORE, STANDING_STORE, HELD_STORE};
        StageEngine.Settings settings = new StageEngine.Settings(config.skippedIdRetention(), config.earlyBidHold(),
                config.maxHeldBids());

        Topology topology = new Topology();
        topology.addGlobalStore(Stores.keyValueStoreBuilder(supplier(MARKETS_STORE, config), Serdes.String(),
                        Serdes.ByteArray()).withLoggingDisabled(), // the compacted topic is its changelog
                MARKETS_SOURCE, new StringDeserializer(), new ByteArrayDeserializer(), topics.markets(),
                MARKETS_PROCESSOR, () -> new MarketConfigProcessor(MARKETS_STORE, topics.markets(),
                        decoders.markets(), directory, metrics));
        // market ids, cached: no new string per record, and the engine's map lookups by market reuse its hash
        CachedStringDeserializer keys = new CachedStringDeserializer();
        topology.addSource(AUCTIONS_SOURCE, keys, new ByteArrayDeserializer(), topics.auctions());
        topology.addSource(BIDS_SOURCE, keys, new ByteArrayDeserializer(), topics.bids());
        topology.addSource(DASHBOARDS_SOURCE, keys, new ByteArrayDeserializer(), topics.dashboards());
        topology.addProcessor(ENGINE_PROCESSOR, () -> new StageEngineProcessor(topics, decoders, directory, metrics,
                        settings, config.idleCloseInterval(), stores, OUTCOMES_SINK, REJECTS_SINK),
                AUCTIONS_SOURCE, BIDS_SOURCE, DASHBOARDS_SOURCE);
        for (String store : new String[] {DASHBOARDS_STORE, STAGES_STORE, STANDING_STORE, HELD_STORE}) {
            topology.addStateStore(storeBuilder(store, config), ENGINE_PROCESSOR);
        }
        topology.addSink(OUTCOMES_SINK, catalog.stageOutcomes().name(), new StringSerializer(),
                serializer(registry, config), ENGINE_PROCESSOR);
        topology.addSink(REJECTS_SINK, catalog.rejectedBids().name(), new StringSerializer(),
                serializer(registry, config), ENGINE_PROCESSOR);
        return topology;
    }

    private static ConfluentAvroSerializer<SpecificRecord> serializer(SchemaRegistryClient registry,
                                                                     StageEngineConfig config) {
        boolean autoRegister = new AvroSerdeConfig(config.serdeConfig()).autoRegisterSchemas();
        ConfluentAvroSerializer<SpecificRecord> serializer = new ConfluentAvroSerializer<>(registry, autoRegister);
        serializer.configure(config.serdeConfig(), false);
        return serializer;
    }

    private static KeyValueBytesStoreSupplier supplier(String name, StageEngineConfig config) {
        return config.storeType() == StoreType.ROCKSDB
                ? Stores.persistentKeyValueStore(name) : Stores.inMemoryKeyValueStore(name);
    }

    private static StoreBuilder<KeyValueStore<String, byte[]>> storeBuilder(String name, StageEngineConfig config) {
        StoreBuilder<KeyValueStore<String, byte[]>> builder =
                Stores.keyValueStoreBuilder(supplier(name, config), Serdes.String(), Serdes.ByteArray());
        // caching: our write-behind map in place of Kafka Streams' record cache (see WriteBehindStore)
        return config.storeCaching()
                ? new WriteBehindStoreBuilder(builder, WriteBehindStoreBuilder.DEFAULT_MAX_PENDING)
                : builder.withCachingDisabled();
    }
}
