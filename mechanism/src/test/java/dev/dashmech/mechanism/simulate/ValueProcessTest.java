package dev.dashmech.mechanism.simulate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ValueProcessTest {

    @Test
    void shouldKeepAStaticValue() {
        ValueProcess.ValuePath p = new ValueProcess.Static(3).path(10, new SplittableRandom(1));

        assertThat(new double[] {p.next(), p.next(), p.next()}).containsOnly(3);
    }

    @Test
    void shouldJumpAtTheNamedStage() {
        ValueProcess.ValuePath p = new ValueProcess.Jump(2, 7, 3).path(10, new SplittableRandom(1));

        assertThat(new double[] {p.next(), p.next(), p.next(), p.next()}).containsExactly(2, 2, 7, 7);
    }

    @Test
    void shouldStartTheRandomWalkAtItsStartAndStayInTheValueRange() {
        // given a walk whose steps are large against the range
        ValueProcess.ValuePath p = new ValueProcess.RandomWalk(1, 3).path(4, new SplittableRandom(42));

        // when / then
        assertThat(p.next()).isEqualTo(1);
        boolean moved = false;
        for (int s = 0; s < 10_000; s++) {
            double v = p.next();
            assertThat(v).isBetween(0.0, 4.0);
            moved |= v != 1;
        }
        assertThat(moved).isTrue();
    }

    @Test
    void shouldRepeatTheSameWalkForTheSameSeed() {
        ValueProcess walk = new ValueProcess.RandomWalk(5, 0.5);
        ValueProcess.ValuePath a = walk.path(10, new SplittableRandom(7));
        ValueProcess.ValuePath b = walk.path(10, new SplittableRandom(7));

        for (int s = 0; s < 100; s++) {
            assertThat(a.next()).isEqualTo(b.next());
        }
    }

    @Test
    void shouldReflectAtTheEndsOfTheRange() {
        assertThat(ValueProcess.RandomWalk.reflect(-0.5, 4)).isEqualTo(0.5);
        assertThat(ValueProcess.RandomWalk.reflect(4.5, 4)).isEqualTo(3.5);
        assertThat(ValueProcess.RandomWalk.reflect(-9, 4)).isEqualTo(0);
        assertThat(ValueProcess.RandomWalk.reflect(2, 4)).isEqualTo(2);
    }

    @Test
    void shouldRejectANegativeValue() {
        assertThatThrownBy(() -> new ValueProcess.Static(-1))
                .hasMessage("value: a value must be a finite number >= 0, was -1.0");
    }

    @Test
    void shouldRejectAJumpBeforeStageOne() {
        assertThatThrownBy(() -> new ValueProcess.Jump(1, 2, 0)).hasMessageContaining("atStage");
    }
}
