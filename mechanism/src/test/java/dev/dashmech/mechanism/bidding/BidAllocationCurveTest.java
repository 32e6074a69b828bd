package dev.dashmech.mechanism.bidding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.withinPercentage;

import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

class BidAllocationCurveTest {

    /** Rows of {@code x̃} at bids 0, h, 2h, ..., top. */
    private static BidAllocationCurve tabulate(DoubleUnaryOperator xt, double h, double top) {
        int n = (int) Math.round(top / h) + 1;
        double[] b = new double[n];
        double[] p = new double[n];
        for (int j = 0; j < n; j++) {
            b[j] = j * h;
            p[j] = xt.applyAsDouble(b[j]);
        }
        return BidAllocationCurve.of(b, p);
    }

    @Test
    void shouldInferTheFootnoteThreeValueInWinnerPaysBid() {
        // given footnote 3: x̃(b) = b / (b + 2), tabulated every 0.1
        BidAllocationCurve curve = tabulate(b -> b / (b + 2), 0.1, 4);

        // when / then: b = 1 gives v = b + x̃/x̃' = 1 + (1/3)/(2/9) = 2.5
        assertThat(curve.inferValue(1.0, PaymentFormat.WINNER_PAYS_BID)).isCloseTo(2.5, within(1e-4));
    }

    @Test
    void shouldInferTheAllPayAnalogue() {
        // given the same curve read as all-pay: v = 1 / x̃'(1) = 9/2
        BidAllocationCurve curve = tabulate(b -> b / (b + 2), 0.1, 4);

        assertThat(curve.inferValue(1.0, PaymentFormat.ALL_PAY)).isCloseTo(4.5, within(5e-4));
    }

    @Test
    void shouldInferBetweenRowsAndAtTheEdgesOfTheTable() {
        BidAllocationCurve curve = tabulate(b -> b / (b + 2), 0.1, 4);

        // v = 2b + b²/2 for this curve (footnote 3 with b_2 = 2); the window is one-sided at the ends
        for (double b : new double[] {0.05, 0.73, 2.0, 3.97, 4.0}) {
            assertThat(curve.inferValue(b, PaymentFormat.WINNER_PAYS_BID)).as("bid %s", b)
                    .isCloseTo(2 * b + b * b / 2, withinPercentage(0.05));
        }
    }

    @Test
    void shouldBeExactForACubicCurve() {
        // the local cubic fit reproduces x̃(b) = 0.1 + 0.2 b − 0.02 b² + 0.001 b³
        BidAllocationCurve curve = tabulate(b -> 0.1 + 0.2 * b - 0.02 * b * b + 0.001 * b * b * b, 0.5, 5);
        double slope = 0.2 - 0.04 * 2.3 + 0.003 * 2.3 * 2.3;

        assertThat(curve.slope(2.3)).isCloseTo(slope, within(1e-12));
        assertThat(curve.inferValue(2.3, PaymentFormat.ALL_PAY)).isCloseTo(1 / slope, within(1e-9));
    }

    @Test
    void shouldSmoothNoisyRowsWithAWiderWindow() {
        // given x̃(b) = b/(b+2) with alternating ±0.001 measurement noise every 0.05 (still monotone)
        int n = 81;
        double[] b = new double[n];
        double[] p = new double[n];
        for (int j = 0; j < n; j++) {
            b[j] = j * 0.05;
            p[j] = b[j] / (b[j] + 2) + (j % 2 == 0 ? 0.001 : -0.001);
        }
        BidAllocationCurve narrow = BidAllocationCurve.of(b, p).withWindow(4);
        BidAllocationCurve wide = BidAllocationCurve.of(b, p).withWindow(21);

        double errNarrow = Math.abs(narrow.inferValue(1.0, PaymentFormat.WINNER_PAYS_BID) - 2.5);
        double errWide = Math.abs(wide.inferValue(1.0, PaymentFormat.WINNER_PAYS_BID) - 2.5);

        assertThat(errWide).isLessThan(errNarrow).isLessThan(0.05);
    }

    @Test
    void shouldRejectANonMonotoneCurveNamingTheRow() {
        assertThatThrownBy(() -> BidAllocationCurve.of(new double[] {0, 1, 2, 3}, new double[] {0.1, 0.4, 0.3, 0.5}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("row 2")
                .hasMessageContaining("0.3")
                .hasMessageContaining("non-decreasing");
    }

    @Test
    void shouldRejectAProbabilityOutsideTheUnitIntervalNamingTheRow() {
        assertThatThrownBy(() -> BidAllocationCurve.of(new double[] {0, 1, 2}, new double[] {0.1, 0.4, 1.3}))
                .hasMessageContaining("row 2").hasMessageContaining("1.3").hasMessageContaining("outside [0, 1]");
    }

    @Test
    void shouldRejectUnsortedBidsNamingTheRow() {
        assertThatThrownBy(() -> BidAllocationCurve.of(new double[] {0, 2, 1}, new double[] {0.1, 0.2, 0.3}))
                .hasMessageContaining("row 2").hasMessageContaining("sort");
    }

    @Test
    void shouldRejectABidOutsideTheTable() {
        BidAllocationCurve curve = tabulate(b -> b / (b + 2), 0.1, 4);

        assertThatThrownBy(() -> curve.inferValue(4.5, PaymentFormat.WINNER_PAYS_BID))
                .hasMessageContaining("4.5").hasMessageContaining("outside");
    }

    @Test
    void shouldRefuseToInferWhereTheCurveIsFlat() {
        BidAllocationCurve flat = BidAllocationCurve.of(new double[] {0, 1, 2, 3, 4},
                new double[] {0.5, 0.5, 0.5, 0.5, 0.5});

        assertThatThrownBy(() -> flat.inferValue(2, PaymentFormat.ALL_PAY))
                .hasMessageContaining("not increasing at bid 2.0");
    }
}
