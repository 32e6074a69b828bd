package dev.dashmech.mechanism.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class CenteredIsotonicRegressionTest {

    @Test
    void shouldPoolTwoViolatorsIntoOneKnotAtTheirCentre() {
        CenteredIsotonicRegression f = CenteredIsotonicRegression.fit(new double[] {1, 2}, new double[] {0.5, 0.2},
                new double[] {1, 1});

        assertThat(f.blocks()).isEqualTo(1);
        assertThat(f.knots()[0]).isCloseTo(1.5, within(1e-15));
        assertThat(f.levels()[0]).isCloseTo(0.35, within(1e-15));
    }

    @Test
    void shouldPoolByWeight() {
        CenteredIsotonicRegression f = CenteredIsotonicRegression.fit(new double[] {1, 2}, new double[] {0.5, 0.2},
                new double[] {3, 1});

        assertThat(f.knots()[0]).isCloseTo(1.25, within(1e-15));
        assertThat(f.levels()[0]).isCloseTo((1.5 + 0.2) / 4, within(1e-15));
    }

    @Test
    void shouldPoolADecreasingRunIntoOneBlock() {
        CenteredIsotonicRegression f = CenteredIsotonicRegression.fit(new double[] {1, 2, 3},
                new double[] {0.9, 0.5, 0.1}, new double[] {1, 1, 1});

        assertThat(f.blocks()).isEqualTo(1);
        assertThat(f.levels()[0]).isCloseTo(0.5, within(1e-15));
        assertThat(f.knots()[0]).isCloseTo(2.0, within(1e-15));
    }

    @Test
    void shouldPoolOnlyTheViolatingPairBetweenIncreasingNeighbours() {
        CenteredIsotonicRegression f = CenteredIsotonicRegression.fit(new double[] {1, 2, 3, 4},
                new double[] {0.1, 0.6, 0.4, 0.8}, new double[] {1, 1, 1, 1});

        assertThat(f.knots()).containsExactly(1.0, 2.5, 4.0);
        assertThat(f.levels()).containsExactly(new double[] {0.1, 0.5, 0.8}, within(1e-15));
    }

    @Test
    void shouldPoolTiesSoThatKnotLevelsStrictlyIncrease() {
        CenteredIsotonicRegression f = CenteredIsotonicRegression.fit(new double[] {1, 2, 3},
                new double[] {0.3, 0.3, 0.6}, new double[] {1, 1, 1});

        assertThat(f.knots()).containsExactly(1.5, 3.0);
        assertThat(f.levels()).containsExactly(new double[] {0.3, 0.6}, within(1e-15));
    }

    @Test
    void shouldPoolTiesOfUnequalWeightWhoseCrossProductsDifferByRounding() {
        // given equal levels: 0.3 · 11.928 · 11.33 and 0.3 · 11.33 · 11.928 differ in the last bit
        double[] x = {0.5, 1.5, 2.5};
        double[] y = {0.3, 0.3, 0.3};
        double[] w = {11.928, 11.33, 23.25};

        // when
        CenteredIsotonicRegression f = CenteredIsotonicRegression.fit(x, y, w);

        // then one block, not two at the same level
        assertThat(f.blocks()).isEqualTo(1);
        assertThat(f.levels()).containsExactly(new double[] {0.3}, within(1e-15));
    }

    @Test
    void shouldReproduceDataThatIsAlreadyIncreasing() {
        double[] x = {0.5, 1.5, 2.5, 3.5};
        double[] y = {0.1, 0.2, 0.5, 0.9};
        CenteredIsotonicRegression f = CenteredIsotonicRegression.fit(x, y, new double[] {2, 1, 5, 3});

        assertThat(f.knots()).containsExactly(x);
        assertThat(f.levels()).containsExactly(y);
        assertThat(f.at(2.0)).isCloseTo(0.35, within(1e-15)); // linear between knots, not a step
    }

    @Test
    void shouldBeFlatBeyondTheEndKnots() {
        CenteredIsotonicRegression f = CenteredIsotonicRegression.fit(new double[] {1, 2}, new double[] {0.2, 0.7},
                new double[] {1, 1});

        assertThat(f.at(0)).isEqualTo(0.2);
        assertThat(f.at(50)).isEqualTo(0.7);
    }

    @Test
    void shouldIgnorePointsOfWeightZero() {
        CenteredIsotonicRegression f = CenteredIsotonicRegression.fit(new double[] {1, 2, 3},
                new double[] {0.2, 0.0, 0.7}, new double[] {1, 0, 1});

        assertThat(f.knots()).containsExactly(1.0, 3.0);
    }

    @Test
    void shouldRejectBadInputNamingThePoint() {
        assertThatThrownBy(() -> CenteredIsotonicRegression.fit(new double[] {2, 1}, new double[] {0, 1},
                new double[] {1, 1})).hasMessageContaining("point 1");
        assertThatThrownBy(() -> CenteredIsotonicRegression.fit(new double[] {1, 2}, new double[] {0, 1},
                new double[] {1, -1})).hasMessageContaining("point 1").hasMessageContaining("-1.0");
        assertThatThrownBy(() -> CenteredIsotonicRegression.fit(new double[] {1}, new double[] {0},
                new double[] {0})).hasMessageContaining("positive weight");
    }
}
