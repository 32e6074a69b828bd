package dev.dashmech.engine.processor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dashmech.engine.metrics.EngineMetrics;
import dev.dashmech.engine.processor.internal.MarketDirectory;
import dev.dashmech.engine.processor.internal.StageEngine;
import dev.dashmech.engine.topology.internal.WriteBehindStore;
import dev.dashmech.engine.topology.internal.WriteBehindStoreBuilder;
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
import dev.dashmech.schemas.avro.RejectReason;
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
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.internals.WrappedStateStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A task that stops anywhere and starts again from its stores gives the outcomes and rejections of a task that never
 * stopped: open stages, their bids, dashboards, standing bids, closed-stage markers and the stage-id bookkeeping all
 * live in the stores.
 */
class StageEngineRestoreTest {

    private static final Instant T0 = Instant.parse("2025-03-01T12:00:00Z");
    private static final String[] STORES = {"markets", "dashboards", "stages", "standing", "held"};
    private static final StageEngine.Topics TOPICS = new StageEngine.Topics("markets", "auctions", "bids",
            "dashboards.internal");

    private record Input(String topic, String key, byte[] value, long timestamp) {
    }

    private record Output(String child, String key, SpecificRecord value, long timestamp) {
    }

    private final SchemaRegistryClient registry = SchemaRegistries.connect("mock://restore-" + UUID.randomUUID());
    private final ConfluentAvroSerializer<SpecificRecord> serializer = new ConfluentAvroSerializer<>(registry, true);
    private final StageEngine.Decoders decoders = new StageEngine.Decoders(AvroDecoder.of(MarketConfig.class, registry),
            AvroDecoder.of(AuctionOpened.class, registry), AvroDecoder.of(Bid.class, registry),
            AvroDecoder.of(Dashboard.class, registry));

    private Input input(String topic, String key, SpecificRecord value, long at) {
        return new Input(topic, key, serializer.serialize(topic, value), T0.toEpochMilli() + at);
    }

    /**
     * Overlapping stages of an instrumented standing-bids market, dashboards now and then, some late bids; every
     * fifth auction comes after its bids and every dashboard after the bids that follow it, so bids are held.
     */
    private List<Input> log() {
        List<Input> log = new ArrayList<>();
        MarketConfig config = MarketConfig.newBuilder().setMarket("m").setAlgorithm(AllocationAlgorithm.newBuilder()
                        .setType(AlgorithmType.SOFTMAX).setTemperature(1).setReserve(0).build())
                .setValueMax(8).setGridSize(33).setRho(0.25).setEta(0.5).setDashboardKind(DashboardKind.INSTRUMENTED)
                .setPaymentFormats(List.of(PaymentFormat.WINNER_PAYS_BID)).setRebalancing(RebalancingKind.NONE)
                .setStandingBids(true).setStageDeadlineMs(100).setSeed(7).setDashboardVersionsKept(2)
                .setCadence(PublisherCadence.newBuilder().build()).setUpdatedAt(T0).build();
        log.add(input("markets", "m", config, 0));
        ValueGrid grid = ValueGrid.uniform(8, 33);
        BidTable prior = Prior.table(grid, dev.dashmech.mechanism.bidding.PaymentFormat.WINNER_PAYS_BID);
        String[] agents = {"a", "b", "c", "d"};
        long[] versions = new long[agents.length];
        SplittableRandom random = new SplittableRandom(99);
        for (long stage = 1; stage <= 60; stage++) {
            long t = stage * 50;
            Input dashboard = null;
            if (stage % 7 == 0) {
                int i = random.nextInt(agents.length);
                versions[i]++;
                dashboard = input("dashboards.internal", "m", Dashboard.newBuilder().setMarket("m").setAgent(agents[i])
                        .setVersion(versions[i]).setFormat(PaymentFormat.WINNER_PAYS_BID)
                        .setKind(DashboardKind.INSTRUMENTED).setValues(list(prior.values()))
                        .setBids(list(prior.bids())).setWinProbabilities(list(prior.winProbabilities()))
                        .setRebalancing(RebalancingKind.NONE).setBalanceUsed(0).setRho(0.25).setEta(0.5)
                        .setSampleCount(1).setPublishedAt(T0).build(), t);
            }
            AuctionOpened.Builder auction = AuctionOpened.newBuilder().setMarket("m").setStageId(stage)
                    .setOpenedAt(T0.plusMillis(t));
            if (stage % 3 == 0) {
                auction.setEligibleAgents(List.of("a", "b"));
            }
            Input opened = input("auctions", "m", auction.build(), t);
            if (stage % 5 != 0) {
                log.add(opened);
            }
            for (int i = 0; i < agents.length; i++) {
                if (random.nextDouble() < 0.5) {
                    Bid bid = Bid.newBuilder().setMarket("m").setStageId(stage).setAgent(agents[i])
                            .setAmount(prior.bidFor(random.nextDouble() * 8)).setFormat(PaymentFormat.WINNER_PAYS_BID)
                            .setDashboardVersion(versions[i]).setSubmittedAt(T0).build();
                    log.add(input("bids", "m", bid, t + random.nextInt(130)));
                }
            }
            if (stage % 5 == 0) {
                log.add(opened);
            }
            if (dashboard != null) {
                log.add(dashboard);
            }
        }
        // the bids' clock passes every deadline
        log.add(input("auctions", "m", AuctionOpened.newBuilder().setMarket("m").setStageId(1_000)
                .setOpenedAt(T0.plusMillis(100_000)).build(), 100_000));
        log.add(input("bids", "m", Bid.newBuilder().setMarket("m").setStageId(1_000).setAgent("a").setAmount(1)
                .setFormat(PaymentFormat.WINNER_PAYS_BID).setDashboardVersion(versions[0]).setSubmittedAt(T0)
                .build(), 100_000));
        return log;
    }

