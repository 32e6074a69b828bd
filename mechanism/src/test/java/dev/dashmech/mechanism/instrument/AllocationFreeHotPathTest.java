package dev.dashmech.mechanism.instrument;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.dashmech.mechanism.algorithm.AllocationAlgorithm;
import dev.dashmech.mechanism.algorithm.Proportional;
import dev.dashmech.mechanism.algorithm.Slots;
import dev.dashmech.mechanism.algorithm.Softmax;
import dev.dashmech.mechanism.random.StageRandom;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/**
 * The per-stage calls allocate nothing: measured with the JVM's per-thread allocation counter over many calls,
 * after a warm-up that lets thread-confined scratch space grow. One allocated object per call would show as
 * at least 16 bytes times the number of calls.
 */
class AllocationFreeHotPathTest {

    private static final int CALLS = 20_000;
    /** Far below 16 bytes x CALLS; leaves room for the measurement itself. */
    private static final long BUDGET_BYTES = 16 * 1024;

    @Test
    void shouldNotAllocateWhenRunningInstrumentedStages() {
        // given
        InstrumentedAllocation instrumented = InstrumentedAllocation.of(Softmax.of(1, 0), 0.1);
        InstrumentedStage stage = new InstrumentedStage();
        StageRandom rng = StageRandom.of(1, 0);
        double[] values = values(10);
        double[] vmax = new double[10];
        java.util.Arrays.fill(vmax, 10);

        // when
        long bytes = allocatedBy(s -> instrumented.allocate(values, vmax, rng.reset(1, s), stage));

        // then
        assertThat(bytes).isLessThan(BUDGET_BYTES);
    }

    @Test
    void shouldNotAllocateWhenSamplingOrComputingAllocations() {
        // given
        StageRandom rng = StageRandom.of(2, 0);
        double[] values = values(10);
        boolean[] wins = new boolean[10];
        double[] out = new double[10];
        AllocationAlgorithm[] algorithms = {Softmax.of(1, 0.5), Proportional.of(1),
            Slots.of(new double[] {0.3, 0.2, 0.1}, 1, 0),
            Slots.of(new double[] {0.3, 0.2, 0.1}, 1, 0).withExactWorkLimit(0).withMonteCarlo(10, 1)};

        for (AllocationAlgorithm algorithm : algorithms) {
            // when
            long sampling = allocatedBy(s -> algorithm.sample(values, rng.reset(2, s), wins));
            long probabilities = allocatedBy(s -> algorithm.allocation(values, out));

            // then
            assertThat(sampling).as("%s sample", algorithm).isLessThan(BUDGET_BYTES);
            assertThat(probabilities).as("%s allocation", algorithm).isLessThan(BUDGET_BYTES);
        }
    }

    private static double[] values(int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = (i * 37 % n) * 10.0 / n;
        }
        return v;
    }

    private static long allocatedBy(java.util.function.IntConsumer stageCall) {
        java.lang.management.ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        assumeThat(mx).isInstanceOf(com.sun.management.ThreadMXBean.class);
        com.sun.management.ThreadMXBean bean = (com.sun.management.ThreadMXBean) mx;
        assumeThat(bean.isThreadAllocatedMemorySupported()).isTrue();
        bean.setThreadAllocatedMemoryEnabled(true);
        long thread = Thread.currentThread().getId();
        for (int s = 0; s < CALLS; s++) {
            stageCall.accept(s); // warm-up: scratch space, class loading
        }
        long before = bean.getThreadAllocatedBytes(thread);
        for (int s = 0; s < CALLS; s++) {
            stageCall.accept(s);
        }
        return bean.getThreadAllocatedBytes(thread) - before;
    }
}
