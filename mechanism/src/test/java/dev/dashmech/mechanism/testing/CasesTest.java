package dev.dashmech.mechanism.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CasesTest {

    @BeforeEach
    void runOnlyWithTheBuildsOwnTriesAndSeeds() {
        // -Ddashmech.cases.tries, .base or .seed (a wider search, a replay) change what these tests count
        for (String overridden : new String[] {"tries", "base", "seed"}) {
            assumeTrue(System.getProperty("dashmech.cases." + overridden) == null, overridden + " overridden");
        }
    }

    @Test
    void shouldRunThePropertyOnAsManyCasesAsTries() {
        // given
        List<Long> seen = new ArrayList<>();

        // when
        Cases.check(37, Draw::nextLong, seen::add);

        // then
        assertThat(seen).hasSize(37).doesNotHaveDuplicates();
    }

    @Test
    void shouldRunTheDefaultNumberOfTries() {
        List<Long> seen = new ArrayList<>();

        Cases.check(Draw::nextLong, seen::add);

        assertThat(seen).hasSize(Cases.DEFAULT_TRIES);
    }

    @Test
    void shouldDrawTheSameCasesOnEveryRun() {
        // given
        List<Long> first = new ArrayList<>();
        List<Long> second = new ArrayList<>();

        // when: the same calling method, so the same stream of seeds
        for (List<Long> run : List.of(first, second)) {
            Cases.check(20, Draw::nextLong, run::add);
        }

        // then
        assertThat(second).isEqualTo(first);
    }

    @Test
    void shouldNameTheTryTheSeedAndTheCaseWhenThePropertyFails() {
        assertThatThrownBy(() -> Cases.check(50, d -> d.between(0, 100), v -> assertThat(v).isLessThan(90)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("CasesTest#")
                .hasMessageMatching("(?s).*failed on try \\d+ of 50, case seed 0x[0-9a-f]{16} "
                        + "\\(replay it with -Ddashmech.cases.seed=0x[0-9a-f]{16}\\).*")
                .hasMessageMatching("(?s).*case: (9\\d|100)\\n.*")
                .cause().isInstanceOf(AssertionError.class);
    }

    @Test
    void shouldReportAnExceptionOfTheCodeUnderTestAsAFailureOfTheCase() {
        assertThatThrownBy(() -> Cases.check(5, d -> "the case", c -> {
            throw new IllegalArgumentException("bad input");
        })).isInstanceOf(AssertionError.class)
                .hasMessageContaining("failed on try 1 of 5")
                .hasMessageContaining("case: the case")
                .hasMessageContaining("bad input");
    }

    @Test
    void shouldMixEdgeValuesIntoBoundedDraws() {
        // given
        List<Double> draws = new ArrayList<>();

        // when
        Cases.check(400, d -> d.between(0.0, 10.0), draws::add);

        // then: the ends come up, and so do values strictly inside
        assertThat(draws).contains(0.0, 10.0).anyMatch(v -> v > 0 && v < 10).allMatch(v -> v >= 0 && v <= 10);
    }

    @Test
    void shouldRejectAPropertyWithoutTries() {
        assertThatThrownBy(() -> Cases.check(0, Draw::nextLong, v -> { }))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 1 try, was 0");
    }
}
