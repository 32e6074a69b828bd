package dev.dashmech.mechanism.instrument;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.dashmech.mechanism.algorithm.AllocationAlgorithm;
import dev.dashmech.mechanism.algorithm.Proportional;
import dev.dashmech.mechanism.algorithm.Slots;
import dev.dashmech.mechanism.algorithm.Softmax;
import dev.dashmech.mechanism.random.StageRandom;
import org.junit.jupiter.api.Test;

/**
 * Theorem 6: the implicit payments of Def. 16 are unbiased, {@code E[ř_i] = r_i(v)}, the truthful payment of the
 * instrumented algorithm. {@code r_i(v)} comes from {@link TruthfulPaymentQuadrature}; the mean of {@code ř_i}
 * over seeded stages must lie within its 99.9% confidence interval {@code mean ± 3.3 sd/√N} of it.
 */
class ImplicitPaymentUnbiasednessTest {

    private static final int STAGES = 200_000;
    private static final double Z_999 = 3.3;

    @Test
    void shouldReproduceTheReferenceTruthfulPaymentsByQuadrature() {
        // given: MECHANISM.md §5 reference: softmax τ = 1, r = 0, vmax = 8, ρ = 0.25, values (5, 3)
        TruthfulPaymentQuadrature quadrature =
                new TruthfulPaymentQuadrature(Softmax.of(1, 0), 0.25, new double[] {8, 8}, 16, 20);

        // when
        double r0 = quadrature.payment(new double[] {5, 3}, 0);
        double r1 = quadrature.payment(new double[] {5, 3}, 1);

        // then
        assertThat(r0).isCloseTo(1.5968, within(5e-5));
        assertThat(r1).isCloseTo(0.2270, within(5e-5));
    }

    @Test
    void shouldEstimateTheTruthfulPaymentsWithoutBiasForTheReferenceSoftmax() {
        assertUnbiased(Softmax.of(1, 0), 0.25, new double[] {5, 3}, new double[] {8, 8}, 1);
    }

    @Test
    void shouldEstimateTheTruthfulPaymentsWithoutBiasForThreeAgentsWithQualitiesAndOwnRanges() {
        assertUnbiased(Softmax.of(0.8, 1, 1, 2, 0.5), 0.2, new double[] {4, 5, 2}, new double[] {8, 6, 10}, 2);
    }

    @Test
    void shouldEstimateTheTruthfulPaymentsWithoutBiasForProportionalIncludingAZeroValue() {
        assertUnbiased(Proportional.of(1), 0.3, new double[] {2, 6, 3, 0}, new double[] {10, 10, 10, 10}, 3);
    }

    @Test
    void shouldEstimateTheTruthfulPaymentsWithoutBiasForSlots() {
        assertUnbiased(Slots.of(new double[] {0.6, 0.3}, 1, 0.5), 0.25, new double[] {3, 1, 4},
                new double[] {5, 5, 5}, 4);
    }

    private static void assertUnbiased(AllocationAlgorithm algorithm, double rho, double[] values, double[] vmax,
                                       long marketSeed) {
        // given
        int n = values.length;
        InstrumentedAllocation instrumented = InstrumentedAllocation.of(algorithm, rho);
        InstrumentedStage stage = new InstrumentedStage(n);
        StageRandom rng = StageRandom.of(marketSeed, 0);
        double[] sum = new double[n];
        double[] sumOfSquares = new double[n];
        double[] naive = new double[n];
        TruthfulPaymentQuadrature quadrature = new TruthfulPaymentQuadrature(algorithm, rho, vmax,
                n <= 2 ? 16 : 4, n <= 2 ? 20 : 12);

        // when: seeded stages, as the stage engine runs them
        for (int s = 0; s < STAGES; s++) {
            instrumented.allocate(values, vmax, rng.reset(marketSeed, s), stage);
            for (int i = 0; i < n; i++) {
                double r = stage.implicitPayment(i);
                sum[i] += r;
                sumOfSquares[i] += r * r;
                naive[i] += stage.wonAtInferredValue(i) ? values[i] : 0;
            }
        }

        // then
        int top = 0;
        for (int i = 0; i < n; i++) {
            double exact = quadrature.payment(values, i);
            double mean = sum[i] / STAGES;
            double sd = Math.sqrt(Math.max(0, sumOfSquares[i] / STAGES - mean * mean) * STAGES / (STAGES - 1));
            double halfWidth = Z_999 * sd / Math.sqrt(STAGES);
            assertThat(mean).as("agent %d: mean implicit payment vs exact r_i(v) = %s", i, exact)
                    .isCloseTo(exact, within(halfWidth));
            if (values[i] > values[top]) {
                top = i;
            }
        }
        // and the test has power: for the top agent, charging v̂ x̌ without the instrumentation penalty lies far
        // outside the interval
        double exact = quadrature.payment(values, top);
        double mean = sum[top] / STAGES;
        double sd = Math.sqrt(sumOfSquares[top] / STAGES - mean * mean);
        assertThat(Math.abs(naive[top] / STAGES - exact)).isGreaterThan(10 * Z_999 * sd / Math.sqrt(STAGES));
    }
}
