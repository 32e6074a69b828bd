package dev.dashmech.mechanism.benchmark;

import dev.dashmech.mechanism.bidding.PaymentFormat;
import dev.dashmech.mechanism.dashboard.Dashboard;
import dev.dashmech.mechanism.dashboard.DashboardKind;
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
 * The stage engine's hot path: inferring the value of one bid against a published dashboard of 65 grid
 * points (66 rows with {@code v†}). Bids rotate through 4096 precomputed ones, about 2% above the top bid.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class InferenceBenchmark {

    private Dashboard dashboard;
    private double[] bids;
    private int next;

    @Setup
    public void setUp() {
        ValueGrid grid = ValueGrid.uniform(8);
        AllocationRule y = AllocationRule.sample(grid, z -> 0.05 + 0.9 / (1 + Math.exp(-(z - 4))));
        dashboard = Dashboard.builder(DashboardKind.INSTRUMENTED,
                Rebalancing.individuallyRational(0.1).apply(y, PaymentFormat.WINNER_PAYS_BID, 3, 8)).build();
        SplittableRandom random = new SplittableRandom(1);
        bids = new double[4096];
        double top = dashboard.table().highestBid();
        for (int i = 0; i < bids.length; i++) {
            bids[i] = random.nextDouble() * 1.02 * top;
        }
    }

    @Benchmark
    public double inferValue() {
        double bid = bids[next];
        next = (next + 1) & (bids.length - 1);
        return dashboard.inferValue(bid);
    }

    @Benchmark
    public boolean isClamped() {
        double bid = bids[next];
        next = (next + 1) & (bids.length - 1);
        return dashboard.isClamped(bid);
    }
}
