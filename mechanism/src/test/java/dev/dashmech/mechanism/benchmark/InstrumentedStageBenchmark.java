package dev.dashmech.mechanism.benchmark;

import dev.dashmech.mechanism.algorithm.Softmax;
import dev.dashmech.mechanism.instrument.InstrumentedAllocation;
import dev.dashmech.mechanism.instrument.InstrumentedStage;
import dev.dashmech.mechanism.random.StageRandom;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One instrumented stage (Def. 16) of softmax, as the stage engine runs it: re-seed the stage generator from
 * (market seed, stage id), draw the instrumentation, make the single call, compute the implicit payments.
 * Average time per stage by default; {@code -bm thrpt -tu s} for stages per second.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class InstrumentedStageBenchmark {

    @Param({"10", "100"})
    public int agents;

    @Param({"0.1"})
    public double rho;

    private InstrumentedAllocation instrumented;
    private InstrumentedStage stage;
    private StageRandom rng;
    private double[] values;
    private double[] vmax;
    private long stageId;

    @Setup
    public void setUp() {
        instrumented = InstrumentedAllocation.of(Softmax.of(1, 0), rho);
        stage = new InstrumentedStage(agents);
        rng = StageRandom.of(0, 0);
        SplittableRandom values = new SplittableRandom(42);
        this.values = new double[agents];
        this.vmax = new double[agents];
        for (int i = 0; i < agents; i++) {
            this.vmax[i] = 10;
            this.values[i] = values.nextDouble(10);
        }
    }

    @Benchmark
    public double instrumentedSoftmaxStage() {
        instrumented.allocate(values, vmax, rng.reset(7, stageId++), stage);
        return stage.implicitPayment(0) + stage.implicitPayment(agents - 1);
    }
}
