package dev.dashmech.dashctl.demo;

import dev.dashmech.engine.records.Formats;
import dev.dashmech.engine.service.StageEngineService;
import dev.dashmech.engine.topology.StageEngineConfig;
import dev.dashmech.engine.topology.StageEngineTopology;
import dev.dashmech.mechanism.balance.BalanceBounds;
import dev.dashmech.mechanism.rule.ValueGrid;
import dev.dashmech.platform.broker.EmbeddedKafkaBroker;
import dev.dashmech.platform.streams.StreamsApp;
import dev.dashmech.schemas.avro.AlgorithmType;
import dev.dashmech.schemas.avro.AllocationAlgorithm;
import dev.dashmech.schemas.avro.AuctionOpened;
import dev.dashmech.schemas.avro.Bid;
import dev.dashmech.schemas.avro.DashboardKind;
import dev.dashmech.schemas.avro.MarketConfig;
import dev.dashmech.schemas.avro.PaymentFormat;
import dev.dashmech.schemas.avro.PublisherCadence;
import dev.dashmech.schemas.avro.RebalancingKind;
import dev.dashmech.schemas.avro.RejectedBid;
import dev.dashmech.schemas.avro.StageEntry;
import dev.dashmech.schemas.avro.StageOutcome;
import dev.dashmech.schemas.serde.ConfluentAvroDeserializer;
import dev.dashmech.schemas.serde.ConfluentAvroSerializer;
import dev.dashmech.schemas.topic.TopicCatalog;
import dev.dashmech.schemas.topic.TopicProvisioner;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;

/**
 * One run of {@code dashctl demo}: a market on a real broker, the stage engine as a Kafka Streams app
 * (exactly_once_v2), synthetic bidders following their dashboards, an in-process stand-in for the dashboard
 * publisher, and a per-agent summary.
 *
 * <p>The loop per batch of stages: open the stages ({@code auctions}), every agent bids its dashboard's bid for
 * its true value ({@code bids}), wait for the batch's {@code stage-outcomes}, settle each agent's balance
 * ({@code L += truthful − paid}) and instrumentation samples, and publish each agent's next dashboard to
 * {@code dashboards.internal}, rebalanced with its balance. Early on, a handful of deliberately bad bids show that
 * every bid ends in an outcome or a rejection with a reason.
 */
public final class DemoRun {

    static final String MARKET = "demo-market";
    private static final double VMAX = 10;
    private static final int GRID = 65;
    private static final Duration WAIT = Duration.ofSeconds(60);

    /**
     * The demo's settings.
     *
     * @param stages           stages to run
     * @param agents           bidders (alternately winner-pays-bid and all-pay; the first one's value walks)
     * @param republishEvery   stages per batch: dashboards are republished after each batch
     * @param rho              instrumentation rate ρ
     * @param eta              rebalancing rate η
     * @param seed             the market seed (the engine's draws) and the bidders' values
     * @param bootstrapServers an external broker, or null for an embedded one
     */
    public record Options(int stages, int agents, int republishEvery, double rho, double eta, long seed,
                          String bootstrapServers) {
        public Options {
            if (stages < 1) {
                throw new IllegalArgumentException("--stages must be at least 1, was " + stages);
            }
            if (agents < 2 || agents > 200) {
                throw new IllegalArgumentException("--agents must be in [2, 200], was " + agents);
            }
            if (republishEvery < 1) {
                throw new IllegalArgumentException("--republish-every must be at least 1, was " + republishEvery);
            }
            if (!(rho > 0 && rho < 1)) {
                throw new IllegalArgumentException("--rho must be in (0, 1) for instrumented dashboards, was " + rho);
            }
            if (!(eta > 0 && eta < 1)) {
                throw new IllegalArgumentException("--eta must be in (0, 1), was " + eta);
            }
            if (republishEvery * eta > 1) {
                throw new IllegalArgumentException("--republish-every × --eta must be at most 1 (was "
                        + republishEvery + " × " + eta + "): a dashboard rebalanced with its publish-time balance"
                        + " keeps resolving about ηL per stage until the next one, and overshoots beyond that");
            }
        }
    }

    private final Options options;
    private final PrintWriter progress;
    private final ValueGrid grid = ValueGrid.uniform(VMAX, GRID);
    private final List<DemoAgent> agents = new ArrayList<>();
    private final Map<String, DemoAgent> byId = new HashMap<>();
    private final Map<Long, double[]> truthByStage = new HashMap<>();
    private final Map<String, Long> closed = new TreeMap<>();
    private final Map<String, Long> rejected = new TreeMap<>();
    private final TopicCatalog catalog = TopicCatalog.defaults();
    private long bidsSent;
    private long outcomeEntries;
    private long dashboardsPublished;

