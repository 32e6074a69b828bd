package dev.dashmech.mechanism.rebalance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.dashmech.mechanism.bidding.BidTable;
import dev.dashmech.mechanism.bidding.PaymentFormat;
import dev.dashmech.mechanism.rule.AllocationRule;
import dev.dashmech.mechanism.rule.ValueGrid;
import dev.dashmech.mechanism.testing.Cases;
import dev.dashmech.mechanism.testing.Draw;
import dev.dashmech.mechanism.testing.Inversion;
import dev.dashmech.mechanism.testing.RuleGenerators;
import org.junit.jupiter.api.Test;

class RebalancingProperties {

    private static final ValueGrid GRID = ValueGrid.uniform(10);
    private static final PaymentFormat WPB = PaymentFormat.WINNER_PAYS_BID;

    /** A dashboard rule, the outstanding balance, the rebalancing rate and the agent's value. */
    record Case(AllocationRule y, double balance, double eta, double v) {
    }

    private static Case of(Draw d, double maxEta) {
        return new Case(RuleGenerators.monotone(d, GRID), d.between(-60, 60), d.between(0.02, maxEta),
                d.between(0, 10));
    }

    @Test
    void individuallyRationalDashboardShouldStayStrictlyIncreasingAndInvertible() {
        Cases.check(300, d -> of(d, 0.9), c -> {
            // when (building the table checks that values and bids strictly increase)
            RebalancedStrategy s = Rebalancing.individuallyRational(c.eta()).apply(c.y(), WPB, c.balance(), 10);
            BidTable t = s.table();

            // then: invertible, and the agent that follows it is inferred at its value (Prop. 1)
            Inversion.assertInfersItsValue(t, c.v());
            // individually rational: 0 <= c†(z), and γz on [0, v†]
            assertThat(t.lowestBid()).isGreaterThanOrEqualTo(0.0);
            if (s.vDagger().isPresent() && c.v() <= s.vDagger().getAsDouble()) {
                assertThat(t.bidFor(c.v())).isCloseTo(s.gamma().getAsDouble() * c.v(), within(1e-9));
            }
        });
    }

    @Test
    void referenceDashboardsShouldStayStrictlyIncreasingAndInvertibleWherePublishable() {
        Cases.check(300, d -> of(d, 1), c -> {
            // all-pay at any balance
            BidTable allPay = Rebalancing.reference(c.eta()).apply(c.y(), PaymentFormat.ALL_PAY, c.balance(), 10)
                    .table();
            Inversion.assertInfersItsValue(allPay, c.v());

            // winner-pays-bid for a balance the agent is owed (Lemma 1: q0 <= 0)
            if (c.balance() <= 0 && c.eta() < 1) {
                BidTable wpb = Rebalancing.reference(c.eta()).apply(c.y(), WPB, c.balance(), 10).table();
                Inversion.assertInfersItsValue(wpb, c.v());
            }
        });
    }

    @Test
    void thresholdShouldBeTheFirstCrossingOrTheBestReachable() {
        Cases.check(300, d -> of(d, 0.9), c -> {
            RebalancedStrategy s = Rebalancing.individuallyRational(c.eta()).apply(c.y(), WPB, c.balance(), 10);
            if (s.vDagger().isEmpty()) {
                return;
            }
            AllocationRule r = s.rule();
            double gamma = s.gamma().getAsDouble();
            double vd = s.vDagger().getAsDouble();
            double target = c.balance() * c.eta();
            double sign = Math.signum(c.balance());
            // Δ(v) = Y(v) − (1−γ) v y(v), from the integral itself
            double deltaAtThreshold = r.integral(vd) - (1 - gamma) * vd * r.at(vd);

            assertThat(s.shift()).isCloseTo(deltaAtThreshold, within(1e-9));
            boolean reached = Math.abs(s.shift() - target) <= 1e-9 * (1 + Math.abs(target));
            if (!reached) {
                // Δ is continuous from Δ(0) = 0, so a target within the best reachable shift is crossed somewhere
                assertThat(sign * s.shift()).as("best reachable shift, target %s not reached", target)
                        .isLessThan(sign * target);
            }
            for (int k = 0; k < GRID.size(); k++) {
                double z = GRID.point(k);
                double delta = r.integral(z) - (1 - gamma) * z * r.at(z);
                if (reached && z < vd) {
                    // no earlier crossing: below v† the target is not yet met
                    assertThat(sign * delta).as("Δ at %s, below v† = %s", z, vd)
                            .isLessThanOrEqualTo(sign * target + 1e-9);
                }
                if (!reached) {
                    // out of reach: v† maximises sign(L) Δ
                    assertThat(sign * delta).as("Δ at %s, v† = %s out of reach", z, vd)
                            .isLessThanOrEqualTo(sign * s.shift() + 1e-9);
                }
            }
        });
    }
}
