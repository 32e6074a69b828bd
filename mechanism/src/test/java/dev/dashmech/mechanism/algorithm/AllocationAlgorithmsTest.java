package dev.dashmech.mechanism.algorithm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AllocationAlgorithmsTest {

    @Test
    void shouldBuildEachAlgorithmByNameFromAScenarioStyleMap() {
        // given: numbers and lists as a YAML or JSON reader would hand them over
        Map<String, Object> softmax = Map.of("tau", 2, "reserve", 0.5, "qualities", List.of(1, 2.5));
        Map<String, Object> proportional = Map.of("reserve", "1.5");
        Map<String, Object> slots = Map.of("ctrs", "0.3/0.2/0.1", "tau", 1.0, "monteCarloSamples", 500,
                "monteCarloSeed", Long.MIN_VALUE + 1);

        // when / then
        assertThat(AllocationAlgorithms.of("softmax", softmax)).isEqualTo(Softmax.of(2, 0.5, 1, 2.5));
        assertThat(AllocationAlgorithms.of("Proportional", proportional)).isEqualTo(Proportional.of(1.5));
        assertThat(AllocationAlgorithms.of("slots", slots))
                .isEqualTo(Slots.of(new double[] {0.3, 0.2, 0.1}, 1, 0).withMonteCarlo(500, Long.MIN_VALUE + 1));
        assertThat(AllocationAlgorithms.names()).containsExactly("softmax", "proportional", "slots");
    }

    @Test
    void shouldReadBackTheSpecOfEveryAlgorithm() {
        // given
        List<AllocationAlgorithm> algorithms = List.of(Softmax.of(0.25, 3), Softmax.of(1, 0, 0.5, 1, 2),
                Proportional.of(0), Slots.of(new double[] {0.4, 0.1}, 3, 1),
                Slots.of(new double[] {0.5}, 1, 0).withExactWorkLimit(0).withMonteCarlo(77, -5));

        // when / then
        for (AllocationAlgorithm algorithm : algorithms) {
            assertThat(AllocationAlgorithms.parse(algorithm.toString())).isEqualTo(algorithm);
        }
    }

    @Test
    void shouldParseAOneLineSpec() {
        assertThat(AllocationAlgorithms.parse("slots:ctrs=0.3/0.2, tau=2"))
                .isEqualTo(Slots.of(new double[] {0.3, 0.2}, 2, 0));
        assertThat(AllocationAlgorithms.parse("softmax:tau=1")).isEqualTo(Softmax.of(1, 0));
    }

    @Test
    void shouldRejectAnUnknownNameListingTheKnownOnes() {
        assertThatThrownBy(() -> AllocationAlgorithms.of("vcg", Map.of())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'vcg'").hasMessageContaining("softmax, proportional, slots");
    }

    @Test
    void shouldRejectAnUnknownParameterRatherThanIgnoreIt() {
        assertThatThrownBy(() -> AllocationAlgorithms.parse("softmax:tau=1,reserv=2"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'reserv'")
                .hasMessageContaining("reserve");
    }

    @Test
    void shouldRejectAMissingRequiredParameter() {
        assertThatThrownBy(() -> AllocationAlgorithms.parse("slots:tau=1")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("missing required parameter 'ctrs'");
        assertThatThrownBy(() -> AllocationAlgorithms.parse("proportional"))
                .hasMessageContaining("missing required parameter 'reserve'");
    }

    @Test
    void shouldRejectMalformedValues() {
        assertThatThrownBy(() -> AllocationAlgorithms.parse("softmax:tau=hot"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'tau' must be a number")
                .hasMessageContaining("'hot'");
        assertThatThrownBy(() -> AllocationAlgorithms.parse("slots:ctrs=0.3,tau=1,monteCarloSamples=2.5"))
                .hasMessageContaining("must be an integer");
        assertThatThrownBy(() -> AllocationAlgorithms.parse("softmax:tau")).hasMessageContaining("key=value");
    }

    @Test
    void shouldPassOnTheAlgorithmsOwnValidation() {
        assertThatThrownBy(() -> AllocationAlgorithms.parse("slots:ctrs=0.1/0.2,tau=1"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("non-increasing");
    }
}
