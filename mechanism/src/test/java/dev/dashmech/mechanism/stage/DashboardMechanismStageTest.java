package dev.dashmech.mechanism.stage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.dashmech.mechanism.algorithm.AllocationAlgorithm;
import dev.dashmech.mechanism.algorithm.Softmax;
import dev.dashmech.mechanism.bidding.BidStrategy;
import dev.dashmech.mechanism.bidding.BidTable;
import dev.dashmech.mechanism.bidding.Clamp;
import dev.dashmech.mechanism.bidding.PaymentFormat;
import dev.dashmech.mechanism.instrument.ImplicitPayment;
import dev.dashmech.mechanism.random.StageRandom;
import dev.dashmech.mechanism.rule.AllocationRule;
import dev.dashmech.mechanism.rule.ValueGrid;
import org.junit.jupiter.api.Test;

class DashboardMechanismStageTest {

    private static final ValueGrid GRID = ValueGrid.uniform(8, 65);
    private static final AllocationAlgorithm SOFTMAX = Softmax.of(1, 0);
    private static final PaymentFormat WPB = PaymentFormat.WINNER_PAYS_BID;
    private static final PaymentFormat ALL_PAY = PaymentFormat.ALL_PAY;

    /** The table of the rule z -> z / vmax: a strictly increasing dashboard. */
    private static BidTable table(PaymentFormat format) {
        return BidStrategy.of(AllocationRule.sample(GRID, z -> z / 8), format).table();
    }

    @Test
    void shouldInferTheValueOfABidThatFollowsTheTable() {
        // given bids that follow their tables for values 5 and 3
        BidTable wpb = table(WPB);
        BidTable allPay = table(ALL_PAY);
        StageBids bids = new StageBids();
        bids.add(wpb.bidFor(5), WPB, wpb);
        bids.add(allPay.bidFor(3), ALL_PAY, allPay);

        // when
        StageOutcome out = DashboardMechanismStage.of(SOFTMAX, 0, GRID).run(bids, StageRandom.of(1, 1),
                new StageOutcome());

        // then
        assertThat(out.inferredValue(0)).isCloseTo(5, within(1e-12));
        assertThat(out.inferredValue(1)).isCloseTo(3, within(1e-12));
        assertThat(out.clamp(0)).isEqualTo(Clamp.NONE);
        assertThat(out.input(0)).isEqualTo(out.inferredValue(0)); // uninstrumented: the algorithm sees v̂
    }

    @Test
    void shouldChargeAWinnerItsBidAndAnAllPayAgentAlways() {
        BidTable wpb = table(WPB);
        BidTable allPay = table(ALL_PAY);
        DashboardMechanismStage stage = DashboardMechanismStage.of(SOFTMAX, 0, GRID);
        StageOutcome out = new StageOutcome();
        boolean sawWpbLoss = false;
        for (long s = 1; s <= 50; s++) {
            StageBids bids = new StageBids();
            bids.add(wpb.bidFor(4), WPB, wpb);
            bids.add(allPay.bidFor(4), ALL_PAY, allPay);

            stage.run(bids, StageRandom.of(7, s), out);

            assertThat(out.paid(0)).isEqualTo(out.won(0) ? bids.bid(0) : 0);
            assertThat(out.paid(1)).isEqualTo(bids.bid(1));
            sawWpbLoss |= !out.won(0);
        }
        assertThat(sawWpbLoss).isTrue();
    }

    @Test
    void shouldChargeTheTruthfulPaymentOfTheStagesCounterfactualRuleWhenUninstrumented() {
        // given an all-pay agent at 5 against a follower at 3
        BidTable allPay = table(ALL_PAY);
        StageBids bids = new StageBids();
        bids.add(allPay.bidFor(5), ALL_PAY, allPay);
        bids.add(allPay.bidFor(3), ALL_PAY, allPay);

        // when
        StageOutcome out = DashboardMechanismStage.of(SOFTMAX, 0, GRID).run(bids, StageRandom.of(1, 2),
                new StageOutcome());

        // then Def. 11: p(v̂) = v̂ x(v̂) − ∫_0^v̂ x of x = x_0(·, v̂_1), here by the trapezoid rule on a fine grid
        double vHat = out.inferredValue(0);
        double[] others = {0, out.inferredValue(1)};
        double[] x = new double[2];
        double integral = 0;
        int m = 20_000;
        double prev = 0;
        for (int k = 0; k <= m; k++) {
            others[0] = vHat * k / m;
            SOFTMAX.allocation(others, x);
            integral += k == 0 ? 0 : (prev + x[0]) / 2 * vHat / m;
            prev = x[0];
        }
        double expected = vHat * prev - integral;
        assertThat(out.truthful(0)).isCloseTo(expected, within(2e-3));
        assertThat(out.stageRule(0)).isNotNull();
    }

