package dev.dashmech.mechanism.instrument;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.dashmech.mechanism.algorithm.Proportional;
import dev.dashmech.mechanism.algorithm.Softmax;
import dev.dashmech.mechanism.random.StageRandom;
import org.junit.jupiter.api.Test;

class InstrumentedAllocationTest {

    @Test
    void shouldMakeJustTheSingleCallOnTheInferredValuesWhenRhoIsZero() {
        // given
        Softmax softmax = Softmax.of(1, 0);
        InstrumentedAllocation uninstrumented = InstrumentedAllocation.uninstrumented(softmax);
        InstrumentedStage stage = new InstrumentedStage();
        double[] values = {1, 2, 3};
        boolean[] direct = new boolean[3];

        for (int s = 0; s < 200; s++) {
            // when
            uninstrumented.allocate(values, 5, StageRandom.of(9, s), stage);
            softmax.sample(values, StageRandom.of(9, s), direct);

            // then: the same draws give the same winner; nothing is instrumented
            for (int i = 0; i < 3; i++) {
                assertThat(stage.instrumented(i)).isFalse();
                assertThat(stage.input(i)).isEqualTo(values[i]);
                assertThat(stage.won(i)).isEqualTo(direct[i]);
                assertThat(stage.wonAtInferredValue(i)).isEqualTo(direct[i]);
            }
            assertThat(stage.instrumentationSampleCount()).isZero();
        }
        assertThat(stage.hasImplicitPayments()).isFalse();
        assertThatThrownBy(() -> stage.implicitPayment(0)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("rho = 0");
    }

    @Test
    void shouldInstrumentEachAgentWithProbabilityRhoAndDrawItsValueUniformly() {
        // given
        double rho = 0.2;
        double[] vmax = {1, 4, 10};
        double[] values = {0.5, 4, 0};
        InstrumentedAllocation instrumented = InstrumentedAllocation.of(Proportional.of(1), rho);
        InstrumentedStage stage = new InstrumentedStage(3);
        StageRandom rng = StageRandom.of(3, 0);
        int stages = 100_000;
        long[] count = new long[3];
        double[] drawSum = new double[3];

        // when
        for (int s = 0; s < stages; s++) {
            instrumented.allocate(values, vmax, rng.reset(3, s), stage);
            for (int i = 0; i < 3; i++) {
                if (stage.instrumented(i)) {
                    count[i]++;
                    drawSum[i] += stage.input(i);
                    assertThat(stage.input(i)).isGreaterThanOrEqualTo(0).isLessThan(vmax[i]);
                    assertThat(stage.wonAtInferredValue(i)).isFalse();
                } else {
                    assertThat(stage.input(i)).isEqualTo(values[i]);
                    assertThat(stage.wonAtInferredValue(i)).isEqualTo(stage.won(i));
                }
            }
        }

        // then: rate ρ and mean vmax/2, each within 3.9 standard errors
        for (int i = 0; i < 3; i++) {
            assertThat((double) count[i] / stages).isCloseTo(rho, within(3.9 * Math.sqrt(rho * (1 - rho) / stages)));
            double uniformSd = vmax[i] / Math.sqrt(12);
            assertThat(drawSum[i] / count[i]).isCloseTo(vmax[i] / 2, within(3.9 * uniformSd / Math.sqrt(count[i])));
        }
    }

    @Test
    void shouldRecordAnInstrumentationSampleForExactlyTheInstrumentedAgents() {
        // given
        InstrumentedAllocation instrumented = InstrumentedAllocation.of(Softmax.of(1, 0), 0.5);
        InstrumentedStage stage = new InstrumentedStage();
        double[] values = {1, 2, 3, 4, 5, 6};

        for (int s = 0; s < 100; s++) {
            // when
            instrumented.allocate(values, 8, StageRandom.of(4, s), stage);

            // then: samples in agent order, with the draw and the win of each
            int m = 0;
            for (int i = 0; i < values.length; i++) {
                if (stage.instrumented(i)) {
                    assertThat(stage.instrumentationSampleAgent(m)).isEqualTo(i);
                    assertThat(stage.instrumentationSampleValue(m)).isEqualTo(stage.input(i));
                    assertThat(stage.instrumentationSampleWon(m)).isEqualTo(stage.won(i));
                    m++;
                }
            }
            assertThat(stage.instrumentationSampleCount()).isEqualTo(m);
        }
    }

    @Test
    void shouldGiveBitIdenticalStagesWhenReplayedWithTheSameSeeds() {
        // given
        InstrumentedAllocation instrumented = InstrumentedAllocation.of(Softmax.of(0.5, 1), 0.3);
        InstrumentedStage first = new InstrumentedStage();
        InstrumentedStage replay = new InstrumentedStage();
        double[] values = {2, 7, 1, 4};

        for (int s = 0; s < 500; s++) {
            // when
            instrumented.allocate(values, 8, StageRandom.of(31, s), first);
            instrumented.allocate(values, 8, StageRandom.of(31, s), replay);

            // then
            for (int i = 0; i < values.length; i++) {
                assertThat(replay.instrumented(i)).isEqualTo(first.instrumented(i));
                assertThat(Double.doubleToRawLongBits(replay.input(i)))
                        .isEqualTo(Double.doubleToRawLongBits(first.input(i)));
                assertThat(replay.won(i)).isEqualTo(first.won(i));
                assertThat(replay.implicitPayment(i)).isEqualTo(first.implicitPayment(i));
            }
        }
    }

    @Test
    void shouldChargeTheImplicitPaymentsOfDef16() {
        // given: ρ = 0.25, so (1−ρ)/ρ = 3; vmax = 8, v̂ = 5
        double rho = 0.25;

        // then
        assertThat(ImplicitPayment.of(5, 8, rho, false, 5, true)).isEqualTo(5); // won with own value: v̂
        assertThat(ImplicitPayment.of(5, 8, rho, false, 5, false)).isZero();
        assertThat(ImplicitPayment.of(5, 8, rho, true, 2, true)).isEqualTo(-24); // won below v̂: −3·8
        assertThat(ImplicitPayment.of(5, 8, rho, true, 6, true)).isZero(); // won above v̂
        assertThat(ImplicitPayment.of(5, 8, rho, true, 2, false)).isZero();
        assertThat(ImplicitPayment.of(0, 8, rho, true, 0, true)).isZero(); // v̂ = 0 needs no division
        assertThatThrownBy(() -> ImplicitPayment.of(5, 8, 0, false, 5, true))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rho");
    }

    @Test
    void shouldRejectARhoOutsideZeroToOne() {
        Softmax softmax = Softmax.of(1, 0);
        assertThatThrownBy(() -> InstrumentedAllocation.of(softmax, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[0, 1)").hasMessageContaining("was 1.0");
        assertThatThrownBy(() -> InstrumentedAllocation.of(softmax, -0.1)).hasMessageContaining("-0.1");
        assertThatThrownBy(() -> InstrumentedAllocation.of(softmax, Double.NaN)).hasMessageContaining("NaN");
    }

    @Test
    void shouldRejectAnInferredValueOutsideItsRangeNamingTheAgent() {
        InstrumentedAllocation instrumented = InstrumentedAllocation.of(Softmax.of(1, 0), 0.1);
        assertThatThrownBy(() -> instrumented.allocate(new double[] {1, 9}, 8, StageRandom.ofSeed(1),
                new InstrumentedStage())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("agent 1").hasMessageContaining("[0, 8.0]").hasMessageContaining("9.0");
    }

    @Test
    void shouldRejectMismatchedRangesAndBadVmax() {
        InstrumentedAllocation instrumented = InstrumentedAllocation.of(Softmax.of(1, 0), 0.1);
        assertThatThrownBy(() -> instrumented.allocate(new double[] {1, 2}, new double[] {8}, StageRandom.ofSeed(1),
                new InstrumentedStage())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("2 inferred values but 1 vmax");
        assertThatThrownBy(() -> instrumented.allocate(new double[] {1, 2}, new double[] {8, 0}, StageRandom.ofSeed(1),
                new InstrumentedStage())).hasMessageContaining("vmax of agent 1");
        assertThatThrownBy(() -> instrumented.allocate(new double[0], 8, StageRandom.ofSeed(1),
                new InstrumentedStage())).hasMessageContaining("at least one agent");
    }
}
