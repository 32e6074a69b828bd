package dev.dashmech.mechanism.balance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.dashmech.mechanism.bidding.PaymentFormat;
import dev.dashmech.mechanism.rule.AllocationRule;
import dev.dashmech.mechanism.rule.ValueGrid;
import org.junit.jupiter.api.Test;

class OutstandingBalanceTest {

    private static final AllocationRule UNIFORM = AllocationRule.sample(ValueGrid.uniform(10), z -> z / 10);

    @Test
    void shouldAddTruthfulMinusPaid() {
        assertThat(OutstandingBalance.next(1.5, 3.0, 2.0)).isEqualTo(2.5);
        assertThat(OutstandingBalance.next(1.5, 0.0, 4.0)).isEqualTo(-2.5);
    }

    @Test
    void shouldTrackStagesAndTheLargestMagnitude() {
        OutstandingBalance b = OutstandingBalance.zero().settle(3, 0).settle(0, 5).settle(1, 0);

        assertThat(b.amount()).isEqualTo(-1.0);
        assertThat(b.stages()).isEqualTo(3);
        assertThat(b.maxAbsolute()).isEqualTo(3.0);
        assertThat(b.incentiveInconsistency()).isEqualTo(1.0);
    }

    @Test
    void shouldChargeTheAllPayTruthfulPaymentOfTheStageRule() {
        // Def. 11 with y(z) = z / 10: b(6) = q(6) = 36 / 20
        assertThat(TruthfulPayment.allPay(UNIFORM, 6)).isCloseTo(1.8, within(1e-14));
        assertThat(TruthfulPayment.of(PaymentFormat.ALL_PAY, UNIFORM, 6, false)).isCloseTo(1.8, within(1e-14));
    }

    @Test
    void shouldChargeTheWinnerPaysBidTruthfulBidOnlyOnAWin() {
        // Def. 12: b(6) x̌ with b(6) = 3
        assertThat(TruthfulPayment.winnerPaysBid(UNIFORM, 6, true)).isCloseTo(3.0, within(1e-14));
        assertThat(TruthfulPayment.winnerPaysBid(UNIFORM, 6, false)).isZero();
    }

    @Test
    void shouldSettleAnInstrumentedStageWithTheImplicitPayment() {
        // Def. 18: L + ř − w̌ b, with ř computed by the instrumentation
        double implicitPayment = -1.2;
        OutstandingBalance b = OutstandingBalance.zero().settle(implicitPayment,
                PaymentFormat.WINNER_PAYS_BID.paid(2.0, true));

        assertThat(b.amount()).isCloseTo(-3.2, within(1e-15));
    }

    @Test
    void shouldGiveThePapersBounds() {
        assertThat(BalanceBounds.allPay(10)).isEqualTo(10.0);
        assertThat(BalanceBounds.winnerPaysBid(10, 0.2)).isCloseTo(50.0, within(1e-12));
        assertThat(BalanceBounds.instrumented(8, 0.25, 0.2)).isCloseTo(160.0, within(1e-12));
        // Theorem 7: 8/0.2 + (8/0.25) sqrt(log(40) / 0.4)
        assertThat(BalanceBounds.highProbability(8, 0.25, 0.2, 0.05))
                .isCloseTo(40 + 32 * Math.sqrt(Math.log(40) / 0.4), within(1e-12));
        assertThat(BalanceBounds.staticValue(3.5)).isEqualTo(3.5);
        assertThat(BalanceBounds.incentiveInconsistency(50, 1000)).isCloseTo(0.05, within(1e-15));
        assertThat(BalanceBounds.incentiveInconsistency(50, 0)).isZero();
    }

    @Test
    void shouldRejectBadBoundParametersNamingThem() {
        assertThatThrownBy(() -> BalanceBounds.winnerPaysBid(10, 0)).hasMessageContaining("eta");
        assertThatThrownBy(() -> BalanceBounds.instrumented(-1, 0.1, 0.1)).hasMessageContaining("vmax");
        assertThatThrownBy(() -> BalanceBounds.highProbability(8, 0.25, 0.2, 1)).hasMessageContaining("delta");
    }

    @Test
    void shouldRejectANonFiniteBalance() {
        assertThatThrownBy(() -> OutstandingBalance.next(1, Double.NaN, 0)).hasMessageContaining("NaN");
        assertThatThrownBy(() -> new OutstandingBalance(2, 1, 1)).hasMessageContaining("at least |L|");
    }
}
