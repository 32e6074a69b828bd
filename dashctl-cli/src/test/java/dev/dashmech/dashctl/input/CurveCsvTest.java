package dev.dashmech.dashctl.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dashmech.dashctl.BadInputException;
import java.util.List;
import org.junit.jupiter.api.Test;

class CurveCsvTest {

    private static CurveCsv parse(String text) {
        return CurveCsv.parse("y.csv", text.lines().toList(), "value");
    }

    @Test
    void shouldReadRowsAfterAnOptionalHeaderSkippingBlanksAndComments() {
        // when
        CurveCsv c = parse("""
                # a rule
                value,probability
                0,0

                1, 0.25
                2,0.5
                """);

        // then
        assertThat(c.xs()).containsExactly(0, 1, 2);
        assertThat(c.probabilities()).containsExactly(0, 0.25, 0.5);
    }

    @Test
    void shouldReadRowsWithoutAHeader() {
        assertThat(parse("0,0.1\n4,0.9\n").size()).isEqualTo(2);
    }

    @Test
    void shouldNameTheLineOfAProbabilityOutsideTheUnitInterval() {
        assertThatThrownBy(() -> parse("value,probability\n0,0\n1,1.2\n"))
                .isInstanceOf(BadInputException.class)
                .hasMessage("y.csv line 3: probability 1.2 is outside [0, 1]");
    }

    @Test
    void shouldRejectANonMonotoneRule() {
        assertThatThrownBy(() -> parse("0,0.5\n1,0.4\n"))
                .hasMessageContaining("y.csv line 2: probability 0.4 is below 0.5 on line 1")
                .hasMessageContaining("monotone");
    }

    @Test
    void shouldRejectValuesThatDoNotIncrease() {
        assertThatThrownBy(() -> parse("0,0.1\n2,0.2\n2,0.3\n"))
                .hasMessageContaining("y.csv line 3: value 2 is not above 2.0 on line 2");
    }

    @Test
    void shouldRejectANegativeValue() {
        assertThatThrownBy(() -> parse("-1,0.1\n2,0.2\n"))
                .hasMessageContaining("y.csv line 1: value -1 is negative");
    }

    @Test
    void shouldRejectAWordInPlaceOfANumber() {
        assertThatThrownBy(() -> parse("0,0.1\n2,high\n"))
                .hasMessage("y.csv line 2: probability 'high' is not a finite number");
    }

    @Test
    void shouldRejectARowWithThreeColumns() {
        assertThatThrownBy(() -> parse("0,0.1\n2,0.2,9\n"))
                .hasMessageContaining("y.csv line 2: expected 2 columns 'value,probability', found 3");
    }

    @Test
    void shouldNeedTwoRows() {
        assertThatThrownBy(() -> parse("value,probability\n0,0.1\n"))
                .hasMessageContaining("needs at least 2 rows");
    }

    @Test
    void shouldNameBidsInABidAllocationFile() {
        assertThatThrownBy(() -> CurveCsv.parse("x.csv", List.of("bid,probability", "1,0.1", "0.5,0.2"), "bid"))
                .hasMessageContaining("x.csv line 3: bid 0.5 is not above 1.0 on line 2");
    }
}
