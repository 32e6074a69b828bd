package dev.dashmech.engine.topology;

import dev.dashmech.engine.metrics.EngineMetrics;
import dev.dashmech.mechanism.bidding.BidStrategy;
import dev.dashmech.mechanism.bidding.BidTable;
import dev.dashmech.mechanism.dashboard.Prior;
import dev.dashmech.mechanism.rule.AllocationRule;
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
import dev.dashmech.schemas.avro.RejectReason;
import dev.dashmech.schemas.avro.RejectedBid;
import dev.dashmech.schemas.avro.StageOutcome;
import dev.dashmech.schemas.serde.ConfluentAvroDeserializer;
import dev.dashmech.schemas.serde.ConfluentAvroSerializer;
import dev.dashmech.schemas.topic.TopicCatalog;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.DoubleUnaryOperator;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

/**
 * The stage engine's topology in a {@link TopologyTestDriver} with an in-process registry, and the records of one
 * market {@value #MARKET}: a softmax market on [0, {@value #VMAX}] with winner-pays-bid, deadline
 * {@value #TMAX} ms and seed {@value #SEED} unless a test changes them. Time is event time in milliseconds from
 * {@link #T0}.
 */
final class EngineTestKit implements AutoCloseable {

    static final String MARKET = "m1";
    static final double VMAX = 8;
    static final long TMAX = 100;
    static final long SEED = 42;
    static final Instant T0 = Instant.parse("2025-03-01T12:00:00Z");

    final String registryUrl = "mock://engine-test-" + UUID.randomUUID();
    final TopicCatalog catalog = TopicCatalog.defaults();
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    final StageEngineConfig config;
    final TopologyTestDriver driver;
    final TestInputTopic<String, byte[]> markets;
    final TestInputTopic<String, byte[]> auctions;
    final TestInputTopic<String, byte[]> bids;
    final TestInputTopic<String, byte[]> dashboards;
    final TestOutputTopic<String, byte[]> outcomeBytes;
    final TestOutputTopic<String, StageOutcome> outcomes;
    final TestOutputTopic<String, RejectedBid> rejects;
    private final ConfluentAvroSerializer<SpecificRecord> serializer = new ConfluentAvroSerializer<>();
    private final Path stateDir;
    static final String CLOCK_MARKET = "clock";
    private int clockTicks;

    private EngineTestKit(Consumer<StageEngineConfig.Builder> settings) {
        StageEngineConfig.Builder builder = StageEngineConfig.builder(registryUrl).topics(catalog)
                .idleCloseInterval(Duration.ZERO);
        settings.accept(builder);
        config = builder.build();
        try {
            stateDir = Files.createTempDirectory("engine-test");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "engine-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9");
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put("processing.exception.handler.global.enabled", true);
        driver = new TopologyTestDriver(StageEngineTopology.build(config, meters), props, T0);
        serializer.configure(Map.of("schema.registry.url", registryUrl), false);
        markets = input(catalog.markets().name());
        auctions = input(catalog.auctions().name());
        bids = input(catalog.bids().name());
        dashboards = input(catalog.dashboardsInternal().name());
        Map<String, Object> serde = Map.of("schema.registry.url", registryUrl);
        ConfluentAvroDeserializer<StageOutcome> outcomeDeserializer =
                new ConfluentAvroDeserializer<>(StageOutcome.class);
        outcomeDeserializer.configure(serde, false);
        ConfluentAvroDeserializer<RejectedBid> rejectDeserializer = new ConfluentAvroDeserializer<>(RejectedBid.class);
        rejectDeserializer.configure(serde, false);
        outcomes = driver.createOutputTopic(catalog.stageOutcomes().name(), new StringDeserializer(),
                outcomeDeserializer);
        outcomeBytes = driver.createOutputTopic(catalog.stageOutcomes().name(), new StringDeserializer(),
                new ByteArrayDeserializer());
        rejects = driver.createOutputTopic(catalog.rejectedBids().name(), new StringDeserializer(),
                rejectDeserializer);
    }

    static EngineTestKit start() {
        return new EngineTestKit(b -> { });
    }

    static EngineTestKit start(Consumer<StageEngineConfig.Builder> settings) {
        return new EngineTestKit(settings);
    }

    private TestInputTopic<String, byte[]> input(String topic) {
        return driver.createInputTopic(topic, new StringSerializer(), new ByteArraySerializer());
    }

    // ------------------------------------------------------------------------------------------------ records

    static MarketConfig.Builder market() {
        return MarketConfig.newBuilder()
                .setMarket(MARKET)
                .setAlgorithm(AllocationAlgorithm.newBuilder().setType(AlgorithmType.SOFTMAX).setTemperature(1)
                        .setReserve(0).build())
                .setValueMax(VMAX)
                .setGridSize(65)
                .setRho(0)
                .setEta(0.5)
                .setDashboardKind(DashboardKind.INFERRED_VALUES)
                .setLookback(1)
                .setPaymentFormats(List.of(PaymentFormat.WINNER_PAYS_BID))
                .setRebalancing(RebalancingKind.NONE)
                .setStandingBids(false)
                .setStageDeadlineMs(TMAX)
                .setSeed(SEED)
                .setDashboardVersionsKept(4)
                .setCadence(PublisherCadence.newBuilder().build())
                .setUpdatedAt(T0);
    }

    static AuctionOpened.Builder auction(long stageId, long openedAt) {
        return AuctionOpened.newBuilder().setMarket(MARKET).setStageId(stageId).setOpenedAt(T0.plusMillis(openedAt));
    }

