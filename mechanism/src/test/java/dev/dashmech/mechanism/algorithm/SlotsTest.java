package dev.dashmech.mechanism.algorithm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.dashmech.mechanism.random.StageRandom;
import dev.dashmech.mechanism.rule.AllocationRule;
import dev.dashmech.mechanism.rule.ValueGrid;
import org.junit.jupiter.api.Test;

class SlotsTest {

    @Test
    void shouldEqualSoftmaxWhenThereIsOneSlotThatIsAlwaysClicked() {
        // given
        Slots slots = Slots.of(new double[] {1}, 1.3, 2);
        Softmax softmax = Softmax.of(1.3, 2);
        double[] values = {1, 4, 2.5, 0};
        double[] fromSlots = new double[4];
        double[] fromSoftmax = new double[4];

        // when
        slots.allocation(values, fromSlots);
        softmax.allocation(values, fromSoftmax);

        // then
        assertThat(fromSlots).containsExactly(fromSoftmax, within(1e-15));
    }

    @Test
    void shouldMatchTheHandComputedProbabilitiesForTwoAgentsAndTwoSlots() {
        // given: weights e^{v/τ} with τ = 1, outside option e^0
        Slots slots = Slots.of(new double[] {0.6, 0.3}, 1, 0);
        double w0 = 1;
        double w1 = Math.exp(1);
        double w2 = Math.exp(2);
        double total = w0 + w1 + w2;
        double[] out = new double[2];

        // when
        slots.allocation(new double[] {1, 2}, out);

        // then: slot 1 directly, or slot 2 after the other agent took slot 1 (the outside option did not cut)
        assertThat(out[0]).isCloseTo(0.6 * w1 / total + 0.3 * (w2 / total) * (w1 / (w0 + w1)), within(1e-15));
        assertThat(out[1]).isCloseTo(0.6 * w2 / total + 0.3 * (w1 / total) * (w2 / (w0 + w2)), within(1e-15));
    }

    @Test
    void shouldAgreeWithItsMonteCarloEstimateWhenEnumerationIsTurnedOff() {
        // given
        double[] ctrs = {0.5, 0.3, 0.2};
        Slots exact = Slots.of(ctrs, 0.8, 1);
        Slots estimated = exact.withExactWorkLimit(0).withMonteCarlo(100_000, 99);
        double[] values = {2, 1.5, 0.2, 3, 2.2, 1};
        double[] x = new double[6];
        double[] xHat = new double[6];

        // when
        exact.allocation(values, x);
        estimated.allocation(values, xHat);

        // then: within 3.9 standard errors (bounded by α_1 / (2 sqrt(N)) each)
        assertThat(exact.isAllocationExact(6)).isTrue();
        assertThat(estimated.isAllocationExact(6)).isFalse();
        double tolerance = 3.9 * 0.5 / (2 * Math.sqrt(100_000));
        for (int i = 0; i < 6; i++) {
            assertThat(xHat[i]).as("agent %d", i).isCloseTo(x[i], within(tolerance));
        }
    }

    @Test
    void shouldClickWithTheFrequenciesOfTheAllocationWhenSeeded() {
        // given
        Slots slots = Slots.of(new double[] {0.7, 0.4, 0.1}, 1, 0.5);
        double[] values = {1, 2, 0.5, 1.5, 0};
        double[] x = new double[5];
        slots.allocation(values, x);
        long[] clicks = new long[5];
        boolean[] wins = new boolean[5];
        StageRandom rng = StageRandom.of(77, 0);
        int stages = 100_000;

        // when
        for (int s = 0; s < stages; s++) {
            slots.sample(values, rng.reset(77, s), wins);
            for (int i = 0; i < 5; i++) {
                clicks[i] += wins[i] ? 1 : 0;
            }
        }

        // then: each agent's click rate within 3.9 binomial standard errors of x_i
        for (int i = 0; i < 5; i++) {
            double sd = Math.sqrt(x[i] * (1 - x[i]) / stages);
            assertThat((double) clicks[i] / stages).as("agent %d", i).isCloseTo(x[i], within(3.9 * sd));
        }
    }

    @Test
    void shouldGiveTheCurveOfTheAllocationWithTheAgentsValueReplacedWhenExact() {
        // given
        Slots slots = Slots.of(new double[] {0.5, 0.25}, 0.5, 0.3);
        double[] values = {1, 0.7, 2, 1.1};

        // then
        assertCurveMatchesAllocation(slots, values, 1, ValueGrid.uniform(3, 13), 1e-12);
    }

