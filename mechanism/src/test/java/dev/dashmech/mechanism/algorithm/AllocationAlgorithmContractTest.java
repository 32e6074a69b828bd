package dev.dashmech.mechanism.algorithm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dashmech.mechanism.random.StageRandom;
import dev.dashmech.mechanism.rule.ValueGrid;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What {@link AllocationAlgorithm} promises its callers, checked for every built-in algorithm. */
class AllocationAlgorithmContractTest {

    private static final List<AllocationAlgorithm> ALGORITHMS = List.of(Softmax.of(1, 0.5), Proportional.of(1),
            Slots.of(new double[] {0.5, 0.2}, 1, 0),
            Slots.of(new double[] {0.5, 0.2}, 1, 0).withExactWorkLimit(0).withMonteCarlo(500, 1));

    @Test
    void shouldIgnoreTheAgentsOwnEntryWhenDrawingItsCurve() {
        // given
        ValueGrid grid = ValueGrid.uniform(4, 9);

        for (AllocationAlgorithm algorithm : ALGORITHMS) {
            // when
            double[] placeholder = algorithm.curve(1, new double[] {1, Double.NaN, 2}, grid).probabilities();
            double[] real = algorithm.curve(1, new double[] {1, 3, 2}, grid).probabilities();

            // then
            assertThat(placeholder).as("%s", algorithm).containsExactly(real);
        }
    }

    @Test
    void shouldOverwriteEveryEntryOfTheWinsArray() {
        // given: a wins array full of stale wins and a profile where nobody can win
        for (AllocationAlgorithm algorithm : ALGORITHMS) {
            boolean[] wins = {true, true, true};

            // when: values 0 against a reserve, or a 0-probability slot draw; repeat to hit "nobody wins"
            boolean sawNobody = false;
            for (int s = 0; s < 200 && !sawNobody; s++) {
                java.util.Arrays.fill(wins, true);
                algorithm.sample(new double[] {0, 0, 0}, StageRandom.of(1, s), wins);
                sawNobody = !wins[0] && !wins[1] && !wins[2];
            }

            // then
            assertThat(sawNobody).as("%s", algorithm).isTrue();
        }
    }

    @Test
    void shouldNotModifyTheValues() {
        for (AllocationAlgorithm algorithm : ALGORITHMS) {
            // given
            double[] values = {3, 1, 2};

            // when
            algorithm.sample(values, StageRandom.ofSeed(5), new boolean[3]);
            algorithm.allocation(values, new double[3]);
            algorithm.curve(0, values, ValueGrid.uniform(4, 5));

            // then
            assertThat(values).as("%s", algorithm).containsExactly(3, 1, 2);
        }
    }

    @Test
    void shouldRejectAnAgentIndexOutsideTheProfile() {
        for (AllocationAlgorithm algorithm : ALGORITHMS) {
            assertThatThrownBy(() -> algorithm.curve(3, new double[] {1, 2, 3}, ValueGrid.uniform(4)))
                    .as("%s", algorithm).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("agent index 3");
        }
    }

    @Test
    void shouldRejectAnEmptyProfile() {
        for (AllocationAlgorithm algorithm : ALGORITHMS) {
            assertThatThrownBy(() -> algorithm.allocation(new double[0], new double[0])).as("%s", algorithm)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one agent");
        }
    }
}
