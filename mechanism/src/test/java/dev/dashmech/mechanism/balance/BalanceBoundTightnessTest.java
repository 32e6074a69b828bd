package dev.dashmech.mechanism.balance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dashmech.mechanism.bidding.BidTable;
import dev.dashmech.mechanism.bidding.PaymentFormat;
import dev.dashmech.mechanism.rebalance.Rebalancing;
import dev.dashmech.mechanism.rule.AllocationRule;
import dev.dashmech.mechanism.rule.ValueGrid;
import org.junit.jupiter.api.Test;

/**
 * The worst case of Theorems 4 and 5: a dashboard that misprices every stage by almost the whole value in
 * the same direction drives the winner-pays-bid balance to just below {@code vmax/η}, not beyond.
 */
class BalanceBoundTightnessTest {

    private static final double VMAX = 10;
    private static final ValueGrid GRID = ValueGrid.uniform(VMAX);
    private static final PaymentFormat WPB = PaymentFormat.WINNER_PAYS_BID;
    private static final double ETA = 0.25;
    /** Wins with certainty from the last cell on: the truthful bid at vmax is vmax − h/2. */
    private static final AllocationRule STEP_AT_VMAX = AllocationRule.sample(GRID, z -> z >= VMAX ? 1 : 0);
    /** A flat dashboard: its bid is about 0. */
    private static final AllocationRule FLAT = AllocationRule.sample(GRID, z -> 1.0);

    private static double maxBalance(Rebalancing policy, AllocationRule stageRule, AllocationRule dashboardRule) {
        OutstandingBalance balance = OutstandingBalance.zero();
        for (int t = 0; t < 200; t++) {
            BidTable dashboard = policy.apply(dashboardRule, WPB, balance.amount(), VMAX).table();
            double bid = dashboard.bidFor(VMAX);
            double inferred = dashboard.inferValue(bid);
            boolean won = stageRule.at(inferred) == 1.0;
            balance = balance.settle(TruthfulPayment.winnerPaysBid(stageRule, inferred, won), WPB.paid(bid, won));
        }
        return balance.maxAbsolute();
    }

    @Test
    void shouldApproachButNotExceedTheBoundWhenTheAgentUnderpaysEveryStage() {
        double max = maxBalance(Rebalancing.individuallyRational(ETA), STEP_AT_VMAX, FLAT);

        // residual vmax − h/2 every stage, a quarter resolved: L → (vmax − h/2) / η
        assertThat(max).isBetween(0.97 * BalanceBounds.winnerPaysBid(VMAX, ETA),
                BalanceBounds.winnerPaysBid(VMAX, ETA));
    }

    @Test
    void shouldStayWithinTheBoundWhenTheAgentOverpaysEveryStage() {
        // the stage always allocates (truthful bid 0); the dashboard floored at η bids about (1 − η) vmax
        double max = maxBalance(Rebalancing.individuallyRational(ETA), FLAT, STEP_AT_VMAX);

        assertThat(max).isBetween(0.7 * BalanceBounds.winnerPaysBid(VMAX, ETA),
                BalanceBounds.winnerPaysBid(VMAX, ETA));
    }

    @Test
    void shouldExceedTheBoundWithoutRebalancing() {
        double max = maxBalance(Rebalancing.none(), STEP_AT_VMAX, FLAT);

        assertThat(max).isGreaterThan(BalanceBounds.winnerPaysBid(VMAX, ETA));
    }
}
