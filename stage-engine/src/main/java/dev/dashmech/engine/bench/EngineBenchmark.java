package dev.dashmech.engine.bench;

import dev.dashmech.engine.metrics.EngineMetrics;
import dev.dashmech.engine.service.StageEngineService;
import dev.dashmech.engine.topology.StageEngineConfig;
import dev.dashmech.engine.topology.StageEngineTopology;
import dev.dashmech.mechanism.bidding.BidTable;
import dev.dashmech.mechanism.dashboard.Prior;
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
import dev.dashmech.schemas.serde.ConfluentAvroSerializer;
import dev.dashmech.schemas.topic.CleanupPolicy;
import dev.dashmech.schemas.topic.TopicCatalog;
import dev.dashmech.schemas.topic.TopicProvisioner;
import dev.dashmech.schemas.topic.TopicRole;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.search.Search;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import java.util.function.ToDoubleFunction;
import java.util.stream.Stream;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * {@code dashctl bench engine}: the stage engine's throughput against a pass-through Kafka Streams application on the
 * same records, broker and processing guarantee, in one run. It starts an embedded broker, creates the topics,
 * produces the markets, {@code N / K} auctions and {@code N} bids (K agents per stage, each bidding what the prior
 * dashboard says for a random value, so every stage closes when its K-th bid arrives), then runs
 * <ol>
 *   <li>the stage engine ({@link StageEngineTopology}) until every bid is counted and every stage closed, and</li>
 *   <li>a pass-through topology (bids as bytes, copied to another topic) until every bid is copied,</li>
 * </ol>
 * each from the beginning of the topics with exactly-once v2 (the engine with its service settings,
 * {@link StageEngineService#streamsProperties}). A rate is bids divided by the wall time from the
 * first bid processed to the last (start-up and rebalancing excluded, the same for both). The two alternate for
 * {@code warmupRounds} rounds that are not counted, then {@code rounds} that are (each run under a new application id,
 * so from the start of the topics with empty state), and the medians of the counted ones are reported: the first
 * round runs while the JIT still compiles (on a small machine its compiler thread competes with the stream thread),
 * which would otherwise count against whichever application runs first.
 * Results: bids per second of both, their ratio, and every round's figures, with the CPU time each application's
 * stream threads used per bid (steadier than the rates where other work competes for the cores).
 */
public final class EngineBenchmark {

    private static final Instant T0 = Instant.parse("2025-03-01T00:00:00Z");
    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(30);
    private static final Duration KEEP_INPUT = Duration.ofDays(365L * 100);

    private EngineBenchmark() {
    }

    /**
     * What to run.
     *
     * @param bids           N, the number of bids
     * @param agentsPerStage K, agents (bids) per stage
     * @param markets        markets the stages are spread over
     * @param partitions     partitions of the loop topics (and of the pass-through's output)
     * @param rho            the markets' instrumentation rate ρ (0: counterfactual truthful payments per winner)
     * @param threads        stream threads of each application ({@code num.stream.threads})
     * @param withFloor      also run the "same-shape" pass-through: the engine's three co-partitioned inputs into a
     *                       processor that only copies the bids, which shows what Kafka Streams itself charges for a
     *                       task with several input partitions
     * @param lateAuctionsEvery every this many stages, the auction is stamped and produced after its bids, so its
     *                       bids reach the engine first and wait for it (0: never); what holding bids costs
     * @param engineStreams  Kafka Streams settings for the engine only, over its service defaults (empty: none), to
     *                       measure a tuning such as {@code max.task.idle.ms} against the same pass-through
     * @param warmupRounds   rounds run first and reported, but not counted: the JVM compiles the hot code meanwhile
     * @param rounds         the rounds counted: the engine and the pass-through each run over the input, alternating,
     *                       and the figures reported are their medians
     */
    public record Settings(long bids, int agentsPerStage, int markets, int partitions, double rho, int threads,
                           boolean withFloor, int lateAuctionsEvery, Map<String, String> engineStreams,
                           int warmupRounds, int rounds) {
        public Settings {
            if (warmupRounds < 0 || warmupRounds > 99) {
                throw new IllegalArgumentException("--warmup-rounds must be between 0 and 99, was " + warmupRounds);
            }
            if (rounds < 1 || rounds > 99) {
                throw new IllegalArgumentException("--rounds must be between 1 and 99, was " + rounds);
            }
            engineStreams = Map.copyOf(engineStreams);
            if (engineStreams.containsKey(StreamsConfig.PROCESSING_GUARANTEE_CONFIG)) {
                throw new IllegalArgumentException("--engine-config cannot set "
                        + StreamsConfig.PROCESSING_GUARANTEE_CONFIG + " (was '"
                        + engineStreams.get(StreamsConfig.PROCESSING_GUARANTEE_CONFIG)
                        + "'): the comparison is under exactly_once_v2 on both sides");
            }
            if (lateAuctionsEvery < 0) {
                throw new IllegalArgumentException("--late-auctions-every must be >= 0 (0: never), was "
                        + lateAuctionsEvery);
            }
            if (bids < 1) {
                throw new IllegalArgumentException("--bids must be at least 1, was " + bids);
            }
            if (agentsPerStage < 1 || agentsPerStage > 10_000) {
                throw new IllegalArgumentException("--agents-per-stage must be between 1 and 10000, was "
                        + agentsPerStage);
            }
            if (bids % agentsPerStage != 0) {
                throw new IllegalArgumentException("--bids " + bids + " is not a multiple of --agents-per-stage "
                        + agentsPerStage + "; every stage gets all K bids");
            }
            if (markets < 1 || partitions < 1) {
                throw new IllegalArgumentException("--markets and --partitions must be at least 1, were " + markets
                        + " and " + partitions);
            }
            if (!(rho >= 0 && rho < 1)) {
                throw new IllegalArgumentException("--rho must be in [0, 1), was " + rho);
            }
            if (threads < 1 || threads > partitions) {
                throw new IllegalArgumentException("--threads must be between 1 and --partitions (" + partitions
                        + "), was " + threads);
            }
        }

        public long stages() {
            return bids / agentsPerStage;
        }
    }

    /**
     * One round: the engine, then the pass-through (then the same-shape pass-through), each over the whole input.
     *
     * @param engineSeconds      the engine's time from its first to its last bid
     * @param passThroughSeconds the pass-through's time from its first to its last bid
     * @param sameShapeBidsPerSecond the same-shape pass-through's rate, or NaN when it did not run
     * @param rejected           bids the engine rejected (0 when the load was produced as intended)
     * @param outcomes           stages the engine closed
     * @param held               bids that reached the engine before their auction (or dashboard version) and waited
     * @param warmup             a warm-up round, not counted in the medians
     * @param engineCpuNanosPerBid      CPU time of the engine's stream threads in its timed window, per bid; NaN
     *                                  when not measured (a run too short to see, or a JVM without thread CPU time)
     * @param passThroughCpuNanosPerBid the same for the pass-through
     * @param sameShapeCpuNanosPerBid   the same for the same-shape pass-through, or NaN when it did not run
     * @param engineBlockedSeconds      the time the engine's stream threads were blocked in the Kafka clients in its
     *                                  timed window (waiting for records, the producer's flush, the commit)
     * @param passThroughBlockedSeconds the same for the pass-through
     * @param engineGcSeconds           the JVM's garbage-collection time in the engine's timed window
     * @param passThroughGcSeconds      the same in the pass-through's
     */
    public record Round(boolean warmup, double engineBidsPerSecond, double passThroughBidsPerSecond,
                        double sameShapeBidsPerSecond, double engineSeconds, double passThroughSeconds,
                        long rejected, long outcomes, long held, double engineCpuNanosPerBid,
                        double passThroughCpuNanosPerBid, double sameShapeCpuNanosPerBid,
                        double engineBlockedSeconds, double passThroughBlockedSeconds, double engineGcSeconds,
                        double passThroughGcSeconds) {

        public double ratio() {
            return engineBidsPerSecond / passThroughBidsPerSecond;
        }

        /**
         * The pass-through's stream-thread CPU per bid over the engine's: what the ratio would be if each had its
         * threads' CPUs to itself. Steadier than {@link #ratio()} on a shared machine, since time the threads wait
         * for a core is not counted; it also leaves out the broker's work and the producers' network threads.
         */
        public double cpuRatio() {
            return passThroughCpuNanosPerBid / engineCpuNanosPerBid;
        }

        /** The same-shape pass-through's stream-thread CPU per bid over the engine's (NaN when it did not run). */
        public double sameShapeCpuRatio() {
            return sameShapeCpuNanosPerBid / engineCpuNanosPerBid;
        }
    }

    /**
     * What was measured: the medians over the counted rounds; rejected and held are the largest of any round and
     * outcomes the smallest, warm-up included (the engine is deterministic, so every round should give the same).
     * {@code ratio} is the median engine rate over the median pass-through rate (the two may come from different
     * rounds); {@code medianRoundRatio} is the median of the rounds' own ratios, each of an engine run and the
     * pass-through run right after it on the same machine state.
     *
     * @param produceSeconds the time to produce the input
     * @param rounds         each round's figures, warm-up rounds first, in the order run
     */
    public record Result(Settings settings, double engineBidsPerSecond, double passThroughBidsPerSecond, double ratio,
                         double engineSeconds, double passThroughSeconds, double produceSeconds, long rejected,
                         long outcomes, double sameShapeBidsPerSecond, long held, double cpuRatio,
                         double sameShapeCpuRatio, double medianRoundRatio, List<Round> rounds) {

        public Result {
            rounds = List.copyOf(rounds);
        }

        static Result of(Settings settings, double produceSeconds, List<Round> rounds) {
            List<Round> counted = rounds.stream().filter(r -> !r.warmup()).toList();
            double engine = median(counted, Round::engineBidsPerSecond);
            double pass = median(counted, Round::passThroughBidsPerSecond);
            return new Result(settings, engine, pass, engine / pass, median(counted, Round::engineSeconds),
                    median(counted, Round::passThroughSeconds), produceSeconds,
                    rounds.stream().mapToLong(Round::rejected).max().orElse(0),
                    rounds.stream().mapToLong(Round::outcomes).min().orElse(0),
                    median(counted, Round::sameShapeBidsPerSecond),
                    rounds.stream().mapToLong(Round::held).max().orElse(0),
                    median(counted, Round::cpuRatio), median(counted, Round::sameShapeCpuRatio),
                    median(counted, Round::ratio), rounds);
        }

        /** The median of the measured (finite) values; NaN when no round measured it. */
        private static double median(List<Round> rounds, ToDoubleFunction<Round> f) {
            double[] xs = rounds.stream().mapToDouble(f).filter(Double::isFinite).sorted().toArray();
            int n = xs.length;
            if (n == 0) {
                return Double.NaN;
            }
            return n % 2 == 1 ? xs[n / 2] : (xs[n / 2 - 1] + xs[n / 2]) / 2;
        }
    }

    /** Runs the benchmark, logging progress to {@code log}. */
    public static Result run(Settings settings, PrintStream log) {
        Path stateDir;
        try {
            stateDir = Files.createTempDirectory("dashmech-bench-engine");
        } catch (IOException e) {
            throw new UncheckedIOException("could not create a state directory for the benchmark", e);
        }
        String run = UUID.randomUUID().toString().substring(0, 8);
        String registryUrl = "mock://bench-" + run;
        TopicCatalog.Builder catalogBuilder = TopicCatalog.builder().prefix("bench-" + run + ".")
                .loopPartitions(settings.partitions());
        for (TopicRole role : TopicRole.values()) {
            if (role.cleanupPolicy() == CleanupPolicy.DELETE) {
                // the input is stamped from T0, long past: a 7-day retention would let the broker delete it between
                // rounds (it checks every 5 minutes)
                catalogBuilder.retention(role, KEEP_INPUT);
            }
        }
        TopicCatalog catalog = catalogBuilder.build();
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start()) {
            log.println("broker at " + broker.bootstrapServers() + "; producing " + settings.bids() + " bids in "
                    + settings.stages() + " stages ...");
            try (Admin admin = broker.createAdmin()) {
                TopicProvisioner.ensureTopics(admin, catalog, Duration.ofSeconds(60));
            }
            long produceStart = System.nanoTime();
            produce(settings, broker, catalog, registryUrl);
            double produceSeconds = (System.nanoTime() - produceStart) / 1e9;
            log.printf("produced in %.1f s%n", produceSeconds);
            List<Round> rounds = new ArrayList<>();
            int total = settings.warmupRounds() + settings.rounds();
            for (int round = 1; round <= total; round++) {
                rounds.add(round(settings, broker, catalog, registryUrl, stateDir, run + "-" + round,
                        round <= settings.warmupRounds(), log));
            }
            return Result.of(settings, produceSeconds, rounds);
        } finally {
            deleteQuietly(stateDir);
        }
    }

    /** One round, each application under its own id, so each reads the input from the start with empty state. */
    private static Round round(Settings settings, EmbeddedKafkaBroker broker, TopicCatalog catalog,
                               String registryUrl, Path stateDir, String id, boolean warmup, PrintStream log) {
        String copyTopic = catalog.prefix() + "bids-copy-" + id;
        broker.createTopics(List.of(new NewTopic(copyTopic, settings.partitions(), (short) 1)));
        log.printf("round %s: the stage engine ...%n", id);
        MeterRegistry engineMeters = new SimpleMeterRegistry();
        StageEngineConfig config = StageEngineConfig.builder(registryUrl).topics(catalog)
                .idleCloseInterval(Duration.ZERO).build();
        Topology engine = StageEngineTopology.build(config, engineMeters);
        LongSupplier bidsIn = counter(engineMeters, EngineMetrics.BIDS_IN);
        LongSupplier closed = counter(engineMeters, EngineMetrics.STAGES_CLOSED);
        Map<String, Object> engineOverrides = new LinkedHashMap<>(settings.engineStreams());
        engineOverrides.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, settings.threads());
        Properties engineProperties = StageEngineService.streamsProperties("bench-engine-" + id,
                broker.bootstrapServers(), stateDir, engineOverrides);
        Timed engineRun = timeRun(engine, engineProperties, bidsIn,
                () -> bidsIn.getAsLong() >= settings.bids() && closed.getAsLong() >= settings.stages(),
                settings.bids());
        double engineSeconds = engineRun.seconds();
        long rejected = counter(engineMeters, EngineMetrics.BIDS_REJECTED).getAsLong();
        long outcomes = closed.getAsLong();
        long held = counter(engineMeters, EngineMetrics.BIDS_HELD).getAsLong();
        log.printf("round %s: engine %.1f s; the pass-through ...%n", id, engineSeconds);

        AtomicLong copied = new AtomicLong();
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(catalog.bids().name(), Consumed.with(Serdes.String(), Serdes.ByteArray()))
                .peek((k, v) -> copied.incrementAndGet())
                .to(copyTopic, Produced.with(Serdes.String(), Serdes.ByteArray()));
        Timed passRun = timeRun(builder.build(), properties("bench-pass-" + id, broker, stateDir, settings),
                copied::get, () -> copied.get() >= settings.bids(), settings.bids());
        double passSeconds = passRun.seconds();
        log.printf("round %s: pass-through %.1f s%n", id, passSeconds);

        double sameShapeRate = Double.NaN;
        double sameShapeCpu = Double.NaN;
        if (settings.withFloor()) {
            AtomicLong sameShape = new AtomicLong();
            Timed shapeRun = timeRun(sameShape(catalog, copyTopic, sameShape),
                    properties("bench-shape-" + id, broker, stateDir, settings), sameShape::get,
                    () -> sameShape.get() >= settings.bids(), settings.bids());
            sameShapeRate = settings.bids() / shapeRun.seconds();
            sameShapeCpu = shapeRun.cpuNanosPer(settings.bids());
            log.printf("round %s: same-shape pass-through %.1f s%n", id, shapeRun.seconds());
        }
        return new Round(warmup, settings.bids() / engineSeconds, settings.bids() / passSeconds, sameShapeRate,
                engineSeconds, passSeconds, rejected, outcomes, held,
                engineRun.cpuNanosPer(settings.bids()), passRun.cpuNanosPer(settings.bids()), sameShapeCpu,
                engineRun.blockedNanos() / 1e9, passRun.blockedNanos() / 1e9, engineRun.gcNanos() / 1e9,
                passRun.gcNanos() / 1e9);
    }

    /** The engine's three co-partitioned inputs, read as bytes, into a processor that copies only the bids. */
    private static Topology sameShape(TopicCatalog catalog, String copyTopic, AtomicLong copied) {
        String bids = catalog.bids().name();
        Topology topology = new Topology();
        String[] sources = {"auctions", "bids", "dashboards"};
        String[] topics = {catalog.auctions().name(), bids, catalog.dashboardsInternal().name()};
        for (int i = 0; i < sources.length; i++) {
            topology.addSource(sources[i], new StringDeserializer(), new ByteArrayDeserializer(), topics[i]);
        }
        topology.addProcessor("copy-bids", () -> new Processor<String, byte[], String, byte[]>() {
            private ProcessorContext<String, byte[]> context;

            @Override
            public void init(ProcessorContext<String, byte[]> context) {
                this.context = context;
            }

            @Override
            public void process(Record<String, byte[]> record) {
                if (context.recordMetadata().map(m -> m.topic().equals(bids)).orElse(false)) {
                    copied.incrementAndGet();
                    context.forward(record);
                }
            }
        }, sources);
        topology.addSink("copy", copyTopic, new StringSerializer(), new ByteArraySerializer(), "copy-bids");
        return topology;
    }

    private static Properties properties(String applicationId, EmbeddedKafkaBroker broker, Path stateDir,
                                         Settings settings) {
        // exactly_once_v2 and the platform's other defaults, the same for both applications
        return StreamsApp.streamsProperties(applicationId, broker.bootstrapServers(), stateDir,
                Map.of(StreamsConfig.NUM_STREAM_THREADS_CONFIG, settings.threads()));
    }

    /**
     * A timed run: the seconds from the first bid processed to the moment the run was seen finished, and meanwhile
     * the CPU time its stream threads used, the time they were blocked in the Kafka clients (Kafka Streams'
     * {@code blocked-time-ns-total}: waiting for records to arrive, for the producer's flush and the transaction's
     * commit) and the JVM's garbage-collection time (the whole JVM's: the broker's and any other application's
     * garbage too).
     */
    private record Timed(double seconds, long streamThreadCpuNanos, long blockedNanos, long gcNanos) {

        /** CPU nanoseconds per bid, or NaN when none was measured (a run too short to see, or no CPU clock). */
        double cpuNanosPer(long bids) {
            return streamThreadCpuNanos > 0 ? (double) streamThreadCpuNanos / bids : Double.NaN;
        }
    }

    /** The clocks a run is measured with, read together. */
    private record Clocks(long nanos, long cpuNanos, long blockedNanos, long gcNanos) {

        static Clocks read(StreamsApp app) {
            return new Clocks(System.nanoTime(), streamThreadCpuNanos(app.applicationId()),
                    streamThreadBlockedNanos(app), jvmGcNanos());
        }

        Timed since(Clocks first) {
            return new Timed(Math.max(1e-3, (nanos - first.nanos) / 1e9), Math.max(0, cpuNanos - first.cpuNanos),
                    Math.max(0, blockedNanos - first.blockedNanos), Math.max(0, gcNanos - first.gcNanos));
        }
    }

    /**
     * Starts the topology and waits until it is {@code finished}; times it from the first bid processed
     * ({@code progress} above 0) to the moment it was seen finished.
     */
    private static Timed timeRun(Topology topology, Properties properties, LongSupplier progress,
                                 BooleanSupplier finished, long total) {
        try (StreamsApp app = StreamsApp.builder(topology, properties).startTimeout(Duration.ofMinutes(2)).start()) {
            long deadline = System.nanoTime() + RUN_TIMEOUT.toNanos();
            Clocks first = null;
            while (true) {
                long now = System.nanoTime();
                long done = progress.getAsLong();
                if (first == null && done > 0) {
                    first = Clocks.read(app);
                }
                if (finished.getAsBoolean()) {
                    Clocks last = Clocks.read(app);
                    return last.since(first != null ? first : last);
                }
                if (app.fatalError() != null) {
                    throw new IllegalStateException("the benchmarked application failed", app.fatalError());
                }
                if (now > deadline) {
                    throw new IllegalStateException("the benchmarked application processed " + done + " of " + total
                            + " bids in " + RUN_TIMEOUT + "; giving up");
                }
                sleep(5);
            }
        }
    }

    /** The time the stream threads of {@code app} were blocked in the Kafka clients so far (0 if not reported). */
    private static long streamThreadBlockedNanos(StreamsApp app) {
        double sum = 0;
        for (var metric : app.kafkaStreams().metrics().entrySet()) {
            if (metric.getKey().group().equals("stream-thread-metrics")
                    && metric.getKey().name().equals("blocked-time-ns-total")
                    && metric.getValue().metricValue() instanceof Number value) {
                sum += value.doubleValue();
            }
        }
        return (long) sum;
    }

    /** The JVM's garbage-collection time so far, over all collectors that report it. */
    private static long jvmGcNanos() {
        long millis = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            millis += Math.max(0, gc.getCollectionTime());
        }
        return millis * 1_000_000;
    }

    /**
     * The CPU time used so far by the live stream threads of {@code applicationId} (named
     * {@code <application id>-<uuid>-StreamThread-<n>} by Kafka Streams), or 0 where the JVM does not measure it.
     */
    private static long streamThreadCpuNanos(String applicationId) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        if (!threads.isThreadCpuTimeSupported() || !threads.isThreadCpuTimeEnabled()) {
            return 0;
        }
        long sum = 0;
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null && info.getThreadName().startsWith(applicationId + "-")
                    && info.getThreadName().matches(".*-StreamThread-\\d+")) {
                sum += Math.max(0, threads.getThreadCpuTime(info.getThreadId()));
            }
        }
        return sum;
    }

    private static LongSupplier counter(MeterRegistry registry, String name) {
        return () -> (long) Search.in(registry).name(name).counters().stream().mapToDouble(Counter::count).sum();
    }

    /** The markets, auctions and bids, as a bidder following its prior dashboard would send them. */
    private static void produce(Settings s, EmbeddedKafkaBroker broker, TopicCatalog catalog, String registryUrl) {
        Map<String, Object> props = broker.clientProperties();
        props.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        ConfluentAvroSerializer<SpecificRecord> avro = new ConfluentAvroSerializer<>();
        avro.configure(Map.of("schema.registry.url", registryUrl), false);
        ValueGrid grid = ValueGrid.uniform(8, 65);
        BidTable prior = Prior.table(grid, dev.dashmech.mechanism.bidding.PaymentFormat.WINNER_PAYS_BID);
        List<String> agents = new ArrayList<>();
        for (int a = 0; a < s.agentsPerStage(); a++) {
            agents.add("agent-" + a);
        }
        SplittableRandom random = new SplittableRandom(1);
        String marketsTopic = catalog.markets().name();
        String auctionsTopic = catalog.auctions().name();
        String bidsTopic = catalog.bids().name();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props, new StringSerializer(),
                new ByteArraySerializer())) {
            for (int m = 0; m < s.markets(); m++) {
                MarketConfig config = market("market-" + m, s.rho());
                producer.send(new ProducerRecord<>(marketsTopic, null, 0L, config.getMarket(),
                        avro.serialize(marketsTopic, config)));
            }
            producer.flush();
            for (long stage = 0; stage < s.stages(); stage++) {
                String market = "market-" + (stage % s.markets());
                long stageId = stage / s.markets() + 1;
                long openedAt = T0.toEpochMilli() + 2 * stage; // bids one ms after their auction: auctions go first
                AuctionOpened auction = AuctionOpened.newBuilder().setMarket(market).setStageId(stageId)
                        .setOpenedAt(Instant.ofEpochMilli(openedAt)).setEligibleAgents(agents).build();
                // a late auction's record is stamped after its bids (Kafka Streams reads inputs in time order)
                boolean late = s.lateAuctionsEvery() > 0 && stage % s.lateAuctionsEvery() == 0;
                ProducerRecord<String, byte[]> auctionRecord = new ProducerRecord<>(auctionsTopic, null,
                        late ? openedAt + 2 : openedAt, market, avro.serialize(auctionsTopic, auction));
                if (!late) {
                    producer.send(auctionRecord);
                }
                for (String agent : agents) {
                    Bid bid = Bid.newBuilder().setMarket(market).setStageId(stageId).setAgent(agent)
                            .setAmount(prior.bidFor(random.nextDouble() * 8))
                            .setFormat(PaymentFormat.WINNER_PAYS_BID).setDashboardVersion(0)
                            .setSubmittedAt(Instant.ofEpochMilli(openedAt + 1)).build();
                    producer.send(new ProducerRecord<>(bidsTopic, null, openedAt + 1, market,
                            avro.serialize(bidsTopic, bid)));
                }
                if (late) {
                    producer.send(auctionRecord);
                }
            }
            producer.flush();
        }
    }

    private static MarketConfig market(String name, double rho) {
        return MarketConfig.newBuilder()
                .setMarket(name)
                .setAlgorithm(AllocationAlgorithm.newBuilder().setType(AlgorithmType.SOFTMAX).setTemperature(1)
                        .setReserve(0).build())
                .setValueMax(8)
                .setGridSize(65)
                .setRho(rho)
                .setEta(0.5)
                .setDashboardKind(rho > 0 ? DashboardKind.INSTRUMENTED : DashboardKind.INFERRED_VALUES)
                .setPaymentFormats(List.of(PaymentFormat.WINNER_PAYS_BID))
                .setRebalancing(RebalancingKind.NONE)
                .setStageDeadlineMs(60_000)
                .setSeed(name.hashCode())
                .setCadence(PublisherCadence.newBuilder().build())
                .setUpdatedAt(T0)
                .build();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while benchmarking", e);
        }
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary directory left behind is harmless
        }
    }
}