    @Test
    void shouldGiveTheCurveOfTheEstimateWithTheAgentsValueReplacedWhenEstimated() {
        // given: the curve is read off the same rankings as the estimate
        Slots slots = Slots.of(new double[] {0.5, 0.25}, 0.5, 0.3).withExactWorkLimit(0).withMonteCarlo(5_000, 3);
        double[] values = {1, 0.7, 2, 1.1};

        // then
        assertCurveMatchesAllocation(slots, values, 2, ValueGrid.uniform(3, 13), 0);
    }

    @Test
    void shouldGiveTheSameEstimateOnEveryCallWhenEstimated() {
        // given
        Slots slots = Slots.of(new double[] {0.4, 0.3, 0.2, 0.1, 0.05}, 1, 0).withMonteCarlo(2_000, 8);
        double[] values = new double[40];
        for (int i = 0; i < values.length; i++) {
            values[i] = (i * 7919 % 40) / 10.0;
        }
        double[] first = new double[40];
        double[] second = new double[40];

        // when
        slots.allocation(values, first);
        slots.allocation(values, second);

        // then
        assertThat(slots.isAllocationExact(40)).isFalse();
        assertThat(second).containsExactly(first);
        double sum = 0;
        for (double x : first) {
            sum += x;
        }
        assertThat(sum).isLessThanOrEqualTo(0.4 + 0.3 + 0.2 + 0.1 + 0.05 + 1e-12);
    }

    @Test
    void shouldEnumerateExactlyUpToTheStatedCutOff() {
        // given
        Slots three = Slots.of(new double[] {0.3, 0.2, 0.1}, 1, 0);
        Slots five = Slots.of(new double[] {0.3, 0.2, 0.1, 0.05, 0.01}, 1, 0);

        // then: the cut-offs stated in the class comment
        assertThat(three.isAllocationExact(125)).isTrue();
        assertThat(three.isAllocationExact(126)).isFalse();
        assertThat(five.isAllocationExact(19)).isTrue();
        assertThat(five.isAllocationExact(20)).isFalse();
        assertThat(Slots.enumerationWork(10, 3)).isEqualTo((1 + 10 + 90) * 10L);
        assertThat(Slots.enumerationWork(1000, 30)).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void shouldIgnoreTrailingSlotsThatAreNeverClicked() {
        // given
        double[] values = {1, 2, 3};
        double[] withZero = new double[3];
        double[] without = new double[3];

        // when
        Slots.of(new double[] {0.5, 0.2, 0}, 1, 0).allocation(values, withZero);
        Slots.of(new double[] {0.5, 0.2}, 1, 0).allocation(values, without);

        // then
        assertThat(withZero).containsExactly(without);
    }

    @Test
    void shouldRejectClickThroughRatesThatIncrease() {
        assertThatThrownBy(() -> Slots.of(new double[] {0.3, 0.5}, 1, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("non-increasing").hasMessageContaining("slot 2").hasMessageContaining("0.5");
    }

    @Test
    void shouldRejectClickThroughRatesOutsideTheUnitInterval() {
        assertThatThrownBy(() -> Slots.of(new double[] {1.2}, 1, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("slot 1").hasMessageContaining("1.2");
        assertThatThrownBy(() -> Slots.of(new double[] {0.5, -0.1}, 1, 0)).hasMessageContaining("-0.1");
    }

    @Test
    void shouldRejectNoSlotsOrNoClickableSlot() {
        assertThatThrownBy(() -> Slots.of(new double[0], 1, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least one slot");
        assertThatThrownBy(() -> Slots.of(new double[] {0, 0}, 1, 0)).hasMessageContaining("must be > 0");
    }

    @Test
    void shouldRejectBadTemperatureReserveAndMonteCarloSettings() {
        assertThatThrownBy(() -> Slots.of(new double[] {0.5}, -1, 0)).hasMessageContaining("tau");
        assertThatThrownBy(() -> Slots.of(new double[] {0.5}, 1, -3)).hasMessageContaining("reserve");
        assertThatThrownBy(() -> Slots.of(new double[] {0.5}, 1, 0).withMonteCarlo(0, 1))
                .hasMessageContaining("at least 1 sample");
        assertThatThrownBy(() -> Slots.of(new double[] {0.5}, 1, 0).withExactWorkLimit(-1))
                .hasMessageContaining("-1");
    }

    private static void assertCurveMatchesAllocation(AllocationAlgorithm algorithm, double[] values, int i,
                                                     ValueGrid grid, double tolerance) {
        AllocationRule curve = algorithm.curve(i, values, grid);
        double[] profile = values.clone();
        double[] out = new double[values.length];
        for (int k = 0; k < grid.size(); k++) {
            profile[i] = grid.point(k);
            algorithm.allocation(profile, out);
            assertThat(curve.probability(k)).as("grid point %d", k).isCloseTo(out[i], within(tolerance));
        }
    }
}
