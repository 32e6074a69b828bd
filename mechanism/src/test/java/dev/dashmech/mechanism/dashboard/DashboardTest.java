package dev.dashmech.mechanism.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.dashmech.mechanism.bidding.BidStrategy;
import dev.dashmech.mechanism.bidding.Clamp;
import dev.dashmech.mechanism.bidding.PaymentFormat;
import dev.dashmech.mechanism.rebalance.RebalancedStrategy;
import dev.dashmech.mechanism.rebalance.Rebalancing;
import dev.dashmech.mechanism.rebalance.RebalancingMode;
import dev.dashmech.mechanism.rule.AllocationRule;
import dev.dashmech.mechanism.rule.ValueGrid;
import java.util.List;
import org.junit.jupiter.api.Test;

class DashboardTest {

    private static final ValueGrid GRID = ValueGrid.uniform(8);
    private static final PaymentFormat WPB = PaymentFormat.WINNER_PAYS_BID;
    private static final AllocationRule RULE = AllocationRule.sample(GRID, z -> 0.1 + 0.8 / (1 + Math.exp(-(z - 4))));

    @Test
    void shouldCarryTheRebalancingMetadataOfItsStrategy() {
        // given
        RebalancedStrategy s = Rebalancing.individuallyRational(0.2).apply(RULE, WPB, 3, 8);

        // when
        Dashboard d = Dashboard.builder(DashboardKind.INSTRUMENTED, s).version(7).rho(0.1).sampleCount(1234).build();

        // then
        assertThat(d.kind()).isEqualTo(DashboardKind.INSTRUMENTED);
        assertThat(d.format()).isEqualTo(WPB);
        assertThat(d.version()).isEqualTo(7);
        assertThat(d.rebalancing()).isEqualTo(RebalancingMode.INDIVIDUALLY_RATIONAL);
        assertThat(d.balance()).isEqualTo(3.0);
        assertThat(d.balanceUsed()).isEqualTo(3.0);
        assertThat(d.eta()).isEqualTo(0.2);
        assertThat(d.vDagger()).isEqualTo(s.vDagger());
        assertThat(d.values()).contains(s.vDagger().getAsDouble());
        assertThat(d.rho()).isEqualTo(0.1);
        assertThat(d.sampleCount()).isEqualTo(1234);
    }

