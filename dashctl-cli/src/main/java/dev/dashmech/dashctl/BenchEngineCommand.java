package dev.dashmech.dashctl;

import dev.dashmech.dashctl.output.Json;
import dev.dashmech.engine.bench.EngineBenchmark;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code dashctl bench engine}: the stage engine's bids per second against a pass-through topology. */
@Command(
        name = "engine",
        mixinStandardHelpOptions = true,
        description = {
            "Loads N bids (K per stage, following the prior dashboard) and their auctions into an embedded broker,"
                    + " runs the stage engine over them to completion, then a pass-through Kafka Streams application"
                    + " (consume bids, copy, produce) over the same records, both with exactly_once_v2.",
            "Prints the bids per second of both and their ratio (target: engine >= 0.6 x pass-through). Progress goes"
                    + " to stderr. The machine's other load makes the figures noisy: compare the ratio, not the rates;"
                    + " the cpu ratio (the stream threads' CPU time per bid) is steadier still. Each round also shows"
                    + " where the rest of the time went: the stream threads blocked in the Kafka clients (waiting for"
                    + " records, the producer's flush, the commit) and the JVM's garbage collection."
        })
final class BenchEngineCommand extends MathCommand {

    @Option(names = "--bids", paramLabel = "N", defaultValue = "2000000",
            description = "Bids (default ${DEFAULT-VALUE}).")
    long bids;

    @Option(names = "--agents-per-stage", paramLabel = "K", defaultValue = "10",
            description = "Agents bidding in each stage (default ${DEFAULT-VALUE}).")
    int agentsPerStage;

    @Option(names = "--markets", paramLabel = "M", defaultValue = "8",
            description = "Markets the stages are spread over (default ${DEFAULT-VALUE}).")
    int markets;

    @Option(names = "--partitions", paramLabel = "P", defaultValue = "4",
            description = "Partitions of the topics (default ${DEFAULT-VALUE}).")
    int partitions;

    @Option(names = "--rho", paramLabel = "RHO", defaultValue = "0.05",
            description = "Instrumentation rate of the markets (default ${DEFAULT-VALUE}; 0 computes the"
                    + " counterfactual truthful payment of every winner).")
    double rho;

    @Option(names = "--threads", paramLabel = "T", defaultValue = "1",
            description = "Stream threads of each application (default ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--with-floor",
            description = "Also run a pass-through with the engine's shape (its three co-partitioned inputs, only the"
                    + " bids copied): what Kafka Streams itself charges a task with several input partitions.")
    boolean withFloor;

    @Option(names = "--late-auctions-every", paramLabel = "N", defaultValue = "0",
            description = "Every N-th stage's auction is stamped and produced after its bids, so its bids reach the"
                    + " engine first and wait for it (default ${DEFAULT-VALUE}: never).")
    int lateAuctionsEvery;

    @Option(names = "--engine-config", paramLabel = "KEY=VALUE",
            description = "A Kafka Streams setting for the engine only, over its service defaults (repeatable), e.g."
                    + " max.task.idle.ms=-1 or producer.batch.size=262144; the pass-throughs keep theirs.")
    Map<String, String> engineConfig = new LinkedHashMap<>();

    @Option(names = "--warmup-rounds", paramLabel = "W", defaultValue = "2",
            description = "Rounds run first and shown but not counted, while the JVM compiles the hot code (default"
                    + " ${DEFAULT-VALUE}).")
    int warmupRounds;

    @Option(names = "--rounds", paramLabel = "R", defaultValue = "3",
            description = "Counted runs of the engine and of the pass-through, alternating over the same input; their"
                    + " medians are reported (default ${DEFAULT-VALUE}).")
    int rounds;

