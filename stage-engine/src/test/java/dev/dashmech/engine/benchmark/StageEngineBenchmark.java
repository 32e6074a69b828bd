package dev.dashmech.engine.benchmark;

import dev.dashmech.engine.metrics.EngineMetrics;
import dev.dashmech.engine.processor.internal.MarketDirectory;
import dev.dashmech.engine.processor.internal.StageEngine;
import dev.dashmech.mechanism.bidding.BidTable;
import dev.dashmech.mechanism.dashboard.Prior;
import dev.dashmech.mechanism.rule.ValueGrid;
import dev.dashmech.schemas.avro.AlgorithmType;
import dev.dashmech.schemas.avro.AllocationAlgorithm;
import dev.dashmech.schemas.avro.AuctionOpened;
import dev.dashmech.schemas.avro.Bid;
import dev.dashmech.schemas.avro.Dashboard;
import dev.dashmech.schemas.avro.DashboardKind;
import dev.dashmech.schemas.avro.MarketConfig;
import dev.dashmech.schemas.avro.PaymentFormat;
import dev.dashmech.schemas.avro.PublisherCadence;
import dev.dashmech.schemas.avro.RebalancingKind;
import dev.dashmech.schemas.avro.RejectedBid;
import dev.dashmech.schemas.avro.StageOutcome;
import dev.dashmech.schemas.registry.SchemaRegistries;
import dev.dashmech.schemas.registry.SchemaRegistryClient;
import dev.dashmech.schemas.serde.AvroDecoder;
import dev.dashmech.schemas.serde.ConfluentAvroSerializer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The engine's own work per stage, without Kafka: one auction and K = 10 bids (agents following the prior) through
 * {@link StageEngine} on plain in-memory stores (no record cache, no changelog), the outcome encoded as the sink
 * would. The anchor, measured in the same run, decodes the same 11 records and does nothing else: what any consumer
 * of these bytes pays. Every {@value #POOL} stages the engine starts over on empty stores (stage ids must
 * increase); that restart is in the figure, amortized. {@code ids} chooses how stage ids are numbered.
 *
 * <pre>
 *   mvn -q -pl stage-engine -am test-compile dependency:build-classpath -Dmdep.outputFile=/tmp/cp \
 *       -Dmdep.includeScope=test
 *   java -cp stage-engine/target/test-classes:stage-engine/target/classes:$(cat /tmp/cp) \
 *       org.openjdk.jmh.Main StageEngineBenchmark
 * </pre>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Thread)
public class StageEngineBenchmark {

    static final int POOL = 20_000;
    static final int AGENTS = 10;
    static final int MARKETS = 8;
    private static final Instant T0 = Instant.parse("2025-03-01T00:00:00Z");
    private static final StageEngine.Topics TOPICS = new StageEngine.Topics("markets", "auctions", "bids",
            "dashboards.internal");
    private static final String[] STORES = {"markets", "dashboards", "stages", "standing", "held"};

    private final SchemaRegistryClient registry = SchemaRegistries.connect("mock://bench-" + UUID.randomUUID());
    private final ConfluentAvroSerializer<SpecificRecord> serializer = new ConfluentAvroSerializer<>(registry, true);
    private final StageEngine.Decoders decoders = new StageEngine.Decoders(AvroDecoder.of(MarketConfig.class, registry),
            AvroDecoder.of(AuctionOpened.class, registry), AvroDecoder.of(Bid.class, registry),
            AvroDecoder.of(Dashboard.class, registry));

    /** One record of the pool: its topic, key, bytes and timestamp. */
    private record In(String topic, String key, byte[] value, long timestamp) {
    }

    /**
     * How stage ids are numbered: consecutively within each market (as {@code dashctl bench engine}), or from one
     * counter shared by the markets, so that every auction of a market skips the ids of the others.
     */
    @Param({"per-market", "shared-counter"})
    public String ids;

    private final List<In> pool = new ArrayList<>();
    private final List<byte[]> configs = new ArrayList<>();
    private int cursor;
    private long offset;
    private StageEngine engine;
    private Blackhole sink;

