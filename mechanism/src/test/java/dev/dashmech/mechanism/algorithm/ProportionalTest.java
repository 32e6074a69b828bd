package dev.dashmech.mechanism.algorithm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.dashmech.mechanism.random.StageRandom;
import dev.dashmech.mechanism.rule.AllocationRule;
import dev.dashmech.mechanism.rule.ValueGrid;
import org.junit.jupiter.api.Test;

class ProportionalTest {

    @Test
    void shouldShareInProportionToValuesWithTheReserveAsOutsideOption() {
        // given
        Proportional proportional = Proportional.of(2);
        double[] out = new double[3];

        // when
        proportional.allocation(new double[] {1, 3, 4}, out);

        // then: v_i / (2 + 8)
        assertThat(out).containsExactly(new double[] {0.1, 0.3, 0.4}, within(1e-15));
    }

    @Test
    void shouldAllocateNothingWhenTheReserveAndAllValuesAreZero() {
        // given
        Proportional proportional = Proportional.of(0);
        double[] out = {7, 7};
        boolean[] wins = {true, true};

        // when
        proportional.allocation(new double[] {0, 0}, out);
        proportional.sample(new double[] {0, 0}, StageRandom.ofSeed(3), wins);

        // then
        assertThat(out).containsExactly(0, 0);
        assertThat(wins).containsExactly(false, false);
    }

    @Test
    void shouldAlwaysAllocateWhenTheReserveIsZeroAndSomeValueIsPositive() {
        // given
        Proportional proportional = Proportional.of(0);
        boolean[] wins = new boolean[3];
        StageRandom rng = StageRandom.ofSeed(5);

        // when / then: agent 1 is the only positive value and wins every time
        for (int s = 0; s < 1000; s++) {
            proportional.sample(new double[] {0, 0.001, 0}, rng, wins);
            assertThat(wins).containsExactly(false, true, false);
        }
    }

    @Test
    void shouldSampleWithTheFrequenciesOfTheAllocationWhenSeeded() {
        // given
        Proportional proportional = Proportional.of(1.5);
        double[] values = {2, 0.5, 3, 1};
        double[] x = new double[4];
        proportional.allocation(values, x);
        long[] counts = new long[5];
        boolean[] wins = new boolean[4];
        StageRandom rng = StageRandom.of(12, 0);
        int stages = 200_000;

        // when
        for (int s = 0; s < stages; s++) {
            proportional.sample(values, rng.reset(12, s), wins);
            int winner = 4;
            int winners = 0;
            for (int i = 0; i < 4; i++) {
                if (wins[i]) {
                    winner = i;
                    winners++;
                }
            }
            assertThat(winners).isLessThanOrEqualTo(1);
            counts[winner]++;
        }

        // then: chi-square, 4 degrees of freedom, below the 99.9% quantile 18.47
        double none = 1 - (x[0] + x[1] + x[2] + x[3]);
        assertThat(SoftmaxTest.chiSquare(counts, new double[] {x[0], x[1], x[2], x[3], none}, stages))
                .isLessThan(18.47);
    }

    @Test
    void shouldGiveTheCurveOfTheAllocationWithTheAgentsValueReplaced() {
        // given
        Proportional proportional = Proportional.of(0.25);
        double[] values = {1, 2, 3};
        ValueGrid grid = ValueGrid.uniform(8, 17);

        // when
        AllocationRule curve = proportional.curve(2, values, grid);

        // then
        double[] profile = values.clone();
        double[] out = new double[3];
        for (int k = 0; k < grid.size(); k++) {
            profile[2] = grid.point(k);
            proportional.allocation(profile, out);
            assertThat(curve.probability(k)).isCloseTo(out[2], within(1e-14));
        }
    }

    @Test
    void shouldGiveAStepCurveWhenTheReserveIsZeroAndTheRivalsHaveNoValue() {
        // given: the documented discontinuity of r = 0
        Proportional proportional = Proportional.of(0);

        // when
        AllocationRule curve = proportional.curve(0, new double[] {5, 0}, ValueGrid.uniform(4, 5));

        // then
        assertThat(curve.probabilities()).containsExactly(0, 1, 1, 1, 1);
    }

    @Test
    void shouldRejectANegativeReserve() {
        assertThatThrownBy(() -> Proportional.of(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("reserve").hasMessageContaining("-1.0");
        assertThatThrownBy(() -> Proportional.of(Double.POSITIVE_INFINITY)).hasMessageContaining("Infinity");
    }
}