    private DemoRun(Options options, PrintWriter progress) {
        this.options = options;
        this.progress = progress;
        for (int i = 0; i < options.agents(); i++) {
            var format = i % 2 == 0 ? dev.dashmech.mechanism.bidding.PaymentFormat.WINNER_PAYS_BID
                    : dev.dashmech.mechanism.bidding.PaymentFormat.ALL_PAY;
            double value = 2 + 7.0 * ((i * 0.618033988749895 + options.seed() * 0.1) % 1.0);
            DemoAgent a = new DemoAgent("agent-" + (i + 1), format, value, i == 0 ? 0.05 : 0, grid, options.rho(),
                    options.eta(), options.seed() * 1_000_003L + i);
            agents.add(a);
            byId.put(a.id, a);
        }
    }

    /** Runs the demo; progress lines go to {@code progress}. */
    public static DemoReport run(Options options, PrintWriter progress) {
        return new DemoRun(options, progress).run();
    }

    private DemoReport run() {
        EmbeddedKafkaBroker embedded = null;
        Path stateDir = null;
        try {
            String bootstrap = options.bootstrapServers();
            if (bootstrap == null) {
                say("starting an embedded Kafka broker (KRaft, 127.0.0.1)...");
                embedded = EmbeddedKafkaBroker.start();
                bootstrap = embedded.bootstrapServers();
            }
            say("broker at " + bootstrap);
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
                var result = TopicProvisioner.ensureTopics(admin, catalog, Duration.ofSeconds(60));
                say("topics: " + result.created().size() + " created, " + result.verified().size() + " verified");
            }
            String registry = "mock://dashmech-demo-" + UUID.randomUUID();
            stateDir = Files.createTempDirectory("dashmech-demo-streams");
            // the engine service's own Streams settings (exactly_once_v2, max.task.idle.ms), committing often so
            // each batch's outcomes come back quickly
            Properties props = StageEngineService.streamsProperties("dashmech-demo-engine-" + UUID.randomUUID(),
                    bootstrap, stateDir, Map.of(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 50));
            StageEngineConfig config = StageEngineConfig.builder(registry).topics(catalog).build();
            say("starting the stage engine (Kafka Streams, exactly_once_v2)...");
            try (StreamsApp engine = StreamsApp.builder(StageEngineTopology.build(config, new SimpleMeterRegistry()),
                    props).start();
                 Clients clients = new Clients(bootstrap, registry)) {
                return stages(clients, bootstrap, engine);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (embedded != null) {
                embedded.close();
            }
            deleteQuietly(stateDir);
        }
    }

    private DemoReport stages(Clients clients, String bootstrap, StreamsApp engine) {
        clients.send(catalog.markets().name(), marketConfig());
        clients.flush();
        say(String.format("market %s: softmax (τ 1, reserve 2) on [0, %s], instrumented dashboards, ρ %s, η %s,"
                + " %d agents, republished every %d stages", MARKET, VMAX, options.rho(), options.eta(),
                agents.size(), options.republishEvery()));
        long start = System.nanoTime();
        long nextStageId = 1; // stage ids increase within a market; the fault stage takes one in sequence
        long done = 0;
        boolean faultsSent = false;
        while (done < options.stages()) {
            long batch = Math.min(options.republishEvery(), options.stages() - done);
            long first = nextStageId;
            long last = first + batch - 1;
            for (long s = first; s <= last; s++) {
                clients.send(catalog.auctions().name(), auction(s, null));
            }
            clients.flush();
            for (long s = first; s <= last; s++) {
                double[] truth = new double[agents.size()];
                for (int i = 0; i < agents.size(); i++) {
                    DemoAgent a = agents.get(i);
                    truth[i] = a.value;
                    sendBid(clients, s, a, a.bid(), a.dashboard.version());
                    a.advance();
                }
                truthByStage.put(s, truth);
            }
            clients.flush();
            nextStageId = last + 1;
            done += batch;
            awaitOutcomes(clients, batch, engine);
            if (!faultsSent) {
                awaitOutcomes(clients, sendFaults(clients, nextStageId++), engine);
                faultsSent = true;
            }
            for (DemoAgent a : agents) {
                clients.send(catalog.dashboardsInternal().name(), DemoDashboards.toRecord(MARKET, a.id,
                        a.republish()));
                dashboardsPublished++;
            }
            clients.flush();
            if (done % Math.max(1, options.stages() / 10) < batch || done == options.stages()) {
                say(String.format("stage %d of %d: %d outcomes, %d rejections", done, options.stages(),
                        closed.values().stream().mapToLong(Long::longValue).sum(),
                        rejected.values().stream().mapToLong(Long::longValue).sum()));
            }
        }
        awaitRejections(clients, 6, engine);
        double seconds = (System.nanoTime() - start) / 1e9;
        return report(bootstrap, seconds);
    }

