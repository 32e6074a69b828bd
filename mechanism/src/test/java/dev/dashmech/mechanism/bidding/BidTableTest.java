package dev.dashmech.mechanism.bidding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class BidTableTest {

    // values 0, 2, 4; bids 0, 1, 3; probabilities 0.1, 0.5, 0.9
    private static final BidTable TABLE = BidTable.of(new double[] {0, 2, 4}, new double[] {0, 1, 3},
            new double[] {0.1, 0.5, 0.9});

    @Test
    void shouldInferValuesByLinearInterpolationBetweenRows() {
        assertThat(TABLE.inferValue(0.5)).isCloseTo(1.0, within(1e-15));
        assertThat(TABLE.inferValue(1.0)).isEqualTo(2.0);
        assertThat(TABLE.inferValue(2.0)).isCloseTo(3.0, within(1e-15));
        assertThat(TABLE.clampOf(2.0)).isEqualTo(Clamp.NONE);
        assertThat(TABLE.isClamped(3.0)).isFalse();
    }

    @Test
    void shouldClampBidsAboveTheTopBidToVmaxAndSaySo() {
        assertThat(TABLE.inferValue(7.5)).isEqualTo(4.0);
        assertThat(TABLE.clampOf(7.5)).isEqualTo(Clamp.ABOVE_HIGHEST_BID);
        assertThat(TABLE.isClamped(7.5)).isTrue();
    }

    @Test
    void shouldClampAcceptableBidsBelowTheLowestBidToValueZero() {
        // given a table whose lowest bid is positive (all-pay rebalancing of a positive balance)
        BidTable shifted = BidTable.of(new double[] {0, 1}, new double[] {0.5, 1.5}, new double[] {0.2, 0.8});

        assertThat(shifted.inferValue(0.2)).isZero();
        assertThat(shifted.clampOf(0.2)).isEqualTo(Clamp.BELOW_LOWEST_BID);
        assertThat(shifted.isClamped(0.2)).isTrue();
    }

    @Test
    void shouldAcceptNegativeBidsOnlyWhereTheTableHasThem() {
        // given a table paying back a negative balance (all-pay reference rebalancing, L < 0)
        BidTable payback = BidTable.of(new double[] {0, 1}, new double[] {-0.5, 0.5}, new double[] {0.2, 0.8});

        assertThat(payback.inferValue(-0.25)).isCloseTo(0.25, within(1e-15));
        assertThatThrownBy(() -> payback.inferValue(-0.75)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-0.75").hasMessageContaining("lowest bid -0.5");
    }

    @Test
    void shouldRejectNegativeNanAndInfiniteBidsNamingThem() {
        assertThatThrownBy(() -> TABLE.inferValue(-0.1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-0.1");
        assertThatThrownBy(() -> TABLE.inferValue(Double.NaN)).hasMessageContaining("NaN");
        assertThatThrownBy(() -> TABLE.inferValue(Double.POSITIVE_INFINITY)).hasMessageContaining("Infinity");
        assertThatThrownBy(() -> TABLE.clampOf(Double.NaN)).hasMessageContaining("NaN");
        assertThat(TABLE.isClamped(Double.NaN)).isFalse();
    }

    @Test
    void shouldBeTheExactInverseOfTheBidOfAFollowingAgent() {
        for (double v : new double[] {0, 0.3, 1.99, 2, 3.7, 4}) {
            assertThat(TABLE.inferValue(TABLE.bidFor(v))).isCloseTo(v, within(1e-14));
        }
    }

    @Test
    void shouldForecastWinProbabilitiesOfBidsAndValues() {
        assertThat(TABLE.winProbabilityForBid(2.0)).isCloseTo(0.7, within(1e-15));
        assertThat(TABLE.winProbabilityForBid(10)).isEqualTo(0.9);
        assertThat(TABLE.winProbabilityAt(1.0)).isCloseTo(0.3, within(1e-15));
    }

    @Test
    void shouldRejectATableWhoseBidsDoNotIncreaseNamingTheRow() {
        assertThatThrownBy(() -> BidTable.of(new double[] {0, 1, 2}, new double[] {0, 1, 1},
                new double[] {0, 0.5, 1}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("row 2")
                .hasMessageContaining("strictly increase");
    }

    @Test
    void shouldRejectATableWithABadProbabilityNamingTheRow() {
        assertThatThrownBy(() -> BidTable.of(new double[] {0, 1}, new double[] {0, 1}, new double[] {0, 1.5}))
                .hasMessageContaining("row 1").hasMessageContaining("1.5");
    }

    @Test
    void shouldRejectATableThatDoesNotStartAtValueZero() {
        assertThatThrownBy(() -> BidTable.of(new double[] {1, 2}, new double[] {0, 1}, new double[] {0, 1}))
                .hasMessageContaining("starts at value 0");
    }

    @Test
    void shouldCopyItsColumns() {
        double[] values = {0, 1};
        BidTable t = BidTable.of(values, new double[] {0, 1}, new double[] {0, 1});

        values[1] = 99;
        t.values()[0] = 42;

        assertThat(t.values()).containsExactly(0, 1);
    }
}
