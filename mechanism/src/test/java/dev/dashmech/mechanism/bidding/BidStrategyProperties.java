package dev.dashmech.mechanism.bidding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.dashmech.mechanism.rule.AllocationRule;
import dev.dashmech.mechanism.rule.ValueGrid;
import dev.dashmech.mechanism.testing.RuleArbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;

class BidStrategyProperties {

    private static final ValueGrid GRID = ValueGrid.uniform(10);

    @Provide
    Arbitrary<AllocationRule> strict() {
        return RuleArbitraries.strictlyIncreasing(GRID);
    }

    @Provide
    Arbitrary<AllocationRule> monotone() {
        return RuleArbitraries.monotone(GRID);
    }

    @Property(tries = 300)
    void winnerPaysBidBidsShouldStrictlyIncreaseForNonPositiveTransfers(@ForAll("strict") AllocationRule y,
            @ForAll @DoubleRange(min = -2, max = 0) double q0,
            @ForAll @DoubleRange(min = 0, max = 9.9) double v, @ForAll @DoubleRange(min = 0.01, max = 2) double dv) {
        // Lemma 1 (winner-pays-bid): strictly increasing y and q0 <= 0; q0 < 0 needs y(0) > 0
        double transfer = y.probability(0) > 0 ? q0 : 0;
        BidStrategy c = BidStrategy.of(y, PaymentFormat.WINNER_PAYS_BID, transfer);

        assertThat(c.isStrictlyIncreasing()).isTrue();
        assertThat(c.bid(Math.min(10, v + dv))).isGreaterThan(c.bid(v));
    }

    @Property(tries = 300)
    void allPayBidsShouldStrictlyIncreaseForAnyTransfer(@ForAll("strict") AllocationRule y,
            @ForAll @DoubleRange(min = -2, max = 2) double q0,
            @ForAll @DoubleRange(min = 0, max = 9.9) double v, @ForAll @DoubleRange(min = 0.01, max = 2) double dv) {
        // Lemma 1 (all-pay)
        BidStrategy c = BidStrategy.of(y, PaymentFormat.ALL_PAY, q0);

        assertThat(c.isStrictlyIncreasing()).isTrue();
        assertThat(c.bid(Math.min(10, v + dv))).isGreaterThan(c.bid(v));
    }

    @Property(tries = 300)
    void bidsShouldBeIndividuallyRationalWithoutTransfer(@ForAll("monotone") AllocationRule y,
            @ForAll @DoubleRange(min = 0, max = 10) double v) {
        // 0 <= c(v) <= v (the bound of Lemma 2 rests on it)
        assertThat(BidStrategy.bid(y, PaymentFormat.WINNER_PAYS_BID, v)).isBetween(0.0, v + 1e-12);
        assertThat(BidStrategy.bid(y, PaymentFormat.ALL_PAY, v)).isBetween(0.0, v + 1e-12);
    }

    @Property(tries = 300)
    void inverseShouldRecoverTheValue(@ForAll("strict") AllocationRule y,
            @ForAll @DoubleRange(min = 0, max = 10) double v) {
        for (PaymentFormat f : PaymentFormat.values()) {
            BidStrategy c = BidStrategy.of(y, f);
            assertThat(c.valueOf(c.bid(v))).isCloseTo(v, within(1e-6));
        }
    }

    @Property(tries = 200)
    void bidAllocationRuleShouldImplementTheRule(@ForAll("strict") AllocationRule y,
            @ForAll @DoubleRange(min = 0, max = 10) double v) {
        // eq. 4 after eq. 3: ỹ(c(v)) = y(v)
        for (PaymentFormat f : PaymentFormat.values()) {
            BidAllocationRule yt = BidStrategy.of(y, f).bidAllocationRule();
            assertThat(yt.probability(yt.strategy().bid(v))).isCloseTo(y.at(v), within(1e-9));
        }
    }

    @Property(tries = 200)
    void linearBidRuleShouldBidGammaZAtAnyScale(@ForAll @DoubleRange(min = 0.3, max = 0.85) double gamma,
            @ForAll @DoubleRange(min = 0.01, max = 1) double scale) {
        // Lemma 5 with Fact 1, to grid tolerance: |γ − ½| h at the low end (the first chord bids z_1 / 2)
        double e = gamma / (1 - gamma);
        BidStrategy c = BidStrategy.of(AllocationRule.sample(GRID, z -> scale * Math.pow(z / 10, e)),
                PaymentFormat.WINNER_PAYS_BID);
        double h = GRID.point(1);
        for (int k = 1; k < GRID.size(); k++) {
            double tolerance = k < 8 ? Math.abs(gamma - 0.5) * h + 1e-12 : 0.2 * h;
            assertThat(c.bidAt(k)).isCloseTo(gamma * GRID.point(k), within(tolerance));
        }
    }
}
