package dev.dashmech.mechanism.simulate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.dashmech.mechanism.bidding.PaymentFormat;
import dev.dashmech.mechanism.dashboard.DashboardKind;
import dev.dashmech.mechanism.rebalance.RebalancingMode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SimulatorTest {

    private static final PaymentFormat WPB = PaymentFormat.WINNER_PAYS_BID;
    private static final PaymentFormat ALL_PAY = PaymentFormat.ALL_PAY;
    private static final Market SOFTMAX = Market.of(AllocationSpec.softmax(1, 0), 10);

    private static Scenario mixed(Market market, long stages, long seed) {
        return new Scenario(market, List.of(
                AgentSpec.of("a", WPB, new ValueProcess.Static(7)),
                AgentSpec.of("b", ALL_PAY, new ValueProcess.RandomWalk(4, 0.2)),
                AgentSpec.of("c", WPB, new ValueProcess.Jump(2, 6, 50)).activeDuring(20, 150)),
                stages, seed);
    }

    @Test
    void shouldGiveAnEqualReportForTheSameScenarioAndSeed() {
        Scenario s = mixed(SOFTMAX.withDashboard(DashboardKind.INSTRUMENTED, 0.2), 300, 5);

        assertThat(Simulator.run(s)).isEqualTo(Simulator.run(s));
    }

    @Test
    void shouldGiveAnotherReportForAnotherSeed() {
        Scenario s = mixed(SOFTMAX.withDashboard(DashboardKind.INSTRUMENTED, 0.2), 300, 5);

        assertThat(Simulator.run(s.withSeed(6))).isNotEqualTo(Simulator.run(s));
    }

    @Test
    void shouldKeepAgentPathsIndependentOfTheOtherAgents() {
        // given the same walker alone and with company
        AgentSpec walker = AgentSpec.of("w", WPB, new ValueProcess.RandomWalk(5, 0.3));
        Scenario alone = new Scenario(SOFTMAX, List.of(walker), 200, 3);
        Scenario company = new Scenario(SOFTMAX, List.of(walker, AgentSpec.of("x", WPB, new ValueProcess.Static(4))),
                200, 3);

        // then its true value at the end is the same
        assertThat(Simulator.run(company).agent("w").trueValue())
                .isEqualTo(Simulator.run(alone).agent("w").trueValue());
    }

    @Test
    void shouldCountOnlyTheStagesAnAgentIsInTheMarket() {
        RunReport r = Simulator.run(mixed(SOFTMAX, 200, 1));

        assertThat(r.agent("a").activeStages()).isEqualTo(200);
        assertThat(r.agent("c").activeStages()).isEqualTo(130); // stages 20..149
        assertThat(r.agent("c").trueValue()).isEqualTo(6);
    }

    @Test
    void shouldReportAnAgentThatNeverEnteredWithoutValues() {
        Scenario s = new Scenario(SOFTMAX, List.of(AgentSpec.of("a", WPB, new ValueProcess.Static(3)),
                AgentSpec.of("late", WPB, new ValueProcess.Static(3)).activeDuring(500, AgentSpec.NEVER)), 100, 1);

        AgentReport late = Simulator.run(s).agent("late");

        assertThat(late.activeStages()).isZero();
        assertThat(late.trueValue()).isNull();
        assertThat(late.incentiveInconsistency()).isZero();
    }

    @Test
    void shouldKeepATruthfulBaselineAgentsBalanceAtZero() {
        List<AgentSpec> agents = new ArrayList<>(mixed(SOFTMAX, 1, 1).agents());
        agents.add(AgentSpec.of("t", WPB, new ValueProcess.RandomWalk(5, 0.2))
                .withStrategy(new Strategy.TruthfulBaseline()));
        for (Market m : List.of(SOFTMAX, SOFTMAX.withDashboard(DashboardKind.INSTRUMENTED, 0.2))) {
            AgentReport t = Simulator.run(new Scenario(m, agents, 300, 2)).agent("t");

            assertThat(t.maxAbsBalance()).isZero();
            assertThat(t.paid()).isEqualTo(t.truthfulPaid());
            assertThat(t.meanAbsInferenceError()).isZero();
        }
    }

    @Test
    void shouldLetAShadingAgentBidItsFactorTimesItsValue() {
        Scenario s = new Scenario(SOFTMAX, List.of(AgentSpec.of("a", WPB, new ValueProcess.Static(6)),
                AgentSpec.of("s", ALL_PAY, new ValueProcess.Static(6)).withStrategy(new Strategy.Shade(0.25))),
                50, 1);
        List<Double> bids = new ArrayList<>();

        Simulator.run(s, v -> bids.add(v.bid(1)));

        assertThat(bids).containsOnly(1.5);
    }

    @Test
    void shouldRepublishDashboardsOnlyEveryKStagesWhenAsked() {
        Scenario s = mixed(SOFTMAX.withRebalancing(RebalancingMode.NONE).withPublishEvery(10), 100, 1);
        List<Long> versions = new ArrayList<>();

        RunReport r = Simulator.run(s, v -> versions.add(v.dashboard(0).version()));

        assertThat(r.balanceUsed()).isEqualTo("published every 10 stages");
        assertThat(versions.subList(0, 10)).containsOnly(0L);
        assertThat(versions.subList(10, 20)).containsOnly(1L);
        assertThat(PaperBound.of(s.market(), s.agents().get(0))).isEmpty();
    }

    @Test
    void shouldRebalanceWithTheCurrentBalanceByDefault() {
        Scenario s = mixed(SOFTMAX, 100, 1);
        List<String> mismatches = new ArrayList<>();

        RunReport r = Simulator.run(s, v -> {
            for (int j = 0; j < v.agents(); j++) {
                if (v.dashboard(j).balance() != v.balanceBefore(j)) {
                    mismatches.add(v.stage() + "/" + v.agentId(j));
                }
            }
        });

        assertThat(r.balanceUsed()).isEqualTo("current");
        assertThat(mismatches).isEmpty();
    }

    @Test
    void shouldAddTruthfulMinusPaidToTheBalanceEveryStage() {
        Scenario s = mixed(SOFTMAX.withDashboard(DashboardKind.INSTRUMENTED, 0.2), 200, 4);

        Simulator.run(s, v -> {
            for (int j = 0; j < v.agents(); j++) {
                assertThat(v.balance(j)).isCloseTo(v.balanceBefore(j) + v.outcome().truthful(j) - v.outcome().paid(j),
                        within(1e-9));
            }
        });
        RunReport r = Simulator.run(s);
        for (AgentReport a : r.agents()) {
            assertThat(a.finalBalance()).isCloseTo(a.truthfulPaid() - a.paid(), within(1e-6));
        }
    }

    @Test
    void shouldCountRealizedWelfareOnTrueValues() {
        Scenario s = mixed(SOFTMAX, 200, 8);
        double[] welfare = {0};

        RunReport r = Simulator.run(s, v -> {
            for (int j = 0; j < v.agents(); j++) {
                welfare[0] += v.outcome().won(j) ? v.trueValue(j) : 0;
            }
        });

        assertThat(r.welfare()).isCloseTo(welfare[0], within(1e-9));
        assertThat(r.algorithmWelfare()).isPositive();
    }

    @Test
    void shouldRunEveryAllocationAlgorithmAndDashboardKind() {
        List<AllocationSpec> allocations = List.of(AllocationSpec.softmax(1, 1), AllocationSpec.proportional(1),
                AllocationSpec.slots(1, 0, List.of(0.5, 0.2)));
        for (AllocationSpec a : allocations) {
            for (DashboardKind k : DashboardKind.values()) {
                Market m = Market.of(a, 10).withDashboard(k, k == DashboardKind.INSTRUMENTED ? 0.2 : 0);

                RunReport r = Simulator.run(mixed(m, 60, 1));

                assertThat(r.algorithm()).isEqualTo(a.type());
                assertThat(r.agents()).allSatisfy(x -> assertThat(x.wins()).isPositive());
            }
        }
    }
}