    @Override
    void execute() {
        EngineBenchmark.Settings settings;
        try {
            settings = new EngineBenchmark.Settings(bids, agentsPerStage, markets, partitions, rho, threads,
                    withFloor, lateAuctionsEvery, engineConfig, warmupRounds, rounds);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(e.getMessage());
        }
        EngineBenchmark.Result r = EngineBenchmark.run(settings, System.err);
        if (json) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("engineBidsPerSecond", r.engineBidsPerSecond());
            out.put("passThroughBidsPerSecond", r.passThroughBidsPerSecond());
            out.put("ratio", r.ratio());
            out.put("medianRoundRatio", r.medianRoundRatio());
            out.put("cpuRatio", finiteOrNull(r.cpuRatio()));
            out.put("bids", settings.bids());
            out.put("agentsPerStage", settings.agentsPerStage());
            out.put("markets", settings.markets());
            out.put("partitions", settings.partitions());
            out.put("rho", settings.rho());
            out.put("threads", settings.threads());
            out.put("lateAuctionsEvery", settings.lateAuctionsEvery());
            out.put("engineConfig", settings.engineStreams());
            if (withFloor) {
                out.put("sameShapePassThroughBidsPerSecond", r.sameShapeBidsPerSecond());
                out.put("sameShapeCpuRatio", finiteOrNull(r.sameShapeCpuRatio()));
            }
            out.put("engineSeconds", r.engineSeconds());
            out.put("passThroughSeconds", r.passThroughSeconds());
            out.put("stagesClosed", r.outcomes());
            out.put("bidsRejected", r.rejected());
            out.put("bidsHeld", r.held());
            out.put("jvmArguments", jvmArguments());
            List<Map<String, Object>> perRound = new ArrayList<>();
            for (EngineBenchmark.Round round : r.rounds()) {
                Map<String, Object> o = new LinkedHashMap<>();
                o.put("warmup", round.warmup());
                o.put("engineBidsPerSecond", round.engineBidsPerSecond());
                o.put("passThroughBidsPerSecond", round.passThroughBidsPerSecond());
                o.put("ratio", round.ratio());
                o.put("engineCpuNanosPerBid", finiteOrNull(round.engineCpuNanosPerBid()));
                o.put("passThroughCpuNanosPerBid", finiteOrNull(round.passThroughCpuNanosPerBid()));
                o.put("cpuRatio", finiteOrNull(round.cpuRatio()));
                o.put("engineBlockedSeconds", round.engineBlockedSeconds());
                o.put("passThroughBlockedSeconds", round.passThroughBlockedSeconds());
                o.put("engineGcSeconds", round.engineGcSeconds());
                o.put("passThroughGcSeconds", round.passThroughGcSeconds());
                if (withFloor) {
                    o.put("sameShapePassThroughBidsPerSecond", round.sameShapeBidsPerSecond());
                    o.put("sameShapeCpuNanosPerBid", finiteOrNull(round.sameShapeCpuNanosPerBid()));
                }
                o.put("stagesClosed", round.outcomes());
                o.put("bidsRejected", round.rejected());
                o.put("bidsHeld", round.held());
                perRound.add(o);
            }
            out.put("rounds", perRound);
            out().println(Json.write(out));
            return;
        }
        int n = 0;
        for (EngineBenchmark.Round round : r.rounds()) {
            out().printf(Locale.ROOT, "round %d: engine %,.0f bids/s, pass-through %,.0f bids/s, ratio %.2f;"
                    + " stream-thread CPU per bid %s / %s us, cpu ratio %s; blocked in Kafka clients %.2f / %.2f s,"
                    + " GC %.2f / %.2f s%s%s%n", ++n,
                    round.engineBidsPerSecond(), round.passThroughBidsPerSecond(), round.ratio(),
                    twoPlaces(round.engineCpuNanosPerBid() / 1e3), twoPlaces(round.passThroughCpuNanosPerBid() / 1e3),
                    twoPlaces(round.cpuRatio()), round.engineBlockedSeconds(), round.passThroughBlockedSeconds(),
                    round.engineGcSeconds(), round.passThroughGcSeconds(),
                    withFloor ? String.format(Locale.ROOT, ", same-shape %,.0f bids/s and %s us CPU per bid",
                            round.sameShapeBidsPerSecond(), twoPlaces(round.sameShapeCpuNanosPerBid() / 1e3)) : "",
                    round.warmup() ? " (warm-up, not counted)" : "");
        }
        out().printf(Locale.ROOT, "median of the %d counted round(s):%n", settings.rounds());
        out().printf(Locale.ROOT, "stage engine   %,12.0f bids/s  (%.1f s)%n", r.engineBidsPerSecond(),
                r.engineSeconds());
        out().printf(Locale.ROOT, "pass-through   %,12.0f bids/s  (%.1f s)%n", r.passThroughBidsPerSecond(),
                r.passThroughSeconds());
        out().printf(Locale.ROOT, "ratio          %12.2f         (target >= 0.60; the median of the rounds' own ratios:"
                + " %.2f)%n", r.ratio(), r.medianRoundRatio());
        out().printf(Locale.ROOT, "cpu ratio      %12s         (pass-through / engine stream-thread CPU per bid;"
                + " steadier on a busy machine)%n", twoPlaces(r.cpuRatio()));
        if (withFloor) {
            out().printf(Locale.ROOT, "same-shape     %,12.0f bids/s  (pass-through with the engine's 3 inputs;"
                    + " engine / it = %.2f, by CPU %s)%n", r.sameShapeBidsPerSecond(),
                    r.engineBidsPerSecond() / r.sameShapeBidsPerSecond(), twoPlaces(r.sameShapeCpuRatio()));
        }
        out().printf(Locale.ROOT, "%,d bids, %d per stage, %d markets, %d partitions, %d stream thread(s), rho %s,"
                + " exactly_once_v2; %,d stages closed, %,d bids rejected, %,d bids waited for their auction%n",
                settings.bids(), settings.agentsPerStage(), settings.markets(), settings.partitions(),
                settings.threads(), settings.rho(), r.outcomes(), r.rejected(), r.held());
        if (!settings.engineStreams().isEmpty()) {
            out().println("engine settings over its defaults: " + settings.engineStreams());
        }
        out().printf(Locale.ROOT, "JVM %s, %d MB max heap, arguments %s%n", Runtime.version(),
                Runtime.getRuntime().maxMemory() >> 20, jvmArguments());
    }

    /** The JVM's arguments (the heap settings matter to the figures: see the stage-engine README). */
    private static List<String> jvmArguments() {
        return ManagementFactory.getRuntimeMXBean().getInputArguments();
    }

    /** A figure the bench may not have measured (a run too short to see): NaN as JSON null. */
    private static Double finiteOrNull(double x) {
        return Double.isFinite(x) ? x : null;
    }

    private static String twoPlaces(double x) {
        return Double.isFinite(x) ? String.format(Locale.ROOT, "%.2f", x) : "n/a";
    }
}
