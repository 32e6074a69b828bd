package dev.dashmech.mechanism.benchmark;

import dev.dashmech.mechanism.algorithm.AllocationAlgorithm;
import dev.dashmech.mechanism.algorithm.AllocationAlgorithms;
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

/** The bare single call and the exact probabilities of each built-in algorithm, for comparison with a stage. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class AllocationAlgorithmBenchmark {

    @Param({"softmax:tau=1,reserve=0", "proportional:reserve=1", "slots:ctrs=0.3/0.2/0.1,tau=1"})
    public String algorithm;

    @Param({"10", "100"})
    public int agents;

    private AllocationAlgorithm x;
    private StageRandom rng;
    private double[] values;
    private boolean[] wins;
    private double[] out;

    @Setup
    public void setUp() {
        x = AllocationAlgorithms.parse(algorithm);
        rng = StageRandom.ofSeed(1);
        SplittableRandom r = new SplittableRandom(42);
        values = new double[agents];
        for (int i = 0; i < agents; i++) {
            values[i] = r.nextDouble(10);
        }
        wins = new boolean[agents];
        out = new double[agents];
    }

    @Benchmark
    public boolean sample() {
        x.sample(values, rng, wins);
        return wins[0];
    }

    @Benchmark
    public double allocation() {
        x.allocation(values, out);
        return out[0];
    }
}