    /**
     * Bids that must each end in a rejection with its reason, and one fault stage whose two good bids end in an
     * outcome: malformed bytes, an unknown stage, a late bid (stage 1 has closed), a negative amount, an unknown
     * dashboard version, a duplicate. Returns the outcomes now expected: the fault stage's one.
     */
    private long sendFaults(Clients clients, long faultStage) {
        DemoAgent a = agents.get(0);
        DemoAgent b = agents.get(1);
        clients.send(catalog.auctions().name(), auction(faultStage, List.of(a.id, b.id)));
        clients.flush();
        clients.sendBytes(catalog.bids().name(), "this is not an Avro record".getBytes(StandardCharsets.UTF_8));
        bidsSent++;
        // unknown stage: ids start at 1, so 0 is never opened (a bid for an id above the newest would wait for its
        // auction, up to engine.early.bid.hold.ms, before its rejection)
        sendBid(clients, 0, a, a.bid(), a.dashboard.version());
        sendBid(clients, 1, a, a.bid(), a.dashboard.version()); // late: stage 1 has closed
        sendBid(clients, faultStage, a, -1.0, a.dashboard.version()); // bad amount
        sendBid(clients, faultStage, a, a.bid(), 999); // unknown dashboard version
        truthByStage.put(faultStage, truthOf(a, b));
        sendBid(clients, faultStage, a, a.bid(), a.dashboard.version());
        sendBid(clients, faultStage, a, a.bid(), a.dashboard.version()); // duplicate
        sendBid(clients, faultStage, b, b.bid(), b.dashboard.version());
        clients.flush();
        say("sent 7 deliberately bad bids (malformed bytes, unknown stage, late, negative amount, unknown dashboard"
                + " version, duplicate) around fault stage " + faultStage);
        return 1;
    }

    private double[] truthOf(DemoAgent a, DemoAgent b) {
        double[] t = new double[agents.size()];
        java.util.Arrays.fill(t, Double.NaN);
        t[agents.indexOf(a)] = a.value;
        t[agents.indexOf(b)] = b.value;
        return t;
    }

    private void sendBid(Clients clients, long stageId, DemoAgent a, double amount, long version) {
        Bid bid = Bid.newBuilder().setMarket(MARKET).setStageId(stageId).setAgent(a.id).setAmount(amount)
                .setFormat(Formats.toRecord(a.format)).setDashboardVersion(version)
                .setSubmittedAt(Instant.now()).setBidId(stageId + "/" + a.id).build();
        clients.send(catalog.bids().name(), bid);
        bidsSent++;
    }

