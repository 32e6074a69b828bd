package dev.dashmech.mechanism.rebalance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.dashmech.mechanism.bidding.BidStrategy;
import dev.dashmech.mechanism.bidding.BidTable;
import dev.dashmech.mechanism.bidding.PaymentFormat;
import dev.dashmech.mechanism.rule.AllocationRule;
import dev.dashmech.mechanism.rule.ValueGrid;
import org.junit.jupiter.api.Test;

class RebalancingTest {

    private static final ValueGrid GRID = ValueGrid.uniform(8);
    private static final PaymentFormat WPB = PaymentFormat.WINNER_PAYS_BID;
    /** Linear, at least 0.25 and strictly increasing: floor and slope leave it as it is. */
    private static final AllocationRule LINEAR = AllocationRule.sample(GRID, z -> 0.25 + 0.75 * z / 8);

    @Test
    void shouldStayInvertibleWhenTheThresholdFallsAHairBelowAGridPointOfAFlatRule() {
        // given a flat rule, where c† is nearly flat above v†, and a balance that puts v† within 1e-5 of a grid point
        AllocationRule flat = AllocationRule.sample(ValueGrid.uniform(10), z -> 0.5);

        // when
        RebalancedStrategy s = Rebalancing.individuallyRational(0.5).apply(flat, WPB, 2.029217, 10);

        // then the table is still strictly increasing and inverts its own bids
        BidTable t = s.table();
        for (int k = 1; k < t.size(); k++) {
            assertThat(t.bid(k)).as("row %d", k).isGreaterThan(t.bid(k - 1));
        }
        assertThat(t.inferValue(t.bidFor(6.0))).isCloseTo(6.0, within(1e-9));
    }

    @Test
    void shouldShiftAllPayBidsByTheResolvedBalance() {
        // Def. 9 / eq. 6 (all-pay): c† = c + Lη
        RebalancedStrategy s = Rebalancing.reference(0.5).apply(LINEAR, PaymentFormat.ALL_PAY, 3, 8);
        BidStrategy c = BidStrategy.of(LINEAR, PaymentFormat.ALL_PAY);

        for (int k = 0; k < GRID.size(); k += 8) {
            assertThat(s.table().bid(k)).isCloseTo(c.bidAt(k) + 1.5, within(1e-12));
        }
        assertThat(s.shift()).isEqualTo(1.5);
        assertThat(s.table().inferValue(s.table().bidFor(5.3))).isCloseTo(5.3, within(1e-12));
    }

    @Test
    void shouldPayBackANegativeBalanceWithNegativeAllPayBidsAtLowValues() {
        RebalancedStrategy s = Rebalancing.reference(1).apply(LINEAR, PaymentFormat.ALL_PAY, -2, 8);

        assertThat(s.table().lowestBid()).isCloseTo(-2, within(1e-15));
        assertThat(s.table().inferValue(-1.0)).isPositive();
    }

    @Test
    void shouldAddTheBalanceOverTheProbabilityInWinnerPaysBidReferenceRebalancing() {
        // Def. 9 / eq. 6 (winner-pays-bid): c† = c + Lη / y, invertible for L < 0 (Lemma 1, q0 < 0)
        RebalancedStrategy s = Rebalancing.reference(0.2).apply(LINEAR, WPB, -5, 8);
        BidStrategy c = BidStrategy.of(LINEAR, WPB);

        assertThat(s.isInvertible()).isTrue();
        assertThat(s.bid(4)).isCloseTo(c.bid(4) - 1.0 / LINEAR.at(4), within(1e-12));
        assertThat(s.table().bid(32)).isCloseTo(c.bidAt(32) - 1.0 / LINEAR.probability(32), within(1e-12));
    }

    @Test
    void shouldNotPublishWinnerPaysBidReferenceRebalancingOfAPositiveBalance() {
        // Lemma 1: q0 > 0 is not monotone; the strategy still serves analysis
        RebalancedStrategy s = Rebalancing.reference(0.2).apply(LINEAR, WPB, 5, 8);

        assertThat(s.isInvertible()).isFalse();
        assertThat(s.bid(0)).isCloseTo(1.0 / 0.25, within(1e-12));
        assertThatThrownBy(s::table).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("individually rational");
    }

