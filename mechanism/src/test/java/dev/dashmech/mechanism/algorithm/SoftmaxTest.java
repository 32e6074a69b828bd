package dev.dashmech.mechanism.algorithm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.dashmech.mechanism.random.StageRandom;
import dev.dashmech.mechanism.rule.AllocationRule;
import dev.dashmech.mechanism.rule.ValueGrid;
import org.junit.jupiter.api.Test;

class SoftmaxTest {

    @Test
    void shouldMatchTheClosedFormWhenReserveAndQualitiesAreGiven() {
        // given: tau 2, reserve 1, qualities (1, 3), values (4, 2)
        Softmax softmax = Softmax.of(2, 1, 1, 3);
        double[] out = new double[2];

        // when
        softmax.allocation(new double[] {4, 2}, out);

        // then: x_i = q_i e^{v_i/2} / (e^{1/2} + e^{2} + 3 e^{1})
        double denominator = Math.exp(0.5) + Math.exp(2) + 3 * Math.exp(1);
        assertThat(out[0]).isCloseTo(Math.exp(2) / denominator, within(1e-15));
        assertThat(out[1]).isCloseTo(3 * Math.exp(1) / denominator, within(1e-15));
    }

    @Test
    void shouldStayFiniteAndKeepRatiosWhenValuesOverTemperatureAreHuge() {
        // given: v/tau = 2^50 would overflow exp by far; the values are exact in binary
        double top = 0x1p40;
        double tau = 0x1p-10;
        Softmax softmax = Softmax.of(tau, 0);
        double[] out = new double[3];

        // when: two agents tie at the top, one is one temperature below
        softmax.allocation(new double[] {top, top, top - tau}, out);

        // then
        double denominator = 2 + Math.exp(-1);
        assertThat(out[0]).isCloseTo(1 / denominator, within(1e-15));
        assertThat(out[1]).isCloseTo(1 / denominator, within(1e-15));
        assertThat(out[2]).isCloseTo(Math.exp(-1) / denominator, within(1e-15));
    }

    @Test
    void shouldGiveTheItemToTheTopAgentWhenTheTemperatureIsTiny() {
        // given
        Softmax softmax = Softmax.of(1e-300, 0);
        double[] out = new double[2];

        // when
        softmax.allocation(new double[] {1, 2}, out);

        // then
        assertThat(out).containsExactly(0, 1);
    }

    @Test
    void shouldSampleWithTheFrequenciesOfTheAllocationWhenSeeded() {
        // given: 4 agents plus the outside option, 200 000 seeded single calls
        Softmax softmax = Softmax.of(1.5, 2, 1, 2, 1, 0.5);
        double[] values = {3, 1, 4, 2};
        double[] x = new double[4];
        softmax.allocation(values, x);
        long[] counts = new long[5];
        boolean[] wins = new boolean[4];
        StageRandom rng = StageRandom.of(11, 0);
        int stages = 200_000;

        // when
        for (int s = 0; s < stages; s++) {
            softmax.sample(values, rng.reset(11, s), wins);
            int winners = 0;
            int winner = 4;
            for (int i = 0; i < 4; i++) {
                if (wins[i]) {
                    winners++;
                    winner = i;
                }
            }
            assertThat(winners).isLessThanOrEqualTo(1);
            counts[winner]++;
        }

        // then: chi-square over {agent 0..3, nobody}, 4 degrees of freedom, below the 99.9% quantile 18.47
        double none = 1 - (x[0] + x[1] + x[2] + x[3]);
        assertThat(chiSquare(counts, new double[] {x[0], x[1], x[2], x[3], none}, stages)).isLessThan(18.47);
    }

    @Test
    void shouldGiveTheCurveOfTheAllocationWithTheAgentsValueReplaced() {
        // given
        Softmax softmax = Softmax.of(0.7, 0.5, 2, 1, 1);
        double[] values = {9, 1.2, 3.3};
        ValueGrid grid = ValueGrid.uniform(5, 33);

        // when
        AllocationRule curve = softmax.curve(0, values, grid);

        // then
        double[] profile = values.clone();
        double[] out = new double[3];
        for (int k = 0; k < grid.size(); k++) {
            profile[0] = grid.point(k);
            softmax.allocation(profile, out);
            assertThat(curve.probability(k)).isCloseTo(out[0], within(1e-12));
        }
    }

    @Test
    void shouldRejectANonPositiveTemperature() {
        assertThatThrownBy(() -> Softmax.of(0, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("tau").hasMessageContaining("was 0.0");
        assertThatThrownBy(() -> Softmax.of(Double.NaN, 0)).hasMessageContaining("was NaN");
    }

    @Test
    void shouldRejectANegativeReserve() {
        assertThatThrownBy(() -> Softmax.of(1, -0.5)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("reserve").hasMessageContaining("-0.5");
    }

    @Test
    void shouldRejectANonPositiveQualityWeightNamingTheAgent() {
        assertThatThrownBy(() -> Softmax.of(1, 0, 1, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("agent 1").hasMessageContaining("was 0.0");
    }

    @Test
    void shouldRejectAProfileWhoseSizeDiffersFromTheQualityWeights() {
        Softmax softmax = Softmax.of(1, 0, 1, 2);
        assertThatThrownBy(() -> softmax.allocation(new double[] {1, 2, 3}, new double[3]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2 quality weights")
                .hasMessageContaining("3 agents");
    }

    @Test
    void shouldRejectANegativeOrNonFiniteValueNamingTheAgent() {
        Softmax softmax = Softmax.of(1, 0);
        assertThatThrownBy(() -> softmax.sample(new double[] {1, -2}, StageRandom.ofSeed(1), new boolean[2]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("agent 1")
                .hasMessageContaining("-2.0");
        assertThatThrownBy(() -> softmax.allocation(new double[] {Double.NaN}, new double[1]))
                .hasMessageContaining("agent 0").hasMessageContaining("NaN");
    }

    @Test
    void shouldRejectAWinsArrayOfTheWrongLength() {
        Softmax softmax = Softmax.of(1, 0);
        assertThatThrownBy(() -> softmax.sample(new double[] {1, 2}, StageRandom.ofSeed(1), new boolean[3]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("wins");
    }

    static double chiSquare(long[] counts, double[] p, int n) {
        double chi2 = 0;
        for (int c = 0; c < counts.length; c++) {
            double expected = p[c] * n;
            chi2 += (counts[c] - expected) * (counts[c] - expected) / expected;
        }
        return chi2;
    }
}