    @Setup
    public void setUp(Blackhole blackhole) {
        sink = blackhole;
        ValueGrid grid = ValueGrid.uniform(8, 65);
        BidTable prior = Prior.table(grid, dev.dashmech.mechanism.bidding.PaymentFormat.WINNER_PAYS_BID);
        List<String> agents = new ArrayList<>();
        for (int a = 0; a < AGENTS; a++) {
            agents.add("agent-" + a);
        }
        for (int m = 0; m < MARKETS; m++) {
            configs.add(serializer.serialize("markets", MarketConfig.newBuilder().setMarket("market-" + m)
                    .setAlgorithm(AllocationAlgorithm.newBuilder().setType(AlgorithmType.SOFTMAX).setTemperature(1)
                            .setReserve(0).build())
                    .setValueMax(8).setGridSize(65).setRho(0.05).setEta(0.5)
                    .setDashboardKind(DashboardKind.INSTRUMENTED)
                    .setPaymentFormats(List.of(PaymentFormat.WINNER_PAYS_BID))
                    .setRebalancing(RebalancingKind.NONE).setStageDeadlineMs(10_000).setSeed(m)
                    .setCadence(PublisherCadence.newBuilder().build()).setUpdatedAt(T0).build()));
        }
        SplittableRandom random = new SplittableRandom(1);
        for (int stage = 0; stage < POOL; stage++) {
            String market = "market-" + (stage % MARKETS);
            long stageId = ids.equals("per-market") ? stage / MARKETS + 1 : stage + 1;
            long opened = T0.toEpochMilli() + 2L * stage;
            pool.add(new In("auctions", market, serializer.serialize("auctions", AuctionOpened.newBuilder()
                    .setMarket(market).setStageId(stageId).setOpenedAt(Instant.ofEpochMilli(opened))
                    .setEligibleAgents(agents).build()), opened));
            for (String agent : agents) {
                pool.add(new In("bids", market, serializer.serialize("bids", Bid.newBuilder().setMarket(market)
                        .setStageId(stageId).setAgent(agent).setAmount(prior.bidFor(random.nextDouble() * 8))
                        .setFormat(PaymentFormat.WINNER_PAYS_BID).setDashboardVersion(0)
                        .setSubmittedAt(Instant.ofEpochMilli(opened + 1)).build()), opened + 1));
            }
        }
        restart();
    }

    private void restart() {
        MockProcessorContext<String, SpecificRecord> context = new MockProcessorContext<>();
        List<KeyValueStore<String, byte[]>> stores = new ArrayList<>();
        for (String name : STORES) {
            KeyValueStore<String, byte[]> store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(name),
                    Serdes.String(), Serdes.ByteArray()).withLoggingDisabled().withCachingDisabled().build();
            store.init(context.getStateStoreContext(), store);
            stores.add(store);
        }
        for (int m = 0; m < MARKETS; m++) {
            stores.get(0).put("market-" + m, configs.get(m));
        }
        StageEngine.Output output = new StageEngine.Output() {
            @Override
            public void outcome(String market, StageOutcome outcome, long timestamp) {
                sink.consume(serializer.serialize("stage-outcomes", outcome)); // as the sink would
            }

            @Override
            public void rejected(String key, RejectedBid rejected, long timestamp) {
                throw new IllegalStateException("the benchmark's bids are all good, but one was rejected: "
                        + rejected);
            }
        };
        engine = new StageEngine(TOPICS, decoders, new MarketDirectory(decoders.markets(), "markets"),
                new StageEngine.Stores(stores.get(0), stores.get(1), stores.get(2), stores.get(3), stores.get(4)),
                output, EngineMetrics.register(new SimpleMeterRegistry()),
                new StageEngine.Settings(Duration.ofMinutes(1), Duration.ofSeconds(30), 100_000));
        engine.restore(-1, 0);
        cursor = 0;
    }

    /** One stage: its auction and its K bids, through the engine; the stage closes on its K-th bid. */
    @Benchmark
    public void engineStage() {
        if (cursor == pool.size()) {
            restart();
        }
        for (int k = 0; k <= AGENTS; k++) {
            In in = pool.get(cursor++);
            engine.process(in.topic(), 0, offset++, in.key(), in.value(), in.timestamp(), 0);
        }
    }

    /** The anchor: decoding the same 11 records. */
    @Benchmark
    public void anchorDecodeStage(Blackhole blackhole) {
        if (cursor == pool.size()) {
            cursor = 0;
        }
        blackhole.consume(decoders.auctions().decode("auctions", pool.get(cursor++).value()));
        for (int k = 0; k < AGENTS; k++) {
            blackhole.consume(decoders.bids().decode("bids", pool.get(cursor++).value()));
        }
    }
}