    static Bid.Builder bid(long stageId, String agent, double amount) {
        return Bid.newBuilder().setMarket(MARKET).setStageId(stageId).setAgent(agent).setAmount(amount)
                .setFormat(PaymentFormat.WINNER_PAYS_BID).setDashboardVersion(0).setSubmittedAt(T0);
    }

    /** A published dashboard of {@code agent} whose rule is {@code y} on the market's grid. */
    static Dashboard.Builder dashboard(String agent, long version, PaymentFormat format, DoubleUnaryOperator y) {
        ValueGrid grid = ValueGrid.uniform(VMAX, 65);
        BidTable table = BidStrategy.of(AllocationRule.sample(grid, y), mechanism(format)).table();
        return Dashboard.newBuilder().setMarket(MARKET).setAgent(agent).setVersion(version).setFormat(format)
                .setKind(DashboardKind.INFERRED_VALUES).setValues(list(table.values())).setBids(list(table.bids()))
                .setWinProbabilities(list(table.winProbabilities())).setRebalancing(RebalancingKind.NONE)
                .setBalanceUsed(0).setRho(0).setEta(0.5).setSampleCount(1).setPublishedAt(T0);
    }

    /** The market's prior table (version 0) in {@code format}, as the engine computes it. */
    static BidTable prior(PaymentFormat format) {
        return Prior.table(ValueGrid.uniform(VMAX, 65), mechanism(format));
    }

    /** The table of a published dashboard record. */
    static BidTable tableOf(Dashboard d) {
        return BidTable.of(d.getValues().stream().mapToDouble(Double::doubleValue).toArray(),
                d.getBids().stream().mapToDouble(Double::doubleValue).toArray(),
                d.getWinProbabilities().stream().mapToDouble(Double::doubleValue).toArray());
    }

    static dev.dashmech.mechanism.bidding.PaymentFormat mechanism(PaymentFormat format) {
        return dev.dashmech.mechanism.bidding.PaymentFormat.valueOf(format.name());
    }

    private static List<Double> list(double[] xs) {
        return Arrays.stream(xs).boxed().toList();
    }

    // ------------------------------------------------------------------------------------------------ piping

    byte[] bytes(String topic, SpecificRecord record) {
        return serializer.serialize(topic, record);
    }

    EngineTestKit configure(MarketConfig config) {
        markets.pipeInput(config.getMarket(), bytes(catalog.markets().name(), config), config.getUpdatedAt());
        return this;
    }

    EngineTestKit configure() {
        return configure(market().build());
    }

    EngineTestKit open(AuctionOpened auction) {
        auctions.pipeInput(auction.getMarket(), bytes(catalog.auctions().name(), auction), auction.getOpenedAt());
        return this;
    }

    /** Opens stage {@code stageId} at {@code openedAt} ms, for the given eligible agents (none: any agent). */
    EngineTestKit open(long stageId, long openedAt, String... eligible) {
        AuctionOpened.Builder a = auction(stageId, openedAt);
        if (eligible.length > 0) {
            a.setEligibleAgents(List.of(eligible));
        }
        return open(a.build());
    }

    EngineTestKit send(Bid bid, long at) {
        bids.pipeInput(bid.getMarket(), bytes(catalog.bids().name(), bid), T0.plusMillis(at));
        return this;
    }

    EngineTestKit sendRaw(String key, byte[] value, long at) {
        bids.pipeInput(key, value, T0.plusMillis(at));
        return this;
    }

    EngineTestKit publish(Dashboard dashboard, long at) {
        dashboards.pipeInput(dashboard.getMarket(), bytes(catalog.dashboardsInternal().name(), dashboard),
                T0.plusMillis(at));
        return this;
    }

    /**
     * Moves the engine's clock (the bids' stream time) to {@code at} ms with a bid that only advances time: a bid of
     * the unconfigured market {@value #CLOCK_MARKET}, whose UNKNOWN_MARKET rejection and count the kit leaves out.
     */
    EngineTestKit advanceTo(long at) {
        Bid tick = Bid.newBuilder().setMarket(CLOCK_MARKET).setStageId(0).setAgent("clock").setAmount(0)
                .setFormat(PaymentFormat.WINNER_PAYS_BID).setDashboardVersion(0).setSubmittedAt(T0.plusMillis(at))
                .build();
        clockTicks++;
        return send(tick, at);
    }

    List<StageOutcome> outcomes() {
        return outcomes.readValuesToList();
    }

    /** The rejected bids so far, without those of {@link #advanceTo}. */
    List<RejectedBid> rejects() {
        return rejects.readKeyValuesToList().stream().filter(kv -> !CLOCK_MARKET.equals(kv.key))
                .map(kv -> kv.value).toList();
    }

    /** A meter's count, without the bids of {@link #advanceTo}. */
    double counter(String name, String... tags) {
        Counter c = meters.find(name).tags(tags).counter();
        double count = c == null ? 0 : c.count();
        boolean ticks = name.equals(EngineMetrics.BIDS_IN) || (name.equals(EngineMetrics.BIDS_REJECTED)
                && (tags.length == 0 || List.of(tags).contains(RejectReason.UNKNOWN_MARKET.name())));
        return ticks ? count - clockTicks : count;
    }

    @Override
    public void close() {
        driver.close();
        try (var files = Files.walk(stateDir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (java.io.IOException e) {
            // a temporary directory left behind is harmless
        }
    }
}
