package dev.dashmech.mechanism.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.dashmech.mechanism.bidding.BidAllocationCurve;
import dev.dashmech.mechanism.bidding.PaymentFormat;
import dev.dashmech.mechanism.rebalance.RebalancedStrategy;
import dev.dashmech.mechanism.rebalance.Rebalancing;
import dev.dashmech.mechanism.rule.AllocationRule;
import dev.dashmech.mechanism.rule.ValueGrid;
import dev.dashmech.mechanism.testing.Cases;
import dev.dashmech.mechanism.testing.Draw;
import dev.dashmech.mechanism.testing.Inversion;
import dev.dashmech.mechanism.testing.RuleGenerators;
import org.junit.jupiter.api.Test;

/**
 * Eq. 5 and Proposition 1: an agent that follows its dashboard is inferred at its value, in both formats,
 * with and without rebalancing.
 */
class InferenceRoundTripProperties {

    private static final ValueGrid GRID = ValueGrid.uniform(10);
    private static final double H = GRID.point(1);

    /** A dashboard rule, the outstanding balance and the agent's value. */
    record Case(AllocationRule y, double balance, double v) {
    }

    private static Case monotone(Draw d) {
        return new Case(RuleGenerators.monotone(d, GRID), d.between(-40, 40), d.between(0, 10));
    }

    private static Case smooth(Draw d, double minV, double maxV) {
        return new Case(RuleGenerators.smooth(d, GRID), 0, d.between(minV, maxV));
    }

    private static Dashboard dashboard(AllocationRule y, PaymentFormat f, Rebalancing r, double balance) {
        return Dashboard.builder(DashboardKind.INFERRED_VALUES, r.apply(y, f, balance, 10)).build();
    }

    @Test
    void agentFollowingTheTableShouldBeInferredAtItsValue() {
        Cases.check(300, InferenceRoundTripProperties::monotone, c -> {
            for (PaymentFormat f : PaymentFormat.values()) {
                Inversion.assertInfersItsValue(dashboard(c.y(), f, Rebalancing.none(), 0).table(), c.v());
                Inversion.assertInfersItsValue(dashboard(c.y(), f, Rebalancing.recommended(f, 0.3), c.balance())
                        .table(), c.v());
            }
        });
    }

    @Test
    void agentBiddingTheExactStrategyShouldBeInferredWithinAGridCell() {
        Cases.check(300, InferenceRoundTripProperties::monotone, c -> {
            // the table agrees with the exact strategy at its rows and both increase, so the inferred value is
            // in the grid cell of the true one
            for (PaymentFormat f : PaymentFormat.values()) {
                for (Rebalancing r : new Rebalancing[] {Rebalancing.none(), Rebalancing.recommended(f, 0.3)}) {
                    RebalancedStrategy s = r.apply(c.y(), f, c.balance(), 10);
                    assertThat(s.table().inferValue(s.bid(c.v()))).as("%s, %s", f, r)
                            .isCloseTo(c.v(), within(H + 1e-9));
                }
            }
        });
    }

    @Test
    void agentBiddingTheExactStrategyOfASmoothRuleShouldBeInferredFarWithinAGridCell() {
        Cases.check(d -> smooth(d, 0, 10), c -> {
            // measured worst case on logistic rules beyond the first cell: 0.036 h. In the first cell the exact
            // bid is quadratic (c ≈ s v² / 2y(0)) and the table's chord inverts it to v²/h: up to h/4 off
            double tolerance = c.v() >= H ? 0.1 * H : 0.25 * H + 1e-12;
            for (PaymentFormat f : PaymentFormat.values()) {
                RebalancedStrategy s = Rebalancing.none().apply(c.y(), f, 0, 10);
                assertThat(s.table().inferValue(s.bid(c.v()))).as("%s", f).isCloseTo(c.v(), within(tolerance));
            }
        });
    }

    @Test
    void eqFiveOnTheDashboardsBareCurveShouldRecoverTheValue() {
        Cases.check(d -> smooth(d, 0.5, 9.5), c -> {
            // eq. 5 on the published (bid, probability) rows alone, without the bid strategy: within a grid cell
            for (PaymentFormat f : PaymentFormat.values()) {
                Dashboard board = dashboard(c.y(), f, Rebalancing.none(), 0);
                BidAllocationCurve curve = BidAllocationCurve.of(board.bids(), board.winProbabilities());
                assertThat(curve.inferValue(board.bidFor(c.v()), f)).as("%s", f).isCloseTo(c.v(), within(H));
            }
        });
    }
}
