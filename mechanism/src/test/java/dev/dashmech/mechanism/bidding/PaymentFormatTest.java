package dev.dashmech.mechanism.bidding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PaymentFormatTest {

    @Test
    void shouldParseLabelsAndNamesIgnoringCase() {
        assertThat(PaymentFormat.parse("wpb")).isEqualTo(PaymentFormat.WINNER_PAYS_BID);
        assertThat(PaymentFormat.parse(" WINNER_PAYS_BID ")).isEqualTo(PaymentFormat.WINNER_PAYS_BID);
        assertThat(PaymentFormat.parse("winner-pays-bid")).isEqualTo(PaymentFormat.WINNER_PAYS_BID);
        assertThat(PaymentFormat.parse("all-pay")).isEqualTo(PaymentFormat.ALL_PAY);
        assertThat(PaymentFormat.parse("ALL_PAY")).isEqualTo(PaymentFormat.ALL_PAY);
    }

    @Test
    void shouldNameTheBadValueAndTheAcceptedOnes() {
        assertThatThrownBy(() -> PaymentFormat.parse("first-price"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'first-price'")
                .hasMessageContaining("wpb")
                .hasMessageContaining("all-pay");
        assertThatThrownBy(() -> PaymentFormat.parse(null)).hasMessageContaining("missing");
    }

    @Test
    void shouldChargeTheWinnerOnlyInWinnerPaysBid() {
        assertThat(PaymentFormat.WINNER_PAYS_BID.paid(2.5, true)).isEqualTo(2.5);
        assertThat(PaymentFormat.WINNER_PAYS_BID.paid(2.5, false)).isZero();
    }

    @Test
    void shouldChargeEveryBidderInAllPay() {
        assertThat(PaymentFormat.ALL_PAY.paid(2.5, true)).isEqualTo(2.5);
        assertThat(PaymentFormat.ALL_PAY.paid(2.5, false)).isEqualTo(2.5);
    }
}