    private void awaitOutcomes(Clients clients, long expected, StreamsApp engine) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        long got = 0;
        while (got < expected) {
            requireAlive(engine, deadline, expected - got + " stage outcomes");
            for (ConsumerRecord<String, StageOutcome> r : clients.outcomes.poll(Duration.ofMillis(50))) {
                settle(r.value());
                got++;
            }
            drainRejections(clients);
        }
    }

    private void awaitRejections(Clients clients, long expected, StreamsApp engine) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (rejected.values().stream().mapToLong(Long::longValue).sum() < expected) {
            requireAlive(engine, deadline, "rejected bids");
            clients.rejects.poll(Duration.ofMillis(50)).forEach(r -> count(r.value()));
        }
        drainRejections(clients);
    }

    private void drainRejections(Clients clients) {
        clients.rejects.poll(Duration.ZERO).forEach(r -> count(r.value()));
    }

    private void count(RejectedBid r) {
        rejected.merge(r.getReason().name(), 1L, Long::sum);
    }

    private static void requireAlive(StreamsApp engine, long deadline, String waitingFor) {
        if (engine.fatalError() != null) {
            throw new IllegalStateException("the stage engine stopped: " + engine.fatalError(), engine.fatalError());
        }
        if (System.nanoTime() > deadline) {
            throw new IllegalStateException("no " + waitingFor + " within " + WAIT + "; the engine is "
                    + engine.state());
        }
    }

    private void settle(StageOutcome outcome) {
        closed.merge(outcome.getCloseReason().name(), 1L, Long::sum);
        double[] truth = truthByStage.remove(outcome.getStageId());
        for (StageEntry e : outcome.getEntries()) {
            DemoAgent a = byId.get(e.getAgent());
            if (a == null || truth == null) {
                throw new IllegalStateException("stage " + outcome.getStageId() + " has an entry for "
                        + e.getAgent() + " that the demo did not send");
            }
            a.settle(e, truth[agents.indexOf(a)]);
            outcomeEntries++;
        }
    }

    private DemoReport report(String bootstrap, double seconds) {
        double bound = BalanceBounds.instrumented(VMAX, options.rho(), options.eta());
        List<DemoReport.Agent> rows = agents.stream().map(a -> new DemoReport.Agent(a.id, a.format.label(),
                        a.lastTrueValue, a.lastInferred, a.entries == 0 ? 0 : a.sumAbsInferenceError / a.entries,
                        a.maxAbsInferenceError, a.entries, a.wins, a.clamped, a.paid, a.truthful,
                        a.balance.amount(), a.balance.maxAbsolute(), bound, a.dashboard.version()))
                .toList();
        return new DemoReport(bootstrap, MARKET, options.stages() + 1L, closed, rows, bidsSent, outcomeEntries,
                rejected, dashboardsPublished, seconds, bidsSent / seconds);
    }

    private MarketConfig marketConfig() {
        return MarketConfig.newBuilder()
                .setMarket(MARKET)
                .setAlgorithm(AllocationAlgorithm.newBuilder().setType(AlgorithmType.SOFTMAX).setTemperature(1)
                        .setReserve(2).build())
                .setValueMax(VMAX)
                .setGridSize(GRID)
                .setRho(options.rho())
                .setEta(options.eta())
                .setDashboardKind(DashboardKind.INSTRUMENTED)
                .setPaymentFormats(List.of(PaymentFormat.WINNER_PAYS_BID, PaymentFormat.ALL_PAY))
                .setRebalancing(RebalancingKind.INDIVIDUALLY_RATIONAL)
                .setStageDeadlineMs(2_000)
                .setSeed(options.seed())
                .setDashboardVersionsKept(4)
                .setCadence(PublisherCadence.newBuilder().setRecomputeAfterSamples(options.republishEvery()).build())
                .setUpdatedAt(Instant.now())
                .setUpdatedBy("dashctl demo")
                .build();
    }

    private AuctionOpened auction(long stageId, List<String> eligible) {
        return AuctionOpened.newBuilder().setMarket(MARKET).setStageId(stageId).setOpenedAt(Instant.now())
                .setEligibleAgents(eligible != null ? eligible : agents.stream().map(a -> a.id).toList()).build();
    }

    private void say(String line) {
        progress.println(line);
        progress.flush();
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temp directory left behind is not worth failing the demo for
        }
    }

    /** The demo's producers and consumers, keyed by market, through the registry serdes. */
    private static final class Clients implements AutoCloseable {
        final KafkaProducer<String, SpecificRecord> producer;
        final KafkaProducer<String, byte[]> raw;
        final KafkaConsumer<String, StageOutcome> outcomes;
        final KafkaConsumer<String, RejectedBid> rejects;

        Clients(String bootstrap, String registry) {
            Map<String, Object> serde = Map.of("schema.registry.url", registry);
            Map<String, Object> p = new HashMap<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                    ProducerConfig.LINGER_MS_CONFIG, 5));
            ConfluentAvroSerializer<SpecificRecord> serializer = new ConfluentAvroSerializer<>();
            serializer.configure(serde, false);
            producer = new KafkaProducer<>(p, new StringSerializer(), serializer);
            raw = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
            outcomes = consumer(bootstrap, serde, StageOutcome.class, "stage-outcomes");
            rejects = consumer(bootstrap, serde, RejectedBid.class, "rejected-bids");
        }

        private static <T extends SpecificRecord> KafkaConsumer<String, T> consumer(
                String bootstrap, Map<String, Object> serde, Class<T> type, String topic) {
            ConfluentAvroDeserializer<T> d = new ConfluentAvroDeserializer<>(type);
            d.configure(serde, false);
            KafkaConsumer<String, T> c = new KafkaConsumer<>(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                    ConsumerConfig.GROUP_ID_CONFIG, "dashmech-demo-" + UUID.randomUUID(),
                    ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                    ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), new StringDeserializer(), d);
            c.subscribe(List.of(topic));
            return c;
        }

        void send(String topic, SpecificRecord value) {
            producer.send(new ProducerRecord<>(topic, MARKET, value));
        }

        void sendBytes(String topic, byte[] value) {
            raw.send(new ProducerRecord<>(topic, MARKET, value));
            raw.flush();
        }

        void flush() {
            producer.flush();
        }

        @Override
        public void close() {
            producer.close(Duration.ofSeconds(5));
            raw.close(Duration.ofSeconds(5));
            outcomes.close(Duration.ofSeconds(5));
            rejects.close(Duration.ofSeconds(5));
        }
    }
}