    @Test
    void shouldSolveTheThresholdInClosedFormForAPositiveBalance() {
        // given y(z) = 0.25 + 0.75 z / 8, L = 4, η = 0.25, γ = 0.999: Δ(v) = Y(v) − (1−γ) v y(v) = Lη = 1 is
        // the quadratic (0.75/16 − 0.00075/8) v² + (0.25 − 0.00025) v − 1 = 0
        double a = 0.75 / 16 - 0.001 * 0.75 / 8;
        double b = 0.25 - 0.001 * 0.25;
        double expected = (-b + Math.sqrt(b * b + 4 * a)) / (2 * a);

        // when
        RebalancedStrategy s = Rebalancing.individuallyRational(0.25).apply(LINEAR, WPB, 4, 8);

        // then
        assertThat(s.vDagger()).hasValueCloseTo(expected, within(1e-12));
        assertThat(s.shift()).isCloseTo(1.0, within(1e-12));
        assertThat(s.gamma()).hasValue(0.999);
    }

    @Test
    void shouldBidGammaTimesTheValueBelowTheThresholdAndBeContinuousAtIt() {
        RebalancedStrategy s = Rebalancing.individuallyRational(0.25).apply(LINEAR, WPB, 4, 8);
        double vd = s.vDagger().orElseThrow();
        BidStrategy c = BidStrategy.of(LINEAR, WPB);

        // Def. 14: c† = γz on [0, v†], c + Δ/y above; continuous at v† (eq. 6 meets Lemma 5)
        assertThat(s.bid(1.7)).isCloseTo(0.999 * 1.7, within(1e-15));
        assertThat(c.bid(vd) + s.shift() / LINEAR.at(vd)).isCloseTo(0.999 * vd, within(1e-12));
        assertThat(s.bid(6.1)).isCloseTo(c.bid(6.1) + 1.0 / LINEAR.at(6.1), within(1e-12));
    }

    @Test
    void shouldPublishTheThresholdAsARowOfTheTable() {
        RebalancedStrategy s = Rebalancing.individuallyRational(0.25).apply(LINEAR, WPB, 4, 8);
        BidTable t = s.table();
        double vd = s.vDagger().orElseThrow();

        assertThat(t.size()).isEqualTo(GRID.size() + 1);
        assertThat(t.values()).contains(vd);
        assertThat(t.inferValue(0.999 * vd)).isCloseTo(vd, within(1e-12));
        // the rows below v† carry the closed-form y†, which underflows to 0 far below v†, never NaN
        for (int k = 0; k < t.size(); k++) {
            assertThat(t.winProbability(k)).isBetween(0.0, 1.0);
        }
        assertThat(t.winProbabilityAt(vd)).isCloseTo(LINEAR.at(vd), within(1e-12));
    }

    @Test
    void shouldPublishInvertibleIndividuallyRationalBidsForARuleFlatJustBelowOne() {
        // given a dashboard rule y ≡ 1 − 10⁻⁶ (the slope mix ε): its slope must still separate the bids
        AllocationRule almostOne = AllocationRule.sample(ValueGrid.uniform(10), z -> 1 - 1e-6);

        // when (building the table checks that bids strictly increase)
        BidTable table = Rebalancing.individuallyRational(0.02).apply(almostOne, PaymentFormat.WINNER_PAYS_BID, 60,
                10).table();

        // then
        assertThat(table.inferValue(table.bidFor(5))).isCloseTo(5, within(1e-6));
    }

    @Test
    void shouldLetLowTypesBidAlmostNothingForANegativeBalance() {
        RebalancedStrategy s = Rebalancing.individuallyRational(0.25).apply(LINEAR, WPB, -4, 8);
        double vd = s.vDagger().orElseThrow();

        assertThat(s.gamma()).hasValue(0.001);
        assertThat(s.shift()).isCloseTo(-1.0, within(1e-12));
        // Δ(v†) = Y(v†) − (1−γ) v† y(v†), checked against the integral itself
        assertThat(LINEAR.integral(vd) - 0.999 * vd * LINEAR.at(vd)).isCloseTo(-1.0, within(1e-12));
        assertThat(s.bid(vd / 2)).isCloseTo(0.001 * vd / 2, within(1e-15));
        assertThat(s.table().lowestBid()).isZero();
    }