    @Test
    void shouldInferValuesThroughItsTable() {
        Dashboard d = Dashboard.builder(DashboardKind.INFERRED_VALUES, Rebalancing.none().apply(RULE, WPB, 0, 8))
                .build();

        assertThat(d.inferValue(d.bidFor(5.5))).isCloseTo(5.5, within(1e-12));
        assertThat(d.inferValue(100)).isEqualTo(8.0);
        assertThat(d.clampOf(100)).isEqualTo(Clamp.ABOVE_HIGHEST_BID);
        assertThat(d.isClamped(d.bidFor(5.5))).isFalse();
        assertThatThrownBy(() -> d.inferValue(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldForecastTheWinProbabilityAndExpectedPaymentOfABid() {
        Dashboard wpb = Dashboard.builder(DashboardKind.INFERRED_VALUES, Rebalancing.none().apply(RULE, WPB, 0, 8))
                .build();
        Dashboard allPay = Dashboard.builder(DashboardKind.INFERRED_VALUES,
                Rebalancing.none().apply(RULE, PaymentFormat.ALL_PAY, 0, 8)).build();
        double bid = wpb.bidFor(4);

        assertThat(wpb.winProbabilityForBid(bid)).isCloseTo(RULE.at(4), within(1e-12));
        assertThat(wpb.expectedPayment(bid)).isCloseTo(bid * RULE.at(4), within(1e-12));
        assertThat(allPay.expectedPayment(1.25)).isEqualTo(1.25);
    }

    @Test
    void shouldRestoreAPublishedDashboardFromItsTableAndMetadata() {
        RebalancedStrategy s = Rebalancing.individuallyRational(0.2).apply(RULE, WPB, -2, 8);
        Dashboard published = Dashboard.builder(DashboardKind.LAST_WINNING_STAGE, s).version(3).build();

        Dashboard restored = Dashboard.builder(DashboardKind.LAST_WINNING_STAGE, WPB, published.table())
                .version(3)
                .rebalancing(RebalancingMode.INDIVIDUALLY_RATIONAL, -2, -2, 0.2, published.vDagger().getAsDouble())
                .build();

        assertThat(restored).isEqualTo(published).hasSameHashCodeAs(published);
    }

    @Test
    void shouldRejectBadMetadataNamingIt() {
        RebalancedStrategy s = Rebalancing.none().apply(RULE, WPB, 0, 8);
        Dashboard.Builder b = Dashboard.builder(DashboardKind.INSTRUMENTED, s);

        assertThatThrownBy(() -> b.rho(1)).hasMessageContaining("rho").hasMessageContaining("1.0");
        assertThatThrownBy(() -> b.version(-1)).hasMessageContaining("-1");
        assertThatThrownBy(() -> b.sampleCount(-5)).hasMessageContaining("-5");
        assertThatThrownBy(() -> b.rebalancing(RebalancingMode.REFERENCE, 1, 1, 0.5, 2.0))
                .hasMessageContaining("v†");
    }

    @Test
    void shouldRefuseAStrategyThatCannotBeInverted() {
        RebalancedStrategy s = Rebalancing.reference(0.2).apply(RULE, WPB, 3, 8);

        assertThatThrownBy(() -> Dashboard.builder(DashboardKind.INFERRED_VALUES, s))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("Lemma 1");
    }

    @Test
    void shouldAverageTheLastKStageRules() {
        // Def. 4 with k = 2
        InferredValuesWindow w = InferredValuesWindow.lookback(2);
        AllocationRule a = AllocationRule.sample(GRID, z -> 0.1);
        AllocationRule b = AllocationRule.sample(GRID, z -> 0.3);
        AllocationRule c = AllocationRule.sample(GRID, z -> 0.7);

        assertThat(w.rule()).isEmpty();
        w.add(a);
        assertThat(w.rule()).hasValue(a);
        w.add(b);
        w.add(c);

        assertThat(w.rule().orElseThrow().at(3)).isCloseTo(0.5, within(1e-15));
        assertThat(w.size()).isEqualTo(2);
        assertThat(w.stages()).isEqualTo(3);
        assertThat(AllocationRule.mean(List.of(b, c))).isEqualTo(w.rule().orElseThrow());
    }

    @Test
    void shouldUseTheLastStageRuleForTheLastStageDashboard() {
        InferredValuesWindow w = InferredValuesWindow.lastStage();
        AllocationRule a = AllocationRule.sample(GRID, z -> 0.1);
        AllocationRule b = AllocationRule.sample(GRID, z -> 0.3);

        w.add(a);
        w.add(b);

        assertThat(w.rule()).hasValue(b);
    }

    @Test
    void shouldRejectARuleOnAnotherGrid() {
        InferredValuesWindow w = InferredValuesWindow.lookback(3);
        w.add(AllocationRule.sample(GRID, z -> 0.1));

        assertThatThrownBy(() -> w.add(AllocationRule.sample(ValueGrid.uniform(9), z -> 0.1)))
                .hasMessageContaining("does not match");
        assertThatThrownBy(() -> InferredValuesWindow.lookback(0)).hasMessageContaining("k >= 1");
    }

    @Test
    void shouldKeepTheRuleOfTheLatestWonStage() {
        // Def. 15
        LastWinningStage tracker = new LastWinningStage();
        AllocationRule won = AllocationRule.sample(GRID, z -> 0.2);
        AllocationRule lost = AllocationRule.sample(GRID, z -> 0.9);

        assertThat(tracker.rule()).isEmpty();
        tracker.record(won, true);
        tracker.record(lost, false);

        assertThat(tracker.rule()).hasValue(won);
        assertThat(tracker.wins()).isEqualTo(1);
    }

    @Test
    void shouldStartFromTheUniformCompetitorPrior() {
        AllocationRule prior = Prior.uniformCompetitor(GRID);

        assertThat(prior.isStrictlyIncreasing()).isTrue();
        assertThat(BidStrategy.of(prior, WPB).bid(5)).isCloseTo(2.5, within(1e-14));
        assertThat(BidStrategy.of(prior, PaymentFormat.ALL_PAY).bid(4)).isCloseTo(1.0, within(1e-14));
    }

    @Test
    void shouldParseKinds() {
        assertThat(DashboardKind.parse("k-lookback")).isEqualTo(DashboardKind.INFERRED_VALUES);
        assertThat(DashboardKind.parse("LAST_WINNING_STAGE")).isEqualTo(DashboardKind.LAST_WINNING_STAGE);
        assertThat(DashboardKind.parse("instrumented")).isEqualTo(DashboardKind.INSTRUMENTED);
        assertThatThrownBy(() -> DashboardKind.parse("oracle")).hasMessageContaining("'oracle'");
    }
}
