package dev.dashmech.engine.service;

import dev.dashmech.engine.topology.StageEngineConfig;
import dev.dashmech.engine.topology.StageEngineTopology;
import dev.dashmech.engine.topology.StoreType;
import dev.dashmech.platform.broker.KafkaEndpoint;
import dev.dashmech.platform.config.ServiceConfig;
import dev.dashmech.platform.metrics.MetricsServer;
import dev.dashmech.platform.metrics.ServiceMetrics;
import dev.dashmech.platform.streams.StreamsApp;
import dev.dashmech.schemas.topic.TopicCatalog;
import dev.dashmech.schemas.topic.TopicProvisioner;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stage engine as a service ({@code dashctl run --role stage-engine}): reads a {@link ServiceConfig} (platform
 * keys plus {@link #keys()}), connects to Kafka (or starts an embedded broker when {@code bootstrap.servers} is
 * unset), ensures the topics exist, runs {@link StageEngineTopology} with {@link StreamsApp} (exactly-once v2) and
 * serves {@code /metrics} and {@code /health} until stopped (SIGTERM or Ctrl-C) or failed.
 *
 * <table>
 *   <caption>service keys</caption>
 *   <tr><td>{@value #APPLICATION_ID}</td><td>Kafka Streams application id (default
 *       {@value #DEFAULT_APPLICATION_ID}); instances with the same id share the work</td></tr>
 *   <tr><td>{@value #IDLE_CLOSE_INTERVAL_MS}</td><td>wall-clock idle-close period in ms (default 1000); 0 turns it
 *       off, as replays should</td></tr>
 *   <tr><td>{@value #SKIPPED_ID_RETENTION_MS}</td><td>how long stage ids skipped by auctions are remembered
 *       (UNKNOWN_STAGE rather than LATE_BID for bids naming them), in ms of stream time (default 60000)</td></tr>
 *   <tr><td>{@value #EARLY_BID_HOLD_MS}</td><td>how long, in ms of the bids' stream time, a bid that arrived
 *       before its auction or its dashboard version waits for it (default 30000; 0: rejected at once)</td></tr>
 *   <tr><td>{@value #MAX_HELD_BIDS}</td><td>how many such bids a stream task holds at most (default 100000)</td></tr>
 *   <tr><td>{@value #STORE_TYPE}</td><td>{@code in-memory} (default) or {@code rocksdb}</td></tr>
 *   <tr><td>{@value #TOPICS_PREFIX}</td><td>prefix of every topic name (default none)</td></tr>
 *   <tr><td>{@value #TOPICS_LOOP_PARTITIONS}</td><td>partitions of the co-partitioned topics when this service
 *       creates them (default 4)</td></tr>
 * </table>
 */
public final class StageEngineService {

    /** The role name of {@code dashctl run --role}. */
    public static final String ROLE = "stage-engine";
    public static final String APPLICATION_ID = "engine.application.id";
    public static final String IDLE_CLOSE_INTERVAL_MS = "engine.idle.close.interval.ms";
    public static final String SKIPPED_ID_RETENTION_MS = "engine.skipped.id.retention.ms";
    public static final String EARLY_BID_HOLD_MS = "engine.early.bid.hold.ms";
    public static final String MAX_HELD_BIDS = "engine.max.held.bids";
    public static final String STORE_TYPE = "engine.store.type";
    public static final String TOPICS_PREFIX = "topics.prefix";
    public static final String TOPICS_LOOP_PARTITIONS = "topics.loop.partitions";
    public static final String DEFAULT_APPLICATION_ID = "dashmech-stage-engine";
    /**
     * The engine's {@code max.task.idle.ms}: how long a task with an empty, caught-up input partition waits for it
     * before processing the others. The engine does not need the wait for correctness: a bid that overtakes its
     * auction or its dashboard version waits for it in the engine ({@value #EARLY_BID_HOLD_MS}), and deadlines and
     * lateness follow the bids' own clock, so a stage's outcome does not depend on the interleaving. It is kept for
     * speed, measured with {@code dashctl bench engine}: with -1 (no wait) a catching-up task races through its
     * buffered auctions whenever its bids run dry and holds thousands of stages open at once, each written to the
     * store at the next commit. -1 spares the per-record log formatting Kafka Streams 4.4 does for each empty input
     * partition when a wait is configured (stream-thread CPU per bid 1.29–1.50 µs against 1.54–1.60), but the open
     * stages cost more elsewhere: young-GC pauses of 0.87–1.05 s per run against 0.09–0.18 s, commits of 20–24 ms
     * against 5–7.5, and the rate ratio was no better (0.55–0.68 against 0.57–0.67; runs of 2026-12-05).
     */
    public static final long DEFAULT_MAX_TASK_IDLE_MS = 100;

    private static final Logger LOG = LoggerFactory.getLogger(StageEngineService.class);
    private static final Duration TOPICS_TIMEOUT = Duration.ofSeconds(60);

    private StageEngineService() {
    }

    /** The service's own keys (added to the platform's). */
    public static ConfigDef keys() {
        return new ConfigDef()
                .define(APPLICATION_ID, Type.STRING, DEFAULT_APPLICATION_ID, new ConfigDef.NonEmptyString(),
                        Importance.HIGH, "Kafka Streams application id; instances with the same id share the work.")
                .define(IDLE_CLOSE_INTERVAL_MS, Type.LONG,
                        StageEngineConfig.DEFAULT_IDLE_CLOSE_INTERVAL.toMillis(), ConfigDef.Range.atLeast(0),
                        Importance.MEDIUM, "Period of the wall-clock punctuation that closes overdue stages of a "
                                + "partition that received no records for a whole period; 0 turns it off (replays).")
                .define(SKIPPED_ID_RETENTION_MS, Type.LONG,
                        StageEngineConfig.DEFAULT_SKIPPED_ID_RETENTION.toMillis(), ConfigDef.Range.atLeast(1),
                        Importance.MEDIUM, "How long (stream time) stage ids skipped by auctions are remembered, so "
                                + "that bids naming them are UNKNOWN_STAGE rather than LATE_BID.")
                .define(EARLY_BID_HOLD_MS, Type.LONG, StageEngineConfig.DEFAULT_EARLY_BID_HOLD.toMillis(),
                        ConfigDef.Range.atLeast(0), Importance.MEDIUM, "How long (the bids' stream time) a bid that "
                                + "arrived before its auction or its dashboard version waits for it; 0 rejects it at "
                                + "once (UNKNOWN_STAGE or UNKNOWN_DASHBOARD_VERSION).")
                .define(MAX_HELD_BIDS, Type.INT, StageEngineConfig.DEFAULT_MAX_HELD_BIDS, ConfigDef.Range.atLeast(0),
                        Importance.LOW, "How many bids waiting for their auction or dashboard version a stream task "
                                + "holds at most; a bid beyond is rejected at once.")
                .define(STORE_TYPE, Type.STRING, "in-memory", ConfigDef.ValidString.in("in-memory", "rocksdb"),
                        Importance.LOW, "Where the state stores live: in-memory (restored from the changelogs at "
                                + "start) or rocksdb (on disk under state.dir).")
                .define(TOPICS_PREFIX, Type.STRING, "", Importance.LOW,
                        "Prefix of every topic name, e.g. 'test-1.' to run several deployments on one cluster.")
                .define(TOPICS_LOOP_PARTITIONS, Type.INT, TopicCatalog.DEFAULT_LOOP_PARTITIONS,
                        ConfigDef.Range.atLeast(1), Importance.LOW,
                        "Partition count of the co-partitioned topics, used when this service creates them.");
    }

    /** The topology settings a service configuration asks for. */
    public static StageEngineConfig engineConfig(ServiceConfig config) {
        TopicCatalog topics = TopicCatalog.builder().prefix(config.getString(TOPICS_PREFIX))
                .loopPartitions(config.getInt(TOPICS_LOOP_PARTITIONS)).build();
        return StageEngineConfig.builder(config.schemaRegistryUrl())
                .topics(topics)
                .idleCloseInterval(config.getDuration(IDLE_CLOSE_INTERVAL_MS))
                .skippedIdRetention(config.getDuration(SKIPPED_ID_RETENTION_MS))
                .earlyBidHold(config.getDuration(EARLY_BID_HOLD_MS))
                .maxHeldBids(config.getInt(MAX_HELD_BIDS))
                .storeType(StoreType.valueOf(config.getString(STORE_TYPE).toUpperCase(Locale.ROOT).replace('-', '_')))
                .build();
    }

    /**
     * The Kafka Streams properties of the engine: the platform's ({@link StreamsApp#streamsProperties}:
     * exactly-once v2, ...) with {@code max.task.idle.ms} = {@value #DEFAULT_MAX_TASK_IDLE_MS}, then
     * {@code overrides}.
     */
    public static Properties streamsProperties(String applicationId, String bootstrapServers, Path stateDir,
                                               Map<String, ?> overrides) {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, DEFAULT_MAX_TASK_IDLE_MS);
        if (overrides != null) {
            settings.putAll(overrides);
        }
        return StreamsApp.streamsProperties(applicationId, bootstrapServers, stateDir, settings);
    }

    /**
     * Runs the service until it is stopped or fails.
     *
     * @param out where the service says where it runs (bootstrap servers, metrics endpoint)
     * @return the exit code: 0 after a clean stop, 1 when Kafka Streams failed
     */
    public static int run(ServiceConfig config, PrintStream out) {
        StageEngineConfig engine = engineConfig(config);
        LOG.info("stage engine configuration:\n{}", config.describe());
        try (KafkaEndpoint kafka = KafkaEndpoint.of(config);
             ServiceMetrics metrics = ServiceMetrics.create(ROLE);
             MetricsServer server = MetricsServer.start(metrics, config.metricsPort())) {
            try (Admin admin = Admin.create(config.clientProperties(kafka.bootstrapServers()))) {
                TopicProvisioner.Result topics = TopicProvisioner.ensureTopics(admin, engine.topics(), TOPICS_TIMEOUT);
                topics.warnings().forEach(LOG::warn);
                if (!topics.created().isEmpty()) {
                    LOG.info("created topics {}", topics.created());
                }
            }
            Properties properties = streamsProperties(config.getString(APPLICATION_ID), kafka.bootstrapServers(),
                    config.stateDir().orElse(null), config.streamsOverrides());
            Topology topology = StageEngineTopology.build(engine, metrics.registry());
            try (StreamsApp app = StreamsApp.builder(topology, properties).meterRegistry(metrics.registry()).start()) {
                server.register("streams", app);
                out.println("stage-engine running: bootstrap.servers=" + kafka.bootstrapServers()
                        + (kafka.embeddedBroker().isPresent() ? " (embedded)" : "") + ", schema.registry.url="
                        + config.schemaRegistryUrl() + ", metrics " + server.metricsUri() + ", health "
                        + server.healthUri());
                out.flush();
                KafkaStreams.State last = app.stopped().toCompletableFuture().join();
                return last == KafkaStreams.State.ERROR ? 1 : 0;
            }
        }
    }
}