    private static List<Double> list(double[] xs) {
        return Arrays.stream(xs).boxed().toList();
    }

    private final MarketDirectory directory = new MarketDirectory(decoders.markets(), "markets");
    private final EngineMetrics metrics = EngineMetrics.register(new SimpleMeterRegistry());

    private StageEngineProcessor processor() {
        return processor(directory);
    }

    private StageEngineProcessor processor(MarketDirectory markets) {
        return new StageEngineProcessor(TOPICS, decoders, markets, metrics,
                new StageEngine.Settings(Duration.ofMillis(400), Duration.ofSeconds(30), 1_000), Duration.ZERO,
                STORES, "outcomes", "rejects");
    }

    private static MockProcessorContext<String, SpecificRecord> contextWithStores() {
        return contextWithStores(false);
    }

    /**
     * @param writeBehindStages whether the stages store is a {@link WriteBehindStore}, as in the topology: then the
     *                          engine defers its open stages to {@link WriteBehindStore#flushCache()} (a commit)
     */
    private static MockProcessorContext<String, SpecificRecord> contextWithStores(boolean writeBehindStages) {
        MockProcessorContext<String, SpecificRecord> context = new MockProcessorContext<>();
        context.setCurrentStreamTimeMs(-1); // unknown until the first record, as in a new task
        context.setCurrentSystemTimeMs(0);
        for (String name : STORES) {
            KeyValueStore<String, byte[]> store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(name),
                    Serdes.String(), Serdes.ByteArray()).withLoggingDisabled().build();
            if (writeBehindStages && name.equals("stages")) {
                store = new WriteBehindStore(store, WriteBehindStoreBuilder.DEFAULT_MAX_PENDING);
            }
            store.init(context.getStateStoreContext(), store);
            context.addStateStore(store);
        }
        return context;
    }

    private void feed(StageEngineProcessor processor, MockProcessorContext<String, SpecificRecord> context,
                      List<Input> inputs, int[] offsets) {
        MarketConfigProcessor markets = new MarketConfigProcessor("markets", "markets", decoders.markets(), directory,
                metrics);
        markets.init(new MockProcessorContext<>() {
            @Override
            @SuppressWarnings("unchecked")
            public <S extends org.apache.kafka.streams.processor.StateStore> S getStateStore(String name) {
                return (S) context.getStateStore(name);
            }
        });
        for (Input in : inputs) {
            if (in.topic().equals(TOPICS.markets())) {
                markets.process(new Record<>(in.key(), in.value(), in.timestamp())); // the global store's processor
                continue;
            }
            int partitionOffset = offsets[Arrays.asList(TOPICS.markets(), TOPICS.auctions(), TOPICS.bids(),
                    TOPICS.dashboards()).indexOf(in.topic())]++;
            context.setRecordMetadata(in.topic(), 0, partitionOffset);
            context.setCurrentStreamTimeMs(Math.max(context.currentStreamTimeMs(), in.timestamp()));
            processor.process(new Record<>(in.key(), in.value(), in.timestamp()));
        }
    }

    private static List<Output> forwarded(MockProcessorContext<String, SpecificRecord> context) {
        return context.forwarded().stream().map(f -> new Output(f.childName().orElseThrow(), f.record().key(),
                f.record().value(), f.record().timestamp())).toList();
    }

    @ParameterizedTest(name = "stages written {0}")
    @ValueSource(strings = {"after every change", "before each commit"})
    void shouldContinueFromItsStoresAsIfItNeverStopped(String writes) {
        boolean deferred = writes.equals("before each commit");
        List<Input> log = log();
        // a task that never stops
        MockProcessorContext<String, SpecificRecord> reference = contextWithStores(deferred);
        StageEngineProcessor running = processor();
        running.init(reference);
        feed(running, reference, log, new int[4]);
        List<Output> expected = forwarded(reference);
        assertThat(metrics.heldCount(true)).as("bids held for their auction").isGreaterThan(5);
        assertThat(metrics.heldCount(false)).as("bids held for their dashboard version").isGreaterThan(0);

        for (int stop = 1; stop < log.size(); stop++) { // every point: the bid clock must be restored exactly
            // a task that stops after `stop` records (a clean stop: a last commit) and starts again on the same stores
            MockProcessorContext<String, SpecificRecord> context = contextWithStores(deferred);
            int[] offsets = new int[4];
            StageEngineProcessor first = processor();
            first.init(context);
            feed(first, context, log.subList(0, stop), offsets);
            if (deferred) {
                ((WriteBehindStore) context.getStateStore("stages")).flushCache();
            }
            first.close();
            StageEngineProcessor second = processor();
            second.init(context);
            feed(second, context, log.subList(stop, log.size()), offsets);

            assertThat(forwarded(context)).as("stopped after %d records", stop).isEqualTo(expected);
        }
        assertThat(expected).filteredOn(o -> o.child().equals("outcomes")).hasSizeGreaterThan(50);
        assertThat(expected).filteredOn(o -> o.child().equals("rejects")).isNotEmpty();
        assertThat(expected).filteredOn(o -> o.value() instanceof StageOutcome s
                && s.getEntries().stream().anyMatch(e -> e.getStanding())).isNotEmpty();
    }

    @Test
    void shouldWriteAnOpenStageBeforeTheCommitOnceNotWithEveryBid() {
        // given a stages store that defers, over a store that counts the writes of each key
        MockProcessorContext<String, SpecificRecord> context = contextWithStores();
        Map<String, Integer> writes = new HashMap<>();
        KeyValueStore<String, byte[]> plain = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("stages"),
                Serdes.String(), Serdes.ByteArray()).withLoggingDisabled().build();
        WriteBehindStore stages = new WriteBehindStore(new CountingStore(plain, writes), 10_000);
        stages.init(context.getStateStoreContext(), stages);
        context.addStateStore(stages);
        StageEngineProcessor processor = processor();
        processor.init(context);
        List<Input> inputs = new ArrayList<>(List.of(log().get(0), input("auctions", "m", AuctionOpened.newBuilder()
                .setMarket("m").setStageId(1).setOpenedAt(T0).build(), 0)));
        for (String agent : List.of("a", "b", "c")) {
            inputs.add(input("bids", "m", Bid.newBuilder().setMarket("m").setStageId(1).setAgent(agent).setAmount(1)
                    .setFormat(PaymentFormat.WINNER_PAYS_BID).setDashboardVersion(0).setSubmittedAt(T0).build(), 5));
        }

        // when the stage opens and takes three bids between two commits
        int[] offsets = new int[4];
        feed(processor, context, inputs, offsets);
        String slot = StageEngine.slotKey("m", 0);

        // then it is not in the store until the commit, and written once then
        assertThat(stages.get(slot)).isNull();
        stages.flushCache();
        assertThat(writes.get(slot)).isEqualTo(1);
        stages.flushCache();
        assertThat(writes.get(slot)).as("unchanged since: not written again").isEqualTo(1);
        processor.close();

        // and with its three bids: a task started on the store closes it with them and a fourth
        StageEngineProcessor second = processor();
        second.init(context);
        feed(second, context, List.of(
                input("bids", "m", Bid.newBuilder().setMarket("m").setStageId(1).setAgent("d").setAmount(1)
                        .setFormat(PaymentFormat.WINNER_PAYS_BID).setDashboardVersion(0).setSubmittedAt(T0).build(), 6),
                input("auctions", "m", AuctionOpened.newBuilder().setMarket("m").setStageId(2)
                        .setOpenedAt(T0.plusMillis(1_000)).build(), 1_000),
                input("bids", "m", Bid.newBuilder().setMarket("m").setStageId(2).setAgent("a").setAmount(1)
                        .setFormat(PaymentFormat.WINNER_PAYS_BID).setDashboardVersion(0).setSubmittedAt(T0).build(),
                        1_000)), offsets);
        assertThat(forwarded(context)).hasSize(1);
        StageOutcome outcome = (StageOutcome) forwarded(context).get(0).value();
        assertThat(outcome.getStageId()).isEqualTo(1);
        assertThat(outcome.getEntries()).extracting(e -> e.getAgent()).containsExactly("a", "b", "c", "d");
    }

    /** A store that counts the puts of each key (Kafka Streams' wrapper base passes the rest through). */
    private static final class CountingStore extends WrappedStateStore<KeyValueStore<String, byte[]>, String, byte[]>
            implements KeyValueStore<String, byte[]> {
        private final Map<String, Integer> puts;

        CountingStore(KeyValueStore<String, byte[]> inner, Map<String, Integer> puts) {
            super(inner);
            this.puts = puts;
        }

        @Override
        public void put(String key, byte[] value) {
            puts.merge(key, 1, Integer::sum);
            wrapped().put(key, value);
        }

        @Override
        public byte[] putIfAbsent(String key, byte[] value) {
            throw new UnsupportedOperationException("not used by WriteBehindStore");
        }

        @Override
        public void putAll(List<KeyValue<String, byte[]>> entries) {
            entries.forEach(e -> put(e.key, e.value));
        }

        @Override
        public byte[] delete(String key) {
            return wrapped().delete(key);
        }

        @Override
        public byte[] get(String key) {
            return wrapped().get(key);
        }

        @Override
        public KeyValueIterator<String, byte[]> range(String from, String to) {
            return wrapped().range(from, to);
        }

        @Override
        public KeyValueIterator<String, byte[]> all() {
            return wrapped().all();
        }

        @Override
        public long approximateNumEntries() {
            return wrapped().approximateNumEntries();
        }
    }

    @Test
    void shouldRejectTheBidsOfOpenStagesOfAMarketRetiredWhileTheTaskWasDown() {
        // given a task with an open stage of market m holding a's bid
        List<Input> log = log();
        MockProcessorContext<String, SpecificRecord> context = contextWithStores();
        StageEngineProcessor first = processor();
        first.init(context);
        Input auction = log.stream().filter(in -> in.topic().equals("auctions")).findFirst().orElseThrow();
        Bid bid = Bid.newBuilder().setMarket("m").setStageId(1).setAgent("a").setAmount(1)
                .setFormat(PaymentFormat.WINNER_PAYS_BID).setDashboardVersion(0).setSubmittedAt(T0).build();
        feed(first, context, List.of(log.get(0), auction, input("bids", "m", bid, 60)), new int[4]);
        first.close();
        assertThat(forwarded(context)).isEmpty();

        // when the market is retired while the task is down, and the task starts again (a new instance)
        KeyValueStore<String, byte[]> markets = context.getStateStore("markets");
        markets.delete("m");
        StageEngineProcessor second = processor(new MarketDirectory(decoders.markets(), "markets"));
        second.init(context);
        Bid other = Bid.newBuilder(bid).setAgent("b").build();
        feed(second, context, List.of(input("bids", "m", other, 70)), new int[] {0, 1, 1, 0});

        // then both bids are rejected as UNKNOWN_MARKET, and nothing of the market is left in the stores
        assertThat(forwarded(context)).extracting(o -> ((RejectedBid) o.value()).getReason())
                .containsExactly(RejectReason.UNKNOWN_MARKET, RejectReason.UNKNOWN_MARKET);
        assertThat(((RejectedBid) forwarded(context).get(0).value()).getDetail()).contains("retired");
        KeyValueStore<String, byte[]> stages = context.getStateStore("stages");
        try (var all = stages.all()) {
            assertThat(all.hasNext()).isFalse();
        }
    }
}
