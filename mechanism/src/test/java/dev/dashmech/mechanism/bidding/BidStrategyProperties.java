package dev.dashmech.mechanism.bidding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.dashmech.mechanism.rule.AllocationRule;
import dev.dashmech.mechanism.rule.ValueGrid;
import dev.dashmech.mechanism.testing.Cases;
import dev.dashmech.mechanism.testing.Draw;
import dev.dashmech.mechanism.testing.RuleGenerators;
import org.junit.jupiter.api.Test;

class BidStrategyProperties {

    private static final ValueGrid GRID = ValueGrid.uniform(10);

    /** A rule, a transfer {@code q0}, a value and a value step. */
    record Case(AllocationRule y, double q0, double v, double dv) {
    }

    private static Case strict(Draw d, double minQ0, double maxQ0) {
        return new Case(RuleGenerators.strictlyIncreasing(d, GRID), d.between(minQ0, maxQ0), d.between(0, 9.9),
                d.between(0.01, 2));
    }

    private static Case strict(Draw d) {
        return new Case(RuleGenerators.strictlyIncreasing(d, GRID), 0, d.between(0, 10), 0);
    }

    @Test
    void winnerPaysBidBidsShouldStrictlyIncreaseForNonPositiveTransfers() {
        Cases.check(300, d -> strict(d, -2, 0), c -> {
            // Lemma 1 (winner-pays-bid): strictly increasing y and q0 <= 0; q0 < 0 needs y(0) > 0
            double transfer = c.y().probability(0) > 0 ? c.q0() : 0;
            BidStrategy s = BidStrategy.of(c.y(), PaymentFormat.WINNER_PAYS_BID, transfer);

            assertThat(s.isStrictlyIncreasing()).isTrue();
            assertThat(s.bid(Math.min(10, c.v() + c.dv()))).isGreaterThan(s.bid(c.v()));
        });
    }

    @Test
    void allPayBidsShouldStrictlyIncreaseForAnyTransfer() {
        Cases.check(300, d -> strict(d, -2, 2), c -> {
            // Lemma 1 (all-pay)
            BidStrategy s = BidStrategy.of(c.y(), PaymentFormat.ALL_PAY, c.q0());

            assertThat(s.isStrictlyIncreasing()).isTrue();
            assertThat(s.bid(Math.min(10, c.v() + c.dv()))).isGreaterThan(s.bid(c.v()));
        });
    }

    @Test
    void bidsShouldBeIndividuallyRationalWithoutTransfer() {
        Cases.check(300, d -> new Case(RuleGenerators.monotone(d, GRID), 0, d.between(0, 10), 0), c -> {
            // 0 <= c(v) <= v (the bound of Lemma 2 rests on it)
            assertThat(BidStrategy.bid(c.y(), PaymentFormat.WINNER_PAYS_BID, c.v())).isBetween(0.0, c.v() + 1e-12);
            assertThat(BidStrategy.bid(c.y(), PaymentFormat.ALL_PAY, c.v())).isBetween(0.0, c.v() + 1e-12);
        });
    }

    @Test
    void inverseShouldRecoverTheValue() {
        Cases.check(300, BidStrategyProperties::strict, c -> {
            for (PaymentFormat f : PaymentFormat.values()) {
                BidStrategy s = BidStrategy.of(c.y(), f);
                assertThat(s.valueOf(s.bid(c.v()))).as("%s", f).isCloseTo(c.v(), within(1e-6));
            }
        });
    }

    @Test
    void bidAllocationRuleShouldImplementTheRule() {
        Cases.check(BidStrategyProperties::strict, c -> {
            // eq. 4 after eq. 3: ỹ(c(v)) = y(v)
            for (PaymentFormat f : PaymentFormat.values()) {
                BidAllocationRule yt = BidStrategy.of(c.y(), f).bidAllocationRule();
                assertThat(yt.probability(yt.strategy().bid(c.v()))).as("%s", f).isCloseTo(c.y().at(c.v()),
                        within(1e-9));
            }
        });
    }

    /** The exponent {@code γ / (1 − γ)} of a power rule and its scale. */
    record Power(double gamma, double scale) {
    }

    @Test
    void linearBidRuleShouldBidGammaZAtAnyScale() {
        Cases.check(d -> new Power(d.between(0.3, 0.85), d.between(0.01, 1)), p -> {
            // Lemma 5 with Fact 1, to grid tolerance: |γ − ½| h at the low end (the first chord bids z_1 / 2)
            double e = p.gamma() / (1 - p.gamma());
            BidStrategy s = BidStrategy.of(AllocationRule.sample(GRID, z -> p.scale() * Math.pow(z / 10, e)),
                    PaymentFormat.WINNER_PAYS_BID);
            double h = GRID.point(1);
            for (int k = 1; k < GRID.size(); k++) {
                double tolerance = k < 8 ? Math.abs(p.gamma() - 0.5) * h + 1e-12 : 0.2 * h;
                assertThat(s.bidAt(k)).as("bid at grid point %s", k).isCloseTo(p.gamma() * GRID.point(k),
                        within(tolerance));
            }
        });
    }
}
