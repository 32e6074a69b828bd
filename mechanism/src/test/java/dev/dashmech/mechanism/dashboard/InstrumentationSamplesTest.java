package dev.dashmech.mechanism.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.dashmech.mechanism.rule.AllocationRule;
import dev.dashmech.mechanism.rule.ValueGrid;
import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

class InstrumentationSamplesTest {

    private static final ValueGrid GRID = ValueGrid.uniform(10);
    private static final DoubleUnaryOperator LOGISTIC = z -> 0.1 + 0.8 / (1 + Math.exp(-(z - 5) / 1.2));

    /** {@code n} instrumentation samples: draws uniform on [0, 10], wins with probability {@code rule}. */
    private static void sample(InstrumentationSamples s, DoubleUnaryOperator rule, int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < n; i++) {
            double v = random.nextDouble() * 10;
            s.add(v, random.nextDouble() < rule.applyAsDouble(v));
        }
    }

    @Test
    void shouldRecoverAKnownSmoothRuleFromTenThousandSamples() {
        // given 10⁴ seeded samples of a logistic rule
        InstrumentationSamples s = InstrumentationSamples.on(GRID);
        sample(s, LOGISTIC, 10_000, 42);

        // when
        AllocationRule x = s.empiricalRule();

        // then: within 0.08 everywhere and 0.025 on average over the grid (over 30 seeds the worst were
        // 0.068 and 0.016; about 156 samples per cell, sampling error about 0.04 per cell before pooling)
        double max = 0;
        double mean = 0;
        for (int k = 0; k < GRID.size(); k++) {
            double e = Math.abs(x.probability(k) - LOGISTIC.applyAsDouble(GRID.point(k)));
            max = Math.max(max, e);
            mean += e / GRID.size();
        }
        assertThat(max).isLessThan(0.08);
        assertThat(mean).isLessThan(0.025);
        assertThat(s.meanAllocation()).isCloseTo(0.5, within(0.02)); // ∫ LOGISTIC / 10 = 0.5 by symmetry
    }

    @Test
    void shouldMixTheRegressionWithTheMeanAndAddATinySlope() {
        InstrumentationSamples s = InstrumentationSamples.on(GRID);
        sample(s, LOGISTIC, 5_000, 7);

        AllocationRule y = s.instrumentedRule(0.2);

        AllocationRule x = s.empiricalRule();
        double mu = s.meanAllocation();
        assertThat(y.isStrictlyIncreasing()).isTrue();
        for (int k = 0; k < GRID.size(); k++) {
            // Def. 17, step 4
            assertThat(y.probability(k)).isCloseTo(0.8 * x.probability(k) + 0.2 * mu, within(2e-6));
        }
    }

    @Test
    void shouldFollowAChangedRuleWithForgetting() {
        // given samples of one rule, then as many of a much higher one
        InstrumentationSamples forgetting = InstrumentationSamples.on(GRID, 0.999);
        InstrumentationSamples keeping = InstrumentationSamples.on(GRID);
        DoubleUnaryOperator low = z -> 0.1;
        DoubleUnaryOperator high = z -> 0.9;
        sample(forgetting, low, 10_000, 1);
        sample(forgetting, high, 10_000, 2);
        sample(keeping, low, 10_000, 1);
        sample(keeping, high, 10_000, 2);

        // then the forgetting accumulator has moved (old samples weigh e^-10), the other sits in between
        assertThat(forgetting.meanAllocation()).isCloseTo(0.9, within(0.03));
        assertThat(keeping.meanAllocation()).isCloseTo(0.5, within(0.02));
        assertThat(forgetting.effectiveCount()).isCloseTo(1000, within(5.0));
        assertThat(forgetting.count()).isEqualTo(20_000);
    }

    @Test
    void shouldKeepWeightsFiniteUnderFastForgetting() {
        InstrumentationSamples s = InstrumentationSamples.on(GRID, 0.5);

        sample(s, LOGISTIC, 5_000, 3);

        assertThat(s.effectiveCount()).isCloseTo(2.0, within(1e-6)); // Σ 0.5^n
        for (double w : s.snapshot().weights()) {
            assertThat(w).isFinite();
        }
    }

    @Test
    void shouldRestoreFromASnapshot() {
        InstrumentationSamples s = InstrumentationSamples.on(GRID, 0.9999);
        sample(s, LOGISTIC, 3_000, 5);

        InstrumentationSamples restored = InstrumentationSamples.restore(GRID, 0.9999, s.snapshot());
        s.add(4.2, true);
        restored.add(4.2, true);

        assertThat(restored.count()).isEqualTo(s.count());
        assertThat(restored.meanAllocation()).isCloseTo(s.meanAllocation(), within(1e-12));
        assertThat(restored.empiricalRule().probabilities())
                .containsExactly(s.empiricalRule().probabilities(), within(1e-12));
    }

    @Test
    void shouldRejectADrawOutsideTheValueRange() {
        InstrumentationSamples s = InstrumentationSamples.on(GRID);

        assertThatThrownBy(() -> s.add(10.5, true)).hasMessageContaining("10.5").hasMessageContaining("[0, 10.0]");
        assertThatThrownBy(() -> s.add(Double.NaN, true)).hasMessageContaining("NaN");
    }

    @Test
    void shouldPointToThePriorBeforeTheFirstSample() {
        InstrumentationSamples s = InstrumentationSamples.on(GRID);

        assertThat(s.isEmpty()).isTrue();
        assertThatThrownBy(s::empiricalRule).isInstanceOf(IllegalStateException.class).hasMessageContaining("prior");
    }

    @Test
    void shouldRejectABadForgettingFactor() {
        assertThatThrownBy(() -> InstrumentationSamples.on(GRID, 1.5)).hasMessageContaining("1.5");
    }
}
