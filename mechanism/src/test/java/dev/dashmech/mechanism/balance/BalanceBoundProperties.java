package dev.dashmech.mechanism.balance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dashmech.mechanism.bidding.BidTable;
import dev.dashmech.mechanism.bidding.PaymentFormat;
import dev.dashmech.mechanism.dashboard.InferredValuesWindow;
import dev.dashmech.mechanism.dashboard.LastWinningStage;
import dev.dashmech.mechanism.dashboard.Prior;
import dev.dashmech.mechanism.rebalance.RebalancedStrategy;
import dev.dashmech.mechanism.rebalance.Rebalancing;
import dev.dashmech.mechanism.rule.AllocationRule;
import dev.dashmech.mechanism.rule.ValueGrid;
import dev.dashmech.mechanism.testing.Scenario;
import java.util.SplittableRandom;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;

/**
 * The paper's balance bounds as single-agent properties over arbitrary dynamic environments: sequences of
 * monotone stage rules {@code x^{(s)}} (the agent's counterfactual rule of each stage) and values. The agent
 * follows the dashboard; the stage engine infers its value from the bid; the ledger adds the truthful
 * payment of the stage rule (payment identity) minus what was paid; winner-pays-bid allocations are seeded
 * draws from {@code x^{(s)}(v̂)}.
 */
class BalanceBoundProperties {

    private static final double VMAX = 10;
    private static final ValueGrid GRID = ValueGrid.uniform(VMAX);
    private static final PaymentFormat WPB = PaymentFormat.WINNER_PAYS_BID;
    private static final PaymentFormat ALL_PAY = PaymentFormat.ALL_PAY;

    @Provide
    Arbitrary<Scenario> scenarios() {
        return Scenario.any(GRID, 80);
    }

    /** The dashboard's rule at stage t: the last stage's rule (Def. 4, k = 1) or an arbitrary one. */
    private static AllocationRule dashboardRule(Scenario s, int t, boolean lastStage, AllocationRule previous) {
        return lastStage ? previous : s.dashboardRules().get(t);
    }

    @Property(tries = 100)
    void allPayRebalancingAtRateOneShouldKeepTheBalanceWithinVmax(@ForAll("scenarios") Scenario s,
            @ForAll boolean lastStage) {
        // Theorem 3
        Rebalancing policy = Rebalancing.reference(1);
        OutstandingBalance balance = OutstandingBalance.zero();
        AllocationRule previous = Prior.uniformCompetitor(GRID);
        for (int t = 0; t < s.stages(); t++) {
            AllocationRule x = s.stageRules().get(t);
            BidTable dashboard = policy.apply(dashboardRule(s, t, lastStage, previous), ALL_PAY, balance.amount(), VMAX)
                    .table();
            double bid = dashboard.bidFor(s.values()[t]);
            double inferred = dashboard.inferValue(bid);

            balance = balance.settle(TruthfulPayment.allPay(x, inferred), ALL_PAY.paid(bid, true));

            assertThat(Math.abs(balance.amount())).as("|L| after stage %s", t)
                    .isLessThanOrEqualTo(BalanceBounds.allPay(VMAX) + 1e-9);
            previous = x;
        }
    }

    @Property(tries = 100)
    void winnerPaysBidReferenceRebalancingShouldKeepTheBalanceWithinVmaxOverEta(@ForAll("scenarios") Scenario s,
            @ForAll @DoubleRange(min = 0.05, max = 0.9) double eta, @ForAll boolean lastStage) {
        // Theorem 4 with Lemma 2, Corollary 1. The reference strategy is not invertible for L > 0 (Lemma 1),
        // so the agent's value stands for the inferred one here.
        Rebalancing policy = Rebalancing.reference(eta);
        SplittableRandom random = new SplittableRandom(s.seed());
        OutstandingBalance balance = OutstandingBalance.zero();
        AllocationRule previous = Prior.uniformCompetitor(GRID);
        for (int t = 0; t < s.stages(); t++) {
            AllocationRule x = s.stageRules().get(t);
            double v = s.values()[t];
            RebalancedStrategy dashboard = policy.apply(dashboardRule(s, t, lastStage, previous), WPB,
                    balance.amount(), VMAX);
            double bid = dashboard.bid(v);
            boolean won = random.nextDouble() < x.at(v);

            balance = balance.settle(TruthfulPayment.winnerPaysBid(x, v, won), WPB.paid(bid, won));

            assertThat(Math.abs(balance.amount())).as("|L| after stage %s", t)
                    .isLessThanOrEqualTo(BalanceBounds.winnerPaysBid(VMAX, eta) + 1e-9);
            previous = x;
        }
    }

