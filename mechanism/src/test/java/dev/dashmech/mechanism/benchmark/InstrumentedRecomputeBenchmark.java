package dev.dashmech.mechanism.benchmark;

import dev.dashmech.mechanism.bidding.PaymentFormat;
import dev.dashmech.mechanism.dashboard.Dashboard;
import dev.dashmech.mechanism.dashboard.DashboardKind;
import dev.dashmech.mechanism.dashboard.InstrumentationSamples;
import dev.dashmech.mechanism.rebalance.Rebalancing;
import dev.dashmech.mechanism.rule.AllocationRule;
import dev.dashmech.mechanism.rule.ValueGrid;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The dashboard publisher's recompute of one agent's instrumented dashboard from 10⁴ samples (Def. 17):
 * centred isotonic regression, {@code μ̂}, mixing, individually rational rebalancing, the table.
 * {@code recompute} starts from the binned accumulator the publisher keeps; {@code rebuild} also adds the
 * 10⁴ samples one by one into a new accumulator.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class InstrumentedRecomputeBenchmark {

    private static final int SAMPLES = 10_000;
    private static final double RHO = 0.1;

    private final ValueGrid grid = ValueGrid.uniform(8);
    private final Rebalancing rebalancing = Rebalancing.individuallyRational(0.05).withHysteresis(2);
    private InstrumentationSamples samples;
    private double[] draws;
    private boolean[] wins;

    @Setup
    public void setUp() {
        SplittableRandom random = new SplittableRandom(7);
        draws = new double[SAMPLES];
        wins = new boolean[SAMPLES];
        samples = InstrumentationSamples.on(grid);
        for (int i = 0; i < SAMPLES; i++) {
            draws[i] = random.nextDouble() * 8;
            wins[i] = random.nextDouble() < 0.1 + 0.8 / (1 + Math.exp(-(draws[i] - 4)));
            samples.add(draws[i], wins[i]);
        }
    }

    private Dashboard publish(InstrumentationSamples s) {
        AllocationRule y = s.instrumentedRule(RHO);
        return Dashboard.builder(DashboardKind.INSTRUMENTED,
                rebalancing.apply(y, PaymentFormat.WINNER_PAYS_BID, 25.0, 5.0))
                .rho(RHO).sampleCount(s.count()).build();
    }

    @Benchmark
    public Dashboard recompute() {
        return publish(samples);
    }

    @Benchmark
    public Dashboard rebuild() {
        InstrumentationSamples s = InstrumentationSamples.on(grid);
        for (int i = 0; i < SAMPLES; i++) {
            s.add(draws[i], wins[i]);
        }
        return publish(s);
    }
}