    @Test
    void shouldChargeAWinnerPaysBidAgentsTruthfulPaymentOnlyWhenItWins() {
        BidTable wpb = table(WPB);
        DashboardMechanismStage stage = DashboardMechanismStage.of(SOFTMAX, 0, GRID);
        StageOutcome out = new StageOutcome();
        for (long s = 1; s <= 30; s++) {
            StageBids bids = new StageBids();
            bids.add(wpb.bidFor(6), WPB, wpb);
            bids.add(wpb.bidFor(2), WPB, wpb);

            stage.run(bids, StageRandom.of(3, s), out);

            for (int i = 0; i < 2; i++) {
                if (out.won(i)) {
                    AllocationRule rule = out.stageRule(i);
                    assertThat(out.truthful(i)).isEqualTo(BidStrategy.bid(rule, WPB, out.inferredValue(i)));
                } else {
                    assertThat(out.truthful(i)).isZero(); // Def. 12: b(v̂)·w̌
                    assertThat(out.stageRule(i)).isNull(); // not needed, not computed
                }
            }
        }
    }

    @Test
    void shouldChargeTheImplicitPaymentWhenInstrumented() {
        BidTable wpb = table(WPB);
        DashboardMechanismStage stage = DashboardMechanismStage.of(SOFTMAX, 0.3, GRID);
        StageOutcome out = new StageOutcome();
        int instrumented = 0;
        for (long s = 1; s <= 200; s++) {
            StageBids bids = new StageBids();
            bids.add(wpb.bidFor(5), WPB, wpb);
            bids.add(wpb.bidFor(3), WPB, wpb);

            stage.run(bids, StageRandom.of(11, s), out);

            for (int i = 0; i < 2; i++) {
                assertThat(out.truthful(i)).isEqualTo(ImplicitPayment.of(out.inferredValue(i), 8, 0.3,
                        out.instrumented(i), out.input(i), out.won(i)));
                instrumented += out.instrumented(i) ? 1 : 0;
            }
        }
        assertThat(instrumented).isBetween(80, 160); // about ρ · 400
    }

    @Test
    void shouldLetADirectReportPayItsTruthfulPayment() {
        BidTable wpb = table(WPB);
        StageBids bids = new StageBids();
        bids.addTruthful(5, ALL_PAY);
        bids.add(wpb.bidFor(3), WPB, wpb);

        StageOutcome out = DashboardMechanismStage.of(SOFTMAX, 0, GRID).run(bids, StageRandom.of(1, 1),
                new StageOutcome());

        assertThat(out.inferredValue(0)).isEqualTo(5);
        assertThat(out.paid(0)).isEqualTo(out.truthful(0)).isPositive();
        assertThat(out.balanceChange(0)).isZero();
    }

    @Test
    void shouldClampABidAboveTheTableToVmax() {
        BidTable wpb = table(WPB);
        StageBids bids = new StageBids();
        bids.add(wpb.highestBid() + 1, WPB, wpb);

        StageOutcome out = DashboardMechanismStage.of(SOFTMAX, 0, GRID).run(bids, StageRandom.of(1, 1),
                new StageOutcome());

        assertThat(out.inferredValue(0)).isEqualTo(8);
        assertThat(out.clamp(0)).isEqualTo(Clamp.ABOVE_HIGHEST_BID);
    }

    @Test
    void shouldDrawTheSameOutcomeForTheSameStageSeed() {
        BidTable wpb = table(WPB);
        DashboardMechanismStage stage = DashboardMechanismStage.of(SOFTMAX, 0.2, GRID);
        StageBids bids = new StageBids();
        for (double v : new double[] {1, 2, 3, 4, 5, 6}) {
            bids.add(wpb.bidFor(v), WPB, wpb);
        }

        StageOutcome a = stage.run(bids, StageRandom.of(5, 9), new StageOutcome());
        StageOutcome b = stage.run(bids, StageRandom.of(5, 9), new StageOutcome());

        for (int i = 0; i < 6; i++) {
            assertThat(b.won(i)).isEqualTo(a.won(i));
            assertThat(b.input(i)).isEqualTo(a.input(i));
            assertThat(b.truthful(i)).isEqualTo(a.truthful(i));
        }
    }

    @Test
    void shouldComputeEveryStageRuleWhenAsked() {
        BidTable wpb = table(WPB);
        StageBids bids = new StageBids();
        bids.add(wpb.bidFor(5), WPB, wpb);
        bids.add(wpb.bidFor(3), WPB, wpb);

        StageOutcome out = DashboardMechanismStage.of(SOFTMAX, 0.2, GRID).withStageRules(true)
                .run(bids, StageRandom.of(1, 1), new StageOutcome());

        assertThat(out.stageRule(0).probabilities())
                .containsExactly(SOFTMAX.curve(0, new double[] {0, out.inferredValue(1)}, GRID).probabilities());
        assertThat(out.stageRule(1)).isNotNull();
    }

    @Test
    void shouldRejectAStageWithoutBids() {
        assertThatThrownBy(() -> DashboardMechanismStage.of(SOFTMAX, 0, GRID).run(new StageBids(),
                StageRandom.of(1, 1), new StageOutcome())).hasMessageContaining("at least one bid");
    }

    @Test
    void shouldRejectABidThatIsNotFinite() {
        assertThatThrownBy(() -> new StageBids().add(Double.NaN, WPB, table(WPB)))
                .hasMessageContaining("finite");
    }
}