    @Property(tries = 100)
    void winnerPaysBidIndividuallyRationalRebalancingShouldKeepTheBalanceWithinVmaxOverEta(
            @ForAll("scenarios") Scenario s, @ForAll @DoubleRange(min = 0.05, max = 0.9) double eta,
            @ForAll boolean lastStage) {
        // Theorem 5, Corollary 1: through the published table and inference
        Rebalancing policy = Rebalancing.individuallyRational(eta);
        SplittableRandom random = new SplittableRandom(s.seed());
        OutstandingBalance balance = OutstandingBalance.zero();
        AllocationRule previous = Prior.uniformCompetitor(GRID);
        for (int t = 0; t < s.stages(); t++) {
            AllocationRule x = s.stageRules().get(t);
            BidTable dashboard = policy.apply(dashboardRule(s, t, lastStage, previous), WPB, balance.amount(), VMAX)
                    .table();
            double bid = dashboard.bidFor(s.values()[t]);
            double inferred = dashboard.inferValue(bid);
            boolean won = random.nextDouble() < x.at(inferred);

            balance = balance.settle(TruthfulPayment.winnerPaysBid(x, inferred, won), WPB.paid(bid, won));

            assertThat(Math.abs(balance.amount())).as("|L| after stage %s", t)
                    .isLessThanOrEqualTo(BalanceBounds.winnerPaysBid(VMAX, eta) + 1e-9);
            previous = x;
        }
    }

    @Property(tries = 100)
    void allPayLastStageDashboardShouldKeepAStaticValuesBalanceWithinItsValue(@ForAll("scenarios") Scenario s,
            @ForAll @IntRange(min = 0, max = 64) int point) {
        // Lemma 7: static value, all-pay last-stage inferred-values dashboard, no rebalancing. The value sits
        // on a grid point, where the published table is exact.
        double v = GRID.point(point);
        Rebalancing none = Rebalancing.none();
        InferredValuesWindow window = InferredValuesWindow.lastStage();
        OutstandingBalance balance = OutstandingBalance.zero();
        for (int t = 0; t < s.stages(); t++) {
            AllocationRule y = window.rule().orElse(Prior.uniformCompetitor(GRID));
            BidTable dashboard = none.apply(y, ALL_PAY, balance.amount(), VMAX).table();
            double bid = dashboard.bidFor(v);
            double inferred = dashboard.inferValue(bid);
            AllocationRule x = s.stageRules().get(t);

            balance = balance.settle(TruthfulPayment.allPay(x, inferred), ALL_PAY.paid(bid, true));

            assertThat(Math.abs(balance.amount())).as("|L| after stage %s", t)
                    .isLessThanOrEqualTo(BalanceBounds.staticValue(v) + 1e-6 * VMAX);
            window.add(x);
        }
    }

    @Property(tries = 100)
    void winnerPaysBidLastWinningStageDashboardShouldKeepAStaticValuesBalanceWithinItsValue(
            @ForAll("scenarios") Scenario s, @ForAll @IntRange(min = 0, max = 64) int point) {
        // Lemma 8: static value, winner-pays-bid last-winning-stage dashboard, no rebalancing
        double v = GRID.point(point);
        Rebalancing none = Rebalancing.none();
        LastWinningStage lastWin = new LastWinningStage();
        SplittableRandom random = new SplittableRandom(s.seed());
        OutstandingBalance balance = OutstandingBalance.zero();
        for (int t = 0; t < s.stages(); t++) {
            AllocationRule y = lastWin.rule().orElse(Prior.uniformCompetitor(GRID));
            BidTable dashboard = none.apply(y, WPB, balance.amount(), VMAX).table();
            double bid = dashboard.bidFor(v);
            double inferred = dashboard.inferValue(bid);
            AllocationRule x = s.stageRules().get(t);
            boolean won = random.nextDouble() < x.at(inferred);

            balance = balance.settle(TruthfulPayment.winnerPaysBid(x, inferred, won), WPB.paid(bid, won));

            assertThat(Math.abs(balance.amount())).as("|L| after stage %s", t)
                    .isLessThanOrEqualTo(BalanceBounds.staticValue(v) + 1e-6 * VMAX);
            lastWin.record(x, won);
        }
    }
}