    @Test
    void shouldResolveWhatIsReachableWhenTheBalanceIsOutOfReach() {
        // given a balance no single dashboard can collect: Δ is at most about Y(vmax) = 5
        RebalancedStrategy s = Rebalancing.individuallyRational(0.25).apply(LINEAR, WPB, 400, 8);

        // then v† maximises Δ: every type bids (almost) its value
        assertThat(s.vDagger()).hasValue(8.0);
        assertThat(s.shift()).isCloseTo(LINEAR.integral(8) - 0.001 * 8 * LINEAR.at(8), within(1e-12));
        assertThat(s.bid(5)).isCloseTo(0.999 * 5, within(1e-15));
    }

    @Test
    void shouldFloorTheRuleAtEtaBeforeWinnerPaysBidRebalancing() {
        AllocationRule low = AllocationRule.sample(GRID, z -> z / 8);

        RebalancedStrategy s = Rebalancing.individuallyRational(0.2).apply(low, WPB, 1, 8);

        for (int k = 0; k < GRID.size(); k++) {
            assertThat(s.rule().probability(k)).isGreaterThanOrEqualTo(0.2);
        }
        assertThat(s.rule().isStrictlyIncreasing()).isTrue();
    }

    @Test
    void shouldLeaveABalanceInsideTheHysteresisBandUnresolved() {
        Rebalancing policy = Rebalancing.individuallyRational(0.25).withHysteresis(2);

        RebalancedStrategy inside = policy.apply(LINEAR, WPB, 7.9, 4);
        RebalancedStrategy outside = policy.apply(LINEAR, WPB, 8.1, 4);

        assertThat(inside.balance()).isEqualTo(7.9);
        assertThat(inside.balanceUsed()).isZero();
        assertThat(inside.vDagger()).isEmpty();
        assertThat(inside.table()).isEqualTo(BidStrategy.of(LINEAR, WPB).table());
        assertThat(outside.balanceUsed()).isEqualTo(8.1);
        assertThat(outside.vDagger()).isPresent();
    }

    @Test
    void shouldPublishPlainBidsWithoutRebalancing() {
        RebalancedStrategy s = Rebalancing.none().apply(LINEAR, WPB, 12, 8);

        assertThat(s.mode()).isEqualTo(RebalancingMode.NONE);
        assertThat(s.balanceUsed()).isZero();
        assertThat(s.eta()).isZero();
        assertThat(s.table()).isEqualTo(BidStrategy.of(LINEAR, WPB).table());
    }

    @Test
    void shouldRecommendIndividuallyRationalForWinnerPaysBidAndReferenceForAllPay() {
        assertThat(Rebalancing.recommended(WPB, 0.1).mode()).isEqualTo(RebalancingMode.INDIVIDUALLY_RATIONAL);
        assertThat(Rebalancing.recommended(PaymentFormat.ALL_PAY, 1).mode()).isEqualTo(RebalancingMode.REFERENCE);
    }

    @Test
    void shouldRejectIndividuallyRationalRebalancingInAllPay() {
        assertThatThrownBy(() -> Rebalancing.individuallyRational(0.5).apply(LINEAR, PaymentFormat.ALL_PAY, 1, 8))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("use reference rebalancing for all-pay");
    }

    @Test
    void shouldRejectBadParametersNamingThem() {
        assertThatThrownBy(() -> Rebalancing.reference(0)).hasMessageContaining("was 0.0");
        assertThatThrownBy(() -> Rebalancing.individuallyRational(1)).hasMessageContaining("eta < 1");
        assertThatThrownBy(() -> Rebalancing.reference(1).apply(LINEAR, WPB, 1, 8))
                .hasMessageContaining("eta < 1");
        assertThatThrownBy(() -> Rebalancing.individuallyRational(0.1).withGammas(0.3, 0.001))
                .hasMessageContaining("0.3");
        assertThatThrownBy(() -> Rebalancing.reference(0.5).withHysteresis(-1)).hasMessageContaining("-1.0");
        assertThatThrownBy(() -> Rebalancing.reference(0.5).apply(LINEAR, WPB, Double.NaN, 8))
                .hasMessageContaining("NaN");
    }

    @Test
    void shouldParseModes() {
        assertThat(RebalancingMode.parse("IR")).isEqualTo(RebalancingMode.INDIVIDUALLY_RATIONAL);
        assertThat(RebalancingMode.parse("individually_rational")).isEqualTo(RebalancingMode.INDIVIDUALLY_RATIONAL);
        assertThat(RebalancingMode.parse("reference")).isEqualTo(RebalancingMode.REFERENCE);
        assertThatThrownBy(() -> RebalancingMode.parse("full")).hasMessageContaining("'full'");
    }
}
