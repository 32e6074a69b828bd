package dev.dashmech.mechanism.simulate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dashmech.mechanism.bidding.PaymentFormat;
import dev.dashmech.mechanism.dashboard.DashboardKind;
import dev.dashmech.mechanism.rebalance.RebalancingMode;
import java.util.List;
import org.junit.jupiter.api.Test;

class MarketTest {

    private static final Market SOFTMAX = Market.of(AllocationSpec.softmax(1, 0), 10);

    @Test
    void shouldAllowAnUninstrumentedMarketWithFunctionalDashboards() {
        assertThat(SOFTMAX.rho()).isZero();
        assertThat(SOFTMAX.withRho(0.3).rho()).isEqualTo(0.3);
    }

    @Test
    void shouldRequireAnOpenIntervalRateForAnInstrumentedDashboard() {
        assertThatThrownBy(() -> SOFTMAX.withDashboard(DashboardKind.INSTRUMENTED, 0))
                .hasMessageContaining("rho: an instrumented dashboard needs an instrumentation rate in (0, 1)")
                .hasMessageContaining("was 0.0");
        assertThat(SOFTMAX.withDashboard(DashboardKind.INSTRUMENTED, 0.1).rho()).isEqualTo(0.1);
    }

    @Test
    void shouldRejectAnEtaOutsideTheHalfOpenUnitInterval() {
        assertThatThrownBy(() -> SOFTMAX.withEta(0)).hasMessageContaining("eta").hasMessageContaining("was 0.0");
        assertThatThrownBy(() -> SOFTMAX.withEta(1.5)).hasMessageContaining("was 1.5");
    }

    @Test
    void shouldRejectAProportionalAllocationWithClickThroughRates() {
        assertThatThrownBy(() -> new AllocationSpec("proportional", 1, 0, List.of(0.5)))
                .hasMessageContaining("ctrs: only a slots allocation");
    }

    @Test
    void shouldRejectAnAgentValueAboveTheMarketsRange() {
        AgentSpec a = AgentSpec.of("a", PaymentFormat.WINNER_PAYS_BID, new ValueProcess.Jump(3, 11, 5));

        assertThatThrownBy(() -> new Scenario(SOFTMAX, List.of(a), 10, 1))
                .hasMessageContaining("agent 'a' has value 11.0 above market.valueMax 10.0");
    }

    @Test
    void shouldRejectReferenceRebalancingForAWinnerPaysBidAgent() {
        AgentSpec a = AgentSpec.of("a", PaymentFormat.WINNER_PAYS_BID, new ValueProcess.Static(3));

        assertThatThrownBy(() -> new Scenario(SOFTMAX.withRebalancing(RebalancingMode.REFERENCE), List.of(a), 10, 1))
                .hasMessageContaining("market.rebalancing")
                .hasMessageContaining("'a'")
                .hasMessageContaining("use ir");
    }

    @Test
    void shouldRejectWinnerPaysBidRebalancingAtEtaOne() {
        AgentSpec a = AgentSpec.of("a", PaymentFormat.WINNER_PAYS_BID, new ValueProcess.Static(3));

        assertThatThrownBy(() -> new Scenario(SOFTMAX.withEta(1), List.of(a), 10, 1))
                .hasMessageContaining("market.eta: winner-pays-bid rebalancing needs eta < 1");
    }

    @Test
    void shouldAcceptAllPayReferenceRebalancingAtEtaOne() {
        AgentSpec a = AgentSpec.of("a", PaymentFormat.ALL_PAY, new ValueProcess.Static(3));

        Scenario s = new Scenario(SOFTMAX.withRebalancing(RebalancingMode.REFERENCE).withEta(1), List.of(a), 10, 1);

        assertThat(s.market().eta()).isEqualTo(1);
    }

    @Test
    void shouldRejectAnAllocationTheAlgorithmFactoryRejects() {
        assertThatThrownBy(() -> AllocationSpec.softmax(0, 0)).hasMessageContaining("temperature");
    }

    @Test
    void shouldRejectPublishingSoRarelyThatAStaleDashboardOverResolvesItsBalance() {
        assertThatThrownBy(() -> SOFTMAX.withEta(0.05).withPublishEvery(50))
                .hasMessageContaining("publishEvery")
                .hasMessageContaining("50 x 0.05 = 2.5");
        assertThat(SOFTMAX.withEta(0.05).withPublishEvery(20).publishEvery()).isEqualTo(20);
        assertThat(SOFTMAX.withRebalancing(RebalancingMode.NONE).withPublishEvery(1000).publishEvery()).isEqualTo(1000);
    }

    @Test
    void shouldTellWhetherAnAgentIsActive() {
        AgentSpec a = AgentSpec.of("a", PaymentFormat.WINNER_PAYS_BID, new ValueProcess.Static(1)).activeDuring(3, 5);

        assertThat(a.isActiveAt(2)).isFalse();
        assertThat(a.isActiveAt(3)).isTrue();
        assertThat(a.isActiveAt(4)).isTrue();
        assertThat(a.isActiveAt(5)).isFalse();
    }
}
