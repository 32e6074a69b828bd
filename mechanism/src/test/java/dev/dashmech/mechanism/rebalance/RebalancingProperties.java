package dev.dashmech.mechanism.rebalance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.dashmech.mechanism.bidding.BidTable;
import dev.dashmech.mechanism.bidding.PaymentFormat;
import dev.dashmech.mechanism.rule.AllocationRule;
import dev.dashmech.mechanism.rule.ValueGrid;
import dev.dashmech.mechanism.testing.Inversion;
import dev.dashmech.mechanism.testing.RuleArbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;

class RebalancingProperties {

    private static final ValueGrid GRID = ValueGrid.uniform(10);
    private static final PaymentFormat WPB = PaymentFormat.WINNER_PAYS_BID;

    @Provide
    Arbitrary<AllocationRule> rules() {
        return RuleArbitraries.monotone(GRID);
    }

    @Property(tries = 300)
    void individuallyRationalDashboardShouldStayStrictlyIncreasingAndInvertible(@ForAll("rules") AllocationRule y,
            @ForAll @DoubleRange(min = -60, max = 60) double balance,
            @ForAll @DoubleRange(min = 0.02, max = 0.9) double eta,
            @ForAll @DoubleRange(min = 0, max = 10) double v) {
        // when (building the table checks that values and bids strictly increase)
        RebalancedStrategy s = Rebalancing.individuallyRational(eta).apply(y, WPB, balance, 10);
        BidTable t = s.table();

        // then: invertible, and the agent that follows it is inferred at its value (Prop. 1)
        Inversion.assertInfersItsValue(t, v);
        // individually rational: 0 <= c†(z), and γz on [0, v†]
        assertThat(t.lowestBid()).isGreaterThanOrEqualTo(0.0);
        if (s.vDagger().isPresent() && v <= s.vDagger().getAsDouble()) {
            assertThat(t.bidFor(v)).isCloseTo(s.gamma().getAsDouble() * v, within(1e-9));
        }
    }

    @Property(tries = 300)
    void referenceDashboardsShouldStayStrictlyIncreasingAndInvertibleWherePublishable(
            @ForAll("rules") AllocationRule y, @ForAll @DoubleRange(min = -60, max = 60) double balance,
            @ForAll @DoubleRange(min = 0.02, max = 1) double eta, @ForAll @DoubleRange(min = 0, max = 10) double v) {
        // all-pay at any balance
        BidTable allPay = Rebalancing.reference(eta).apply(y, PaymentFormat.ALL_PAY, balance, 10).table();
        Inversion.assertInfersItsValue(allPay, v);

        // winner-pays-bid for a balance the agent is owed (Lemma 1: q0 <= 0)
        if (balance <= 0 && eta < 1) {
            BidTable wpb = Rebalancing.reference(eta).apply(y, WPB, balance, 10).table();
            Inversion.assertInfersItsValue(wpb, v);
        }
    }

    @Property(tries = 300)
    void thresholdShouldBeTheFirstCrossingOrTheBestReachable(@ForAll("rules") AllocationRule y,
            @ForAll @DoubleRange(min = -60, max = 60) double balance,
            @ForAll @DoubleRange(min = 0.02, max = 0.9) double eta) {
        RebalancedStrategy s = Rebalancing.individuallyRational(eta).apply(y, WPB, balance, 10);
        if (s.vDagger().isEmpty()) {
            return;
        }
        AllocationRule r = s.rule();
        double gamma = s.gamma().getAsDouble();
        double vd = s.vDagger().getAsDouble();
        double target = balance * eta;
        double sign = Math.signum(balance);
        // Δ(v) = Y(v) − (1−γ) v y(v), from the integral itself
        double deltaAtThreshold = r.integral(vd) - (1 - gamma) * vd * r.at(vd);

        assertThat(s.shift()).isCloseTo(deltaAtThreshold, within(1e-9));
        boolean reached = Math.abs(s.shift() - target) <= 1e-9 * (1 + Math.abs(target));
        for (int k = 0; k < GRID.size(); k++) {
            double z = GRID.point(k);
            double delta = r.integral(z) - (1 - gamma) * z * r.at(z);
            if (reached && z < vd) {
                // no earlier crossing: below v† the target is not yet met
                assertThat(sign * delta).isLessThanOrEqualTo(sign * target + 1e-9);
            }
            if (!reached) {
                // out of reach: v† maximises sign(L) Δ
                assertThat(sign * delta).isLessThanOrEqualTo(sign * s.shift() + 1e-9);
            }
        }
    }
}
