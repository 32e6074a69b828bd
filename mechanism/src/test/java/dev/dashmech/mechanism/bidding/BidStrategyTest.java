package dev.dashmech.mechanism.bidding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.dashmech.mechanism.rule.AllocationRule;
import dev.dashmech.mechanism.rule.ValueGrid;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BidStrategyTest {

    private static final ValueGrid GRID = ValueGrid.uniform(8);

    @Test
    void shouldBidHalfTheValueAgainstAUniformCompetitorInWinnerPaysBid() {
        // given y(z) = z / 8
        BidStrategy c = BidStrategy.of(AllocationRule.sample(GRID, z -> z / 8), PaymentFormat.WINNER_PAYS_BID);

        // then eq. 3: c(v) = v − (v²/16)/(v/8) = v/2, exactly, on and off the grid
        assertThat(c.bid(0)).isZero();
        assertThat(c.bid(3.3)).isCloseTo(1.65, within(1e-14));
        assertThat(c.bidAt(64)).isCloseTo(4, within(1e-14));
    }

    @Test
    void shouldBidTheTruthfulPaymentInAllPay() {
        BidStrategy c = BidStrategy.of(AllocationRule.sample(GRID, z -> z / 8), PaymentFormat.ALL_PAY);

        assertThat(c.bid(3.3)).isCloseTo(3.3 * 3.3 / 16, within(1e-14));
    }

    @ParameterizedTest(name = "gamma {0}, scale {1}")
    @CsvSource({"0.25, 1.0", "0.5, 0.3", "0.6, 1.0", "0.75, 0.05", "0.9, 0.7"})
    void shouldBidGammaTimesTheValueForTheLinearBidRule(double gamma, double scale) {
        // given Lemma 5's rule y(z) = α z^(γ/(1−γ)), any scale α by Fact 1, on a 65-point grid
        double e = gamma / (1 - gamma);
        AllocationRule y = AllocationRule.sample(GRID, z -> scale * Math.pow(z / 8, e));

        // when
        BidStrategy c = BidStrategy.of(y, PaymentFormat.WINNER_PAYS_BID);

        // then c(z) = γz to grid tolerance. The rule is represented by its chords; the first chord from
        // y(0) = 0 bids z_1 / 2, so the error is at most |γ − ½| h, and far smaller away from 0
        double h = GRID.point(1);
        for (int k = 1; k < GRID.size(); k++) {
            double tolerance = k < 8 ? Math.abs(gamma - 0.5) * h + 1e-12 : 0.2 * h;
            assertThat(c.bidAt(k)).as("bid at %s", GRID.point(k))
                    .isCloseTo(gamma * GRID.point(k), within(tolerance));
        }
        assertThat(c.bid(8)).isCloseTo(gamma * 8, within(0.01));
    }

    @Test
    void shouldNotDependOnTheScaleOfTheRuleInWinnerPaysBid() {
        // Fact 1
        AllocationRule y = AllocationRule.sample(GRID, z -> 0.8 * Math.pow(z / 8, 2.5));
        AllocationRule scaled = AllocationRule.sample(GRID, z -> 0.1 * Math.pow(z / 8, 2.5));

        BidStrategy c = BidStrategy.of(y, PaymentFormat.WINNER_PAYS_BID);
        BidStrategy cs = BidStrategy.of(scaled, PaymentFormat.WINNER_PAYS_BID);

        for (double v : new double[] {0.3, 2.2, 5.55, 8}) {
            assertThat(cs.bid(v)).isCloseTo(c.bid(v), within(1e-12));
        }
    }

    @Test
    void shouldBidZeroWhereTheRuleIsZeroAndInvertToTheThreshold() {
        // given a rule that is 0 up to value 2 and then rises linearly
        AllocationRule y = AllocationRule.sample(GRID, z -> Math.max(0, (z - 2) / 6));
        BidStrategy c = BidStrategy.of(y, PaymentFormat.WINNER_PAYS_BID);

        // then types that never win bid 0; above the threshold the bid is (z + 2) / 2
        assertThat(c.bid(1.5)).isZero();
        assertThat(c.bid(5)).isCloseTo(3.5, within(1e-14));
        // and a small positive bid is inverted to the least value that bids at least as much
        assertThat(c.valueOf(1.0)).isCloseTo(2.0, within(1e-12));
        assertThat(c.valueOf(3.5)).isCloseTo(5.0, within(1e-12));
    }

    @Test
    void shouldInvertExactlyOffTheGrid() {
        AllocationRule y = AllocationRule.sample(GRID, z -> 0.05 + 0.9 * Math.pow(z / 8, 3));
        for (PaymentFormat f : PaymentFormat.values()) {
            BidStrategy c = BidStrategy.of(y, f);
            for (double v : new double[] {0.01, 1.2345, 4.0, 6.789, 7.999}) {
                assertThat(c.valueOf(c.bid(v))).as("%s at %s", f, v).isCloseTo(v, within(1e-9));
            }
        }
    }

    @Test
    void shouldImplementTheRuleThroughTheBidAllocationRule() {
        // eq. 4: ỹ(c(v)) = y(v)
        AllocationRule y = AllocationRule.sample(GRID, z -> 0.1 + 0.8 / (1 + Math.exp(-(z - 4))));
        BidAllocationRule yt = BidStrategy.of(y, PaymentFormat.WINNER_PAYS_BID).bidAllocationRule();

        for (double v : new double[] {0.5, 3.21, 7.7}) {
            assertThat(yt.probability(yt.strategy().bid(v))).isCloseTo(y.at(v), within(1e-12));
        }
    }

    @Test
    void shouldShiftAllPayBidsByTheTransfer() {
        AllocationRule y = AllocationRule.sample(GRID, z -> z / 8);

        BidStrategy shifted = BidStrategy.of(y, PaymentFormat.ALL_PAY, 0.75);

        assertThat(shifted.bid(4)).isCloseTo(1 + 0.75, within(1e-14));
        assertThat(shifted.isStrictlyIncreasing()).isTrue();
    }

    @Test
    void shouldNotBeInvertibleInWinnerPaysBidWithAPositiveTransfer() {
        // Lemma 1: q0 > 0 makes the winner-pays-bid strategy non-monotone
        AllocationRule y = AllocationRule.sample(GRID, z -> 0.2 + 0.8 * z / 8);
        BidStrategy c = BidStrategy.of(y, PaymentFormat.WINNER_PAYS_BID, 0.5);

        assertThat(c.isStrictlyIncreasing()).isFalse();
        assertThat(c.bid(0)).isCloseTo(2.5, within(1e-14)); // q0 / y(0)
        assertThatThrownBy(c::table).isInstanceOf(IllegalStateException.class).hasMessageContaining("Lemma 1");
        assertThatThrownBy(() -> c.valueOf(1)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void shouldRejectATransferWhenTheRuleIsZeroAtZeroInWinnerPaysBid() {
        AllocationRule y = AllocationRule.sample(GRID, z -> z / 8);

        assertThatThrownBy(() -> BidStrategy.of(y, PaymentFormat.WINNER_PAYS_BID, -0.5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("y(0) > 0")
                .hasMessageContaining("floor");
    }

    @Test
    void shouldRefuseToPublishAFlatStrategy() {
        AllocationRule y = AllocationRule.sample(GRID, z -> Math.min(1, z / 4));

        assertThatThrownBy(() -> BidStrategy.of(y, PaymentFormat.WINNER_PAYS_BID).table())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not strictly increasing")
                .hasMessageContaining("strictlyIncreasing");
    }

    @Test
    void shouldComputeTheTruthfulBidWithoutAStrategyObject() {
        AllocationRule y = AllocationRule.sample(GRID, z -> 0.05 + 0.9 * Math.pow(z / 8, 2));
        for (PaymentFormat f : PaymentFormat.values()) {
            assertThat(BidStrategy.bid(y, f, 5.43)).isEqualTo(BidStrategy.of(y, f).bid(5.43));
        }
    }
}
