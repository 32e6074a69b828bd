package dev.dashmech.integration.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import dev.dashmech.engine.metrics.EngineMetrics;
import dev.dashmech.engine.service.StageEngineService;
import dev.dashmech.engine.topology.StageEngineConfig;
import dev.dashmech.engine.topology.StageEngineTopology;
import dev.dashmech.integration.broker.SharedBrokerExtension;
import dev.dashmech.mechanism.bidding.BidStrategy;
import dev.dashmech.mechanism.bidding.BidTable;
import dev.dashmech.mechanism.rule.AllocationRule;
import dev.dashmech.mechanism.rule.ValueGrid;
import dev.dashmech.platform.broker.EmbeddedKafkaBroker;
import dev.dashmech.platform.streams.StreamsApp;
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
import dev.dashmech.schemas.avro.StageEntry;
import dev.dashmech.schemas.avro.StageOutcome;
import dev.dashmech.schemas.serde.ConfluentAvroDeserializer;
import dev.dashmech.schemas.serde.ConfluentAvroSerializer;
import dev.dashmech.schemas.topic.TopicCatalog;
import dev.dashmech.schemas.topic.TopicProvisioner;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The stage engine on a real broker with exactly-once v2, run by the platform's {@link StreamsApp}: bidders that
 * follow their published dashboards get their true values inferred (to floating-point tolerance: the dashboard's
 * bid column is inverted by the same interpolation the bidder used), and every bid sent ends in exactly one
 * stage-outcome entry or one rejected-bid record.
 */
