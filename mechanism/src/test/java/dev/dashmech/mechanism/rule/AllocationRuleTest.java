package dev.dashmech.mechanism.rule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class AllocationRuleTest {

    private static final ValueGrid GRID = ValueGrid.uniform(8);

    @Test
    void shouldIntegrateALinearRuleExactlyEverywhere() {
        // given y(z) = z / 8, whose integral is z² / 16
        AllocationRule y = AllocationRule.sample(GRID, z -> z / 8);

        // then
        assertThat(y.integral(3.3)).isCloseTo(3.3 * 3.3 / 16, within(1e-14));
        assertThat(y.cumulativeAt(64)).isCloseTo(4.0, within(1e-14));
        assertThat(y.integral(10)).isCloseTo(4.0 + 2.0, within(1e-14)); // flat at 1 beyond vmax
    }

    @Test
    void shouldIntegrateAPiecewiseRuleAsTrapezoids() {
        // given y through (0, 0), (1, 0.5), (3, 1)
        AllocationRule y = AllocationRule.of(ValueGrid.of(0, 1, 3), new double[] {0, 0.5, 1});

        // then
        assertThat(y.integral(1)).isCloseTo(0.25, within(1e-15));
        assertThat(y.integral(2)).isCloseTo(0.25 + (0.5 + 0.75) / 2, within(1e-15));
        assertThat(y.integral(3)).isCloseTo(1.75, within(1e-15));
        assertThat(y.cumulative()).containsExactly(0, 0.25, 1.75);
    }

    @Test
    void shouldGiveTheUniformCompetitorPaymentByThePaymentIdentity() {
        // given y(z) = z / 8: q(v) = v²/8 − v²/16 = v²/16
        AllocationRule y = AllocationRule.sample(GRID, z -> z / 8);

        // then
        assertThat(y.payment(5)).isCloseTo(25.0 / 16, within(1e-14));
        assertThat(y.payment(2.71)).isCloseTo(2.71 * 2.71 / 16, within(1e-14));
        assertThat(y.payment(5, -0.5)).isCloseTo(25.0 / 16 - 0.5, within(1e-14));
    }

    @Test
    void shouldChargeNothingForAConstantRule() {
        AllocationRule y = AllocationRule.sample(GRID, z -> 0.3);

        assertThat(y.payment(7.5)).isZero();
        assertThat(y.payment(7.5, 0.2)).isCloseTo(0.2, within(1e-15));
    }

    @Test
    void shouldChargeTheThresholdForAStepRule() {
        // given a rule that jumps from 0 to 1 between values 1 and 2
        AllocationRule y = AllocationRule.of(ValueGrid.of(0, 1, 2), new double[] {0, 0, 1});

        // then q(2) = 2·1 − ∫ y = 2 − 0.5
        assertThat(y.payment(2)).isCloseTo(1.5, within(1e-15));
        assertThat(y.payment(1)).isZero();
        // off the grid: v y(v) − Y(v) with y(1.5) = 0.5, Y(1.5) = 0.125
        assertThat(y.payment(1.5)).isCloseTo(1.5 * 0.5 - 0.125, within(1e-15));
    }

    @Test
    void shouldSatisfyThePaymentIdentityOffTheGridForACurvedRule() {
        // given a cubic represented on the grid
        AllocationRule y = AllocationRule.sample(GRID, z -> Math.pow(z / 8, 3));

        // then q(v) = v y(v) − Y(v) at arbitrary values
        for (double v : new double[] {0.01, 1.234, 4.0, 6.6666, 7.99}) {
            assertThat(y.payment(v)).isCloseTo(v * y.at(v) - y.integral(v), within(1e-13));
        }
    }

    @Test
    void shouldRejectANegativeValueNamingIt() {
        AllocationRule y = AllocationRule.sample(GRID, z -> z / 8);

        assertThatThrownBy(() -> y.payment(-0.5)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-0.5");
        assertThatThrownBy(() -> y.integral(Double.NaN)).hasMessageContaining("NaN");
    }

    @Test
    void shouldRejectADecreasingRuleNamingThePoint() {
        assertThatThrownBy(() -> AllocationRule.of(ValueGrid.of(0, 1, 2), new double[] {0.1, 0.5, 0.4}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("0.4 at value 2.0 is below 0.5");
    }

    @Test
    void shouldRejectAProbabilityAboveOne() {
        assertThatThrownBy(() -> AllocationRule.of(ValueGrid.of(0, 1), new double[] {0.1, 1.2}))
                .hasMessageContaining("must be in [0, 1], was 1.2");
    }

    @Test
    void shouldFloorAtEtaAndThenBeMadeStrictlyIncreasingAboveTheFloor() {
        // given a rule below the floor at low values
        AllocationRule y = AllocationRule.sample(GRID, z -> z / 8);

        // when
        AllocationRule floored = y.floor(0.2);
        AllocationRule strict = floored.strictlyIncreasing(1e-6);

        // then
        assertThat(floored.isStrictlyIncreasing()).isFalse();
        assertThat(strict.isStrictlyIncreasing()).isTrue();
        for (int k = 0; k < GRID.size(); k++) {
            assertThat(strict.probability(k)).isGreaterThanOrEqualTo(0.2)
                    .isCloseTo(floored.probability(k), within(1e-6));
        }
    }

    @Test
    void shouldLeaveAStrictlyIncreasingRuleUntouched() {
        AllocationRule y = AllocationRule.sample(GRID, z -> 0.1 + z / 10);

        assertThat(y.strictlyIncreasing(1e-6)).isSameAs(y);
    }

    @Test
    void shouldMakeEvenACertainRuleStrictlyIncreasingByLoweringItsLowEndByEpsilon() {
        AllocationRule one = AllocationRule.sample(GRID, z -> 1.0);

        AllocationRule strict = one.withSlope(1e-6);

        assertThat(strict.isStrictlyIncreasing()).isTrue();
        assertThat(strict.probability(0)).isCloseTo(1 - 1e-6, within(1e-15));
        assertThat(strict.probability(64)).isEqualTo(1.0);
    }

    @Test
    void shouldMakeARuleFlatJustBelowOneStrictlyIncreasingWhenTheLineFromItsLowEndIsTooFlat() {
        // given y ≡ 1 − ε: the line from y(0) to 1 would rise by ε² over the whole grid, below MIN_STEP a step
        AllocationRule almostOne = AllocationRule.sample(GRID, z -> 1 - 1e-6);

        // when
        AllocationRule strict = almostOne.withSlope(1e-6);

        // then
        assertThat(strict.isStrictlyIncreasing()).isTrue();
        for (int k = 0; k < GRID.size(); k++) {
            assertThat(strict.probability(k)).isCloseTo(almostOne.probability(k), within(1e-6));
        }
    }

    @Test
    void shouldAverageRulesPointwise() {
        AllocationRule a = AllocationRule.sample(GRID, z -> z / 8);
        AllocationRule b = AllocationRule.sample(GRID, z -> 0.5);

        AllocationRule mean = AllocationRule.mean(List.of(a, b));

        assertThat(mean.at(4)).isCloseTo(0.5, within(1e-15));
        assertThat(mean.probability(0)).isCloseTo(0.25, within(1e-15));
    }

    @Test
    void shouldMixWithAConstant() {
        AllocationRule x = AllocationRule.sample(GRID, z -> z / 8);

        AllocationRule y = x.mixedWithConstant(0.25, 0.4);

        assertThat(y.probability(0)).isCloseTo(0.1, within(1e-15));
        assertThat(y.probability(64)).isCloseTo(0.75 + 0.1, within(1e-15));
    }
}