@ExtendWith(SharedBrokerExtension.class)
class StageEngineEndToEndTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static final double VMAX = 10;
    private static final int STAGES = 40;
    private static final String[] AGENTS = {"hotel-a", "hotel-b", "hotel-c", "hotel/d"};

    private final EmbeddedKafkaBroker broker;
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final String registryUrl = "mock://engine-it-" + run;
    private final TopicCatalog catalog = TopicCatalog.builder().prefix("engine-it-" + run + ".").loopPartitions(2)
            .build();
    private final ConfluentAvroSerializer<SpecificRecord> serializer = new ConfluentAvroSerializer<>();

    StageEngineEndToEndTest(EmbeddedKafkaBroker broker) {
        this.broker = broker;
        serializer.configure(Map.of("schema.registry.url", registryUrl), false);
    }

    /** One market's setting: its format and algorithm. */
    private record MarketSpec(String name, PaymentFormat format, AlgorithmType algorithm, double rho) {
    }

    @Test
    void shouldInferTheTrueValuesOfBiddersThatFollowTheirDashboardsAndAccountForEveryBid() throws Exception {
        // given the topics and the engine running on the broker
        try (Admin admin = broker.createAdmin()) {
            TopicProvisioner.ensureTopics(admin, catalog, TIMEOUT);
        }
        Path stateDir = Files.createTempDirectory("engine-it");
        StageEngineConfig config = StageEngineConfig.builder(registryUrl).topics(catalog)
                .idleCloseInterval(Duration.ofMillis(200)).build();
        // the service's Streams settings: exactly-once v2, and a short wait for an auction a bid overtook in flight
        Properties properties = StageEngineService.streamsProperties("engine-it-" + run, broker.bootstrapServers(),
                stateDir, Map.of());
        assertThat(properties.get(StreamsConfig.PROCESSING_GUARANTEE_CONFIG)).isEqualTo(StreamsConfig.EXACTLY_ONCE_V2);
        List<MarketSpec> markets = List.of(
                new MarketSpec("it-hotels-wpb", PaymentFormat.WINNER_PAYS_BID, AlgorithmType.SOFTMAX, 0.2),
                new MarketSpec("it-hotels-allpay", PaymentFormat.ALL_PAY, AlgorithmType.PROPORTIONAL, 0));
        Map<String, Double> trueValues = new HashMap<>();
        Map<RejectReason, Integer> expectedRejects = new HashMap<>();
        int sent;
        try (StreamsApp app = StreamsApp.builder(StageEngineTopology.build(config, new SimpleMeterRegistry()),
                properties).start();
             KafkaProducer<String, byte[]> producer = producer()) {
            // when the markets are configured, the dashboards published, and bidders bid by them
            long t0 = System.currentTimeMillis();
            for (MarketSpec m : markets) {
                send(producer, catalog.markets().name(), m.name(), market(m, t0), t0);
            }
            producer.flush();
            // configurations reach the engine through its global store, asynchronously: wait for them
            ReadOnlyKeyValueStore<String, byte[]> configured = app.kafkaStreams().store(StoreQueryParameters
                    .fromNameAndType(StageEngineTopology.MARKETS_STORE, QueryableStoreTypes.keyValueStore()));
            await().atMost(TIMEOUT).until(() -> markets.stream().allMatch(m -> configured.get(m.name()) != null));
            sent = playStages(producer, markets, t0, trueValues, expectedRejects);
            producer.flush();

            // then every bid is accounted for: outcome entries + rejections = bids sent
            List<StageOutcome> outcomes = new ArrayList<>();
            List<RejectedBid> rejects = new ArrayList<>();
            int expected = sent;
            read(outcomes, rejects, () -> entries(outcomes) + rejects.size() >= expected);
            assertThat(app.fatalError()).isNull();

            assertThat(entries(outcomes) + rejects.size()).isEqualTo(sent);
            assertThat(outcomes).hasSize(markets.size() * STAGES);
            List<String> accounted = new ArrayList<>();
            outcomes.forEach(out -> out.getEntries().forEach(e -> accounted.add(e.getBidId())));
            rejects.forEach(rej -> accounted.add(rej.getBidId() == null ? "malformed" : rej.getBidId()));
            assertThat(accounted.stream().filter(id -> !id.equals("malformed")).distinct().count())
                    .isEqualTo(accounted.stream().filter(id -> !id.equals("malformed")).count());

            // and the bidders that followed their dashboards got their true values inferred
            for (StageOutcome out : outcomes) {
                for (StageEntry e : out.getEntries()) {
                    assertThat(trueValues).as("entries are the bids that followed the dashboards")
                            .containsKey(e.getBidId());
                    assertThat(e.getInferredValue()).as("inferred value of bid %s", e.getBidId())
                            .isCloseTo(trueValues.get(e.getBidId()), within(1e-9));
                    assertThat(e.getDashboardVersion()).isEqualTo(1);
                }
            }
            Map<RejectReason, Integer> actualRejects = new HashMap<>();
            rejects.forEach(rej -> actualRejects.merge(rej.getReason(), 1, Integer::sum));
            assertThat(actualRejects).isEqualTo(expectedRejects);
            assertThat(rejects).filteredOn(rej -> rej.getReason() == RejectReason.MALFORMED_BYTES)
                    .allSatisfy(rej -> assertThat(rej.getRawBytes()).isNotNull());
        } finally {
            deleteQuietly(stateDir);
        }
    }

    /**
     * A redeploy in the middle of every stage: the engine takes half of each stage's bids, stops (a clean close,
     * which commits), and a new instance with an empty state directory (so everything comes back from the
     * changelogs) takes the other half. Every stage must close with all four bids, both halves, and nothing else:
     * the open stages and their bids reached the changelog in the commit that consumed them (the engine's stores
     * write behind, at Kafka Streams' pre-commit hook).
     */
    @Test
    void shouldKeepTheBidsOfOpenStagesAcrossARestartFromTheChangelogs() throws Exception {
        try (Admin admin = broker.createAdmin()) {
            TopicProvisioner.ensureTopics(admin, catalog, TIMEOUT);
        }
        MarketSpec m = new MarketSpec("it-restart", PaymentFormat.WINNER_PAYS_BID, AlgorithmType.SOFTMAX, 0.2);
        StageEngineConfig config = StageEngineConfig.builder(registryUrl).topics(catalog)
                .idleCloseInterval(Duration.ZERO).build();
        String applicationId = "engine-restart-it-" + run;
        int stages = 30;
        long t0 = System.currentTimeMillis();
        Map<String, BidTable> tables = new HashMap<>();
        ValueGrid grid = ValueGrid.uniform(VMAX, 65);
        SplittableRandom random = new SplittableRandom(3);
        List<String> firstHalf = new ArrayList<>();
        List<String> secondHalf = new ArrayList<>();
        try (KafkaProducer<String, byte[]> producer = producer()) {
            send(producer, catalog.markets().name(), m.name(), market(m, t0), t0);
            for (String agent : AGENTS) {
                BidTable table = BidStrategy.of(AllocationRule.sample(grid, z -> z / VMAX),
                        dev.dashmech.mechanism.bidding.PaymentFormat.WINNER_PAYS_BID).table();
                tables.put(agent, table);
                send(producer, catalog.dashboardsInternal().name(), m.name(), dashboard(m, agent, table, t0), t0);
            }
            // every stage opened, with a deadline far beyond the test, and half of its agents' bids
            for (long stage = 1; stage <= stages; stage++) {
                long at = t0 + stage;
                send(producer, catalog.auctions().name(), m.name(), AuctionOpened.newBuilder().setMarket(m.name())
                        .setStageId(stage).setOpenedAt(Instant.ofEpochMilli(at)).setTmaxMs(3_600_000L)
                        .setEligibleAgents(List.of(AGENTS)).build(), at);
                for (int a = 0; a < 2; a++) {
                    String id = m.name() + "-" + stage + "-" + AGENTS[a];
                    firstHalf.add(id);
                    send(producer, catalog.bids().name(), m.name(), bid(m, stage, AGENTS[a],
                            tables.get(AGENTS[a]).bidFor(random.nextDouble() * VMAX), id), at + 1);
                }
            }
            producer.flush();
        }

        // the first instance takes them all, then stops
        Path firstDir = Files.createTempDirectory("engine-restart-a");
        SimpleMeterRegistry firstMeters = new SimpleMeterRegistry();
        try (StreamsApp app = StreamsApp.builder(StageEngineTopology.build(config, firstMeters),
                StageEngineService.streamsProperties(applicationId, broker.bootstrapServers(), firstDir, Map.of()))
                .start()) {
            await().atMost(TIMEOUT).until(() -> firstMeters.find(EngineMetrics.BIDS_IN).counters().stream()
                    .mapToDouble(c -> c.count()).sum() >= firstHalf.size());
            assertThat(app.fatalError()).isNull();
            assertThat(firstMeters.find(EngineMetrics.STAGES_CLOSED).counters().stream()
                    .mapToDouble(c -> c.count()).sum()).isZero();
        } finally {
            deleteQuietly(firstDir);
        }

        // a second instance, with no local state, gets the other half
        Path secondDir = Files.createTempDirectory("engine-restart-b");
        try (StreamsApp app = StreamsApp.builder(StageEngineTopology.build(config, new SimpleMeterRegistry()),
                StageEngineService.streamsProperties(applicationId, broker.bootstrapServers(), secondDir, Map.of()))
                .start();
             KafkaProducer<String, byte[]> producer = producer()) {
            for (long stage = 1; stage <= stages; stage++) {
                long at = t0 + stage;
                for (int a = 2; a < AGENTS.length; a++) {
                    String id = m.name() + "-" + stage + "-" + AGENTS[a];
                    secondHalf.add(id);
                    send(producer, catalog.bids().name(), m.name(), bid(m, stage, AGENTS[a],
                            tables.get(AGENTS[a]).bidFor(random.nextDouble() * VMAX), id), at + 2);
                }
            }
            producer.flush();

            List<StageOutcome> outcomes = new ArrayList<>();
            List<RejectedBid> rejects = new ArrayList<>();
            read(outcomes, rejects, () -> outcomes.size() >= stages);
            assertThat(app.fatalError()).isNull();
            assertThat(rejects).isEmpty();
            assertThat(outcomes).hasSize(stages).allSatisfy(out -> {
                assertThat(out.getCloseReason().name()).isEqualTo("ALL_BID");
                assertThat(out.getEntries()).hasSize(AGENTS.length);
            });
            List<String> taken = outcomes.stream().flatMap(out -> out.getEntries().stream())
                    .map(StageEntry::getBidId).toList();
            List<String> sentIds = new ArrayList<>(firstHalf);
            sentIds.addAll(secondHalf);
            assertThat(taken).containsExactlyInAnyOrderElementsOf(sentIds);
        } finally {
            deleteQuietly(secondDir);
        }
    }

    /**
     * Publishes version 1 of every agent's dashboard, then plays the stages: each opened for the four agents, each
     * agent bidding its dashboard's bid for a random true value; plus bad bids of several kinds. Returns the number
     * of bid records sent.
     */
    private int playStages(KafkaProducer<String, byte[]> producer, List<MarketSpec> markets, long origin,
                           Map<String, Double> trueValues, Map<RejectReason, Integer> expectedRejects) {
        SplittableRandom random = new SplittableRandom(7);
        ValueGrid grid = ValueGrid.uniform(VMAX, 65);
        String auctions = catalog.auctions().name();
        String bids = catalog.bids().name();
        int sent = 0;
        long start = origin;
        for (MarketSpec m : markets) {
            // event time moves on from market to market, as it would in one live stream
            start += 10 * STAGES + 100;
            long t0 = start;
            Map<String, BidTable> tables = new HashMap<>();
            for (String agent : AGENTS) {
                double power = 0.5 + 1.5 * random.nextDouble();
                BidTable table = BidStrategy.of(AllocationRule.sample(grid, z -> Math.pow(z / VMAX, power)),
                        dev.dashmech.mechanism.bidding.PaymentFormat.valueOf(m.format().name())).table();
                tables.put(agent, table);
                send(producer, catalog.dashboardsInternal().name(), m.name(), dashboard(m, agent, table, t0), t0);
            }
            // a bid for stage 0, which the auctions never open: it waits until stage 1 opens, then UNKNOWN_STAGE
            send(producer, bids, m.name(), bid(m, 0, AGENTS[3], 1, m.name() + "-unknown"), t0);
            expectedRejects.merge(RejectReason.UNKNOWN_STAGE, 1, Integer::sum);
            sent++;
            for (long stage = 1; stage <= STAGES; stage++) {
                long at = t0 + 10 * stage;
                AuctionOpened auction = AuctionOpened.newBuilder().setMarket(m.name()).setStageId(stage)
                        .setOpenedAt(Instant.ofEpochMilli(at)).setTmaxMs(2_000L).setEligibleAgents(List.of(AGENTS))
                        .build();
                // every fifth stage's bids reach the broker before its auction: the engine holds them until it
                // opens; the others race their auction in the producer's batches
                boolean bidsFirst = stage % 5 == 0;
                if (!bidsFirst) {
                    send(producer, auctions, m.name(), auction, at);
                }
                if (stage % 10 == 0) {
                    // a negative amount the dashboard does not offer, before the agent's good bid
                    send(producer, bids, m.name(), bid(m, stage, AGENTS[1], -1, m.name() + "-neg-" + stage), at);
                    expectedRejects.merge(RejectReason.BAD_AMOUNT, 1, Integer::sum);
                    sent++;
                }
                for (String agent : AGENTS) {
                    double value = random.nextDouble() * VMAX;
                    String bidId = m.name() + "-" + stage + "-" + agent;
                    trueValues.put(bidId, value);
                    double amount = tables.get(agent).bidFor(value);
                    send(producer, bids, m.name(), bid(m, stage, agent, amount, bidId), at + 1);
                    sent++;
                }
                if (stage % 10 == 0) {
                    // a second bid after all four bid (the stage closed)
                    send(producer, bids, m.name(), bid(m, stage, AGENTS[0], 1, m.name() + "-late-" + stage), at + 2);
                    expectedRejects.merge(RejectReason.LATE_BID, 1, Integer::sum);
                    sent++;
                }
                if (bidsFirst) {
                    producer.flush();
                    send(producer, auctions, m.name(), auction, at);
                }
            }
            // bytes that are not a bid, and bids for a market nobody configured or naming an unknown version
            producer.send(new ProducerRecord<>(bids, null, t0 + 10 * STAGES + 5, m.name(),
                    "{\"amount\": 1}".getBytes(StandardCharsets.UTF_8)));
            expectedRejects.merge(RejectReason.MALFORMED_BYTES, 1, Integer::sum);
            Bid stray = Bid.newBuilder(bid(m, 1, AGENTS[1], 1, m.name() + "-stray")).setMarket("it-nowhere-" + run)
                    .build();
            send(producer, bids, stray.getMarket(), stray, t0 + 10 * STAGES + 5);
            expectedRejects.merge(RejectReason.UNKNOWN_MARKET, 1, Integer::sum);
            sent += 2;
        }
        return sent;
    }

    /**
     * Reads the outcomes and rejections (read_committed) until {@code enough} or the timeout, then for one more second,
     * so that anything counted twice would show.
     */
    private void read(List<StageOutcome> outcomes, List<RejectedBid> rejects, BooleanSupplier enough) {
        try (KafkaConsumer<String, StageOutcome> o = consumer(StageOutcome.class, catalog.stageOutcomes().name());
             KafkaConsumer<String, RejectedBid> r = consumer(RejectedBid.class, catalog.rejectedBids().name())) {
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            long quietUntil = Long.MAX_VALUE;
            while (System.nanoTime() < Math.min(deadline, quietUntil)) {
                o.poll(Duration.ofMillis(100)).forEach(rec -> outcomes.add(rec.value()));
                r.poll(Duration.ofMillis(100)).forEach(rec -> rejects.add(rec.value()));
                if (quietUntil == Long.MAX_VALUE && enough.getAsBoolean()) {
                    quietUntil = System.nanoTime() + Duration.ofSeconds(1).toNanos();
                }
            }
        }
    }

    private static int entries(List<StageOutcome> outcomes) {
        return outcomes.stream().mapToInt(o -> o.getEntries().size()).sum();
    }

    private static MarketConfig market(MarketSpec m, long t0) {
        return MarketConfig.newBuilder()
                .setMarket(m.name())
                .setAlgorithm(AllocationAlgorithm.newBuilder().setType(m.algorithm()).setTemperature(1)
                        .setReserve(m.algorithm() == AlgorithmType.PROPORTIONAL ? 1 : 0).build())
                .setValueMax(VMAX)
                .setGridSize(65)
                .setRho(m.rho())
                .setEta(0.5)
                .setDashboardKind(m.rho() > 0 ? DashboardKind.INSTRUMENTED : DashboardKind.INFERRED_VALUES)
                .setPaymentFormats(List.of(m.format()))
                .setRebalancing(RebalancingKind.NONE)
                .setStageDeadlineMs(2_000)
                .setSeed(11)
                .setCadence(PublisherCadence.newBuilder().build())
                .setUpdatedAt(Instant.ofEpochMilli(t0))
                .build();
    }

    private static Dashboard dashboard(MarketSpec m, String agent, BidTable table, long t0) {
        return Dashboard.newBuilder().setMarket(m.name()).setAgent(agent).setVersion(1).setFormat(m.format())
                .setKind(DashboardKind.INFERRED_VALUES).setValues(list(table.values())).setBids(list(table.bids()))
                .setWinProbabilities(list(table.winProbabilities())).setRebalancing(RebalancingKind.NONE)
                .setBalanceUsed(0).setRho(m.rho()).setEta(0.5).setSampleCount(1)
                .setPublishedAt(Instant.ofEpochMilli(t0)).build();
    }

    private static Bid bid(MarketSpec m, long stage, String agent, double amount, String bidId) {
        return Bid.newBuilder().setMarket(m.name()).setStageId(stage).setAgent(agent).setAmount(amount)
                .setFormat(m.format()).setDashboardVersion(1).setSubmittedAt(Instant.now()).setBidId(bidId).build();
    }

    private static List<Double> list(double[] xs) {
        return Arrays.stream(xs).boxed().toList();
    }

    private void send(KafkaProducer<String, byte[]> producer, String topic, String key, SpecificRecord value,
                      long timestamp) {
        producer.send(new ProducerRecord<>(topic, null, timestamp, key, serializer.serialize(topic, value)));
    }

    private KafkaProducer<String, byte[]> producer() {
        Map<String, Object> props = broker.clientProperties();
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        return new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
    }

    private <T extends SpecificRecord> KafkaConsumer<String, T> consumer(Class<T> type, String topic) {
        Map<String, Object> props = broker.clientProperties();
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"); // the engine writes in transactions
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        Deserializer<T> values = new ConfluentAvroDeserializer<>(type);
        values.configure(Map.of("schema.registry.url", registryUrl), false);
        KafkaConsumer<String, T> consumer = new KafkaConsumer<>(props, new StringDeserializer(), values);
        List<TopicPartition> partitions = consumer.partitionsFor(topic, TIMEOUT).stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        return consumer;
    }

    private static void deleteQuietly(Path dir) {
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary directory left behind is harmless
        }
    }
}
