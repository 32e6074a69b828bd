package dev.dashmech.mechanism.simulate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.dashmech.mechanism.algorithm.AllocationAlgorithm;
import dev.dashmech.mechanism.balance.BalanceBounds;
import dev.dashmech.mechanism.bidding.PaymentFormat;
import dev.dashmech.mechanism.dashboard.Dashboard;
import dev.dashmech.mechanism.dashboard.DashboardKind;
import dev.dashmech.mechanism.rebalance.RebalancingMode;
import dev.dashmech.mechanism.rule.AllocationRule;
import dev.dashmech.mechanism.rule.ValueGrid;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The guarantees of MECHANISM.md §6 that need the multi-agent simulator, on seeded runs. Each test states what it
 * asserts; bounds are checked at every stage unless said otherwise.
 */
class PaperGuaranteesTest {

    private static final double VMAX = 10;
    private static final PaymentFormat WPB = PaymentFormat.WINNER_PAYS_BID;
    private static final PaymentFormat ALL_PAY = PaymentFormat.ALL_PAY;
    private static final Market SOFTMAX = Market.of(AllocationSpec.softmax(1, 1), VMAX);

    /** A dynamic environment: a random walk, a jump, an agent entering and one leaving. */
    private static List<AgentSpec> dynamicAgents(PaymentFormat a, PaymentFormat b) {
        return List.of(
                AgentSpec.of("walk", a, new ValueProcess.RandomWalk(5, 0.3)),
                AgentSpec.of("jump", b, new ValueProcess.Jump(2, 8, 400)),
                AgentSpec.of("walk2", b, new ValueProcess.RandomWalk(6, 0.3)).activeDuring(200, AgentSpec.NEVER),
                AgentSpec.of("static", a, new ValueProcess.Static(4)).activeDuring(1, 700));
    }

    /**
     * eq. 5 / Prop. 1: a follower's inferred value is its true value (exactly, to rounding: the table is inverted
     * along the same interpolation it is bid by), the algorithm is called on the inferred values, so on the true
     * values, and realized welfare matches the algorithm's expected welfare on true values within 4 standard
     * deviations of the realization.
     */
    @Test
    void shouldImplementTheAlgorithmWhenAgentsFollowTheirDashboards() {
        Scenario s = new Scenario(SOFTMAX, dynamicAgents(WPB, ALL_PAY), 1000, 3);
        double[] variance = {0};

        RunReport r = Simulator.run(s, v -> {
            double[] values = new double[v.agents()];
            for (int j = 0; j < v.agents(); j++) {
                values[j] = v.trueValue(j);
                assertThat(v.outcome().inferredValue(j)).isCloseTo(v.trueValue(j), within(1e-9 * VMAX));
                assertThat(v.outcome().input(j)).isEqualTo(v.outcome().inferredValue(j));
            }
            double[] x = new double[v.agents()];
            v.algorithm().allocation(values, x);
            double mean = 0;
            double square = 0;
            for (int j = 0; j < x.length; j++) {
                mean += values[j] * x[j];
                square += values[j] * values[j] * x[j]; // one item: at most one winner
            }
            variance[0] += square - mean * mean;
        });

        assertThat(r.welfare()).isCloseTo(r.algorithmWelfare(), within(4 * Math.sqrt(variance[0])));
        assertThat(r.agents()).allSatisfy(a -> assertThat(a.meanAbsInferenceError()).isLessThan(1e-9));
    }

    /** eq. 5 on instrumented dashboards too: the inferred value of a follower is its true value. */
    @Test
    void shouldInferAFollowersTrueValueFromAnInstrumentedDashboard() {
        Scenario s = new Scenario(SOFTMAX.withDashboard(DashboardKind.INSTRUMENTED, 0.2).withEta(0.05),
                dynamicAgents(WPB, ALL_PAY), 600, 3);

        RunReport r = Simulator.run(s);

        assertThat(r.agents()).allSatisfy(a -> assertThat(a.meanAbsInferenceError()).isLessThan(1e-9));
    }

    /**
     * Thm. 2: static values, k-lookback inferred-values dashboard (k = 3), no rebalancing. From stage 2 on, against
     * the true counterfactual rule {@code x_i(·, v_-i)} (the others follow, so they are inferred truthfully), the
     * follower's expected stage utility is within 1e-3 of the best of 400 deviation bids across the dashboard's
     * bid range. In stage 1 (the prior dashboard) it is not: some agent gains more than 0.05 by deviating, which
     * shows the comparison can fail.
     */
    @Test
    void shouldMakeFollowingTheDashboardABestResponseFromStageTwoOn() {
        Market market = SOFTMAX.withLookback(3).withRebalancing(RebalancingMode.NONE);
        Scenario s = new Scenario(market, List.of(
                AgentSpec.of("a", WPB, new ValueProcess.Static(7)),
                AgentSpec.of("b", ALL_PAY, new ValueProcess.Static(5)),
                AgentSpec.of("c", WPB, new ValueProcess.Static(3))), 6, 1);
        ValueGrid grid = ValueGrid.uniform(VMAX, market.grid());
        List<Double> gapsFromStageTwo = new ArrayList<>();
        double[] stageOneGap = {0};

        Simulator.run(s, v -> {
            double[] values = new double[v.agents()];
            for (int j = 0; j < v.agents(); j++) {
                values[j] = v.trueValue(j);
            }
            for (int j = 0; j < v.agents(); j++) {
                PaymentFormat format = s.agents().get(j).format();
                double gap = bestDeviationGain(v.algorithm(), grid, values, j, v.dashboard(j), format);
                if (v.stage() == 1) {
                    stageOneGap[0] = Math.max(stageOneGap[0], gap);
                } else {
                    gapsFromStageTwo.add(gap);
                }
            }
        });

        assertThat(gapsFromStageTwo).hasSize(15).allSatisfy(g -> assertThat(g).isLessThan(1e-3));
        assertThat(stageOneGap[0]).isGreaterThan(0.05);
    }

    /** max over deviation bids of u(b) − u(follow), u(b) = v x(v̂(b)) − payment, x the true counterfactual rule. */
    private static double bestDeviationGain(AllocationAlgorithm algorithm, ValueGrid grid, double[] values, int j,
                                            Dashboard dashboard, PaymentFormat format) {
        AllocationRule x = algorithm.curve(j, values, grid);
        double v = values[j];
        double follow = utility(x, dashboard, format, v, dashboard.bidFor(v));
        double best = follow;
        double top = dashboard.table().highestBid();
        for (int k = 0; k <= 400; k++) {
            best = Math.max(best, utility(x, dashboard, format, v, top * k / 400));
        }
        return best - follow;
    }

    private static double utility(AllocationRule x, Dashboard d, PaymentFormat format, double v, double bid) {
        double win = x.at(d.inferValue(bid)); // the mechanism allocates x(v̂(b), v_-i)
        return v * win - (format == ALL_PAY ? bid : bid * win);
    }

    /**
     * Thm. 3: all-pay reference rebalancing with η = 1 in a dynamic environment. Every stage's balance is that
     * stage's payment residual, so {@code |L_t| ≤ v̂_t ≤ vmax} (asserted both).
     */
    @Test
    void shouldBoundAllPayBalancesByTheValueWithFullRebalancing() {
        Market market = SOFTMAX.withRebalancing(RebalancingMode.REFERENCE).withEta(1);
        Scenario s = new Scenario(market, dynamicAgents(ALL_PAY, ALL_PAY), 1000, 4);

        RunReport r = Simulator.run(s, v -> {
            for (int j = 0; j < v.agents(); j++) {
                assertThat(Math.abs(v.balance(j))).isLessThanOrEqualTo(v.outcome().inferredValue(j) + 1e-9);
            }
        });

        assertThat(r.agents()).allSatisfy(a -> {
            assertThat(a.balanceBound()).isEqualTo(BalanceBounds.allPay(VMAX));
            assertThat(a.boundSource()).isEqualTo("Thm. 3");
            assertThat(a.maxAbsBalance()).isLessThanOrEqualTo(VMAX).isPositive();
        });
    }

    /**
     * Thm. 4, 5 / Cor. 1: winner-pays-bid individually rational rebalancing (η = 0.1, dashboard floored at η) on
     * random-walk and jump values: {@code |L_t| ≤ vmax/η} at every stage for every follower (their bids always stay
     * in the dashboard's range). An agent shading its bid to 60% (Thm. 4 holds for any sequence of inferred values,
     * so for any strategy whose bids stay in range) stays within the bound too, although some of its bids fell
     * outside the range and were clamped. A 20-stage lookback keeps the dashboards wrong for a while after each
     * change, so balances build up and are rebalanced.
     */
    @Test
    void shouldBoundWinnerPaysBidBalancesByVmaxOverEta() {
        List<AgentSpec> agents = new ArrayList<>(dynamicAgents(WPB, WPB));
        agents.add(AgentSpec.of("shade", WPB, new ValueProcess.RandomWalk(7, 0.3))
                .withStrategy(new Strategy.Shade(0.6)));
        Scenario s = new Scenario(SOFTMAX.withLookback(20), agents, 1500, 5);
        double bound = BalanceBounds.winnerPaysBid(VMAX, 0.1);

        RunReport r = Simulator.run(s, v -> {
            for (int j = 0; j < v.agents(); j++) {
                assertThat(Math.abs(v.balance(j))).isLessThanOrEqualTo(bound);
            }
        });

        assertThat(r.agents()).filteredOn(a -> !a.id().equals("shade"))
                .allSatisfy(a -> assertThat(a.clampedBids()).isZero());
        assertThat(r.agent("shade").clampedBids()).isPositive();
        assertThat(r.agents()).allSatisfy(a -> {
            assertThat(a.balanceBound()).isEqualTo(bound);
            assertThat(a.boundSource()).isEqualTo("Cor. 1");
            assertThat(a.incentiveInconsistency()).isLessThanOrEqualTo(bound / a.activeStages());
        });
        assertThat(r.agents()).anySatisfy(a -> assertThat(a.maxAbsBalance()).isGreaterThan(0.5));
    }

    /**
     * Lemma 7: an all-pay agent with a static value on the last-stage inferred-values dashboard, without
     * rebalancing, keeps {@code |L_t| ≤ v} while the others' values move. Lemma 8: the same for a winner-pays-bid
     * agent on the last-winning-stage dashboard.
     */
    @Test
    void shouldKeepAStaticValueAgentsBalanceWithinItsValueWithoutRebalancing() {
        for (DashboardKind kind : List.of(DashboardKind.INFERRED_VALUES, DashboardKind.LAST_WINNING_STAGE)) {
            PaymentFormat format = kind == DashboardKind.INFERRED_VALUES ? ALL_PAY : WPB;
            Market market = SOFTMAX.withDashboard(kind, 0).withRebalancing(RebalancingMode.NONE);
            Scenario s = new Scenario(market, List.of(
                    AgentSpec.of("static", format, new ValueProcess.Static(6)),
                    AgentSpec.of("walk", WPB, new ValueProcess.RandomWalk(5, 0.5)),
                    AgentSpec.of("jump", ALL_PAY, new ValueProcess.Jump(1, 8, 300))), 1000, 6);

            RunReport r = Simulator.run(s, v -> assertThat(Math.abs(v.balance(0))).isLessThanOrEqualTo(6.0));

            AgentReport a = r.agent("static");
            assertThat(a.balanceBound()).isEqualTo(6.0);
            assertThat(a.boundSource()).isEqualTo(format == ALL_PAY ? "Lemma 7" : "Lemma 8");
            assertThat(a.maxAbsBalance()).isPositive();
        }
    }

    /**
     * Cor. 2: instrumented winner-pays-bid dashboards with individually rational rebalancing (ρ = 0.2, η = 0.1):
     * {@code |L_t| ≤ vmax/(ρη)} at every stage (always, not only with high probability), so the incentive
     * inconsistency after T stages is at most {@code vmax/(ρηT)}.
     */
    @Test
    void shouldBoundInstrumentedWinnerPaysBidBalancesAlways() {
        Market market = SOFTMAX.withDashboard(DashboardKind.INSTRUMENTED, 0.2);
        Scenario s = new Scenario(market, dynamicAgents(WPB, WPB), 1500, 7);
        double bound = BalanceBounds.instrumented(VMAX, 0.2, 0.1);

        RunReport r = Simulator.run(s, v -> {
            for (int j = 0; j < v.agents(); j++) {
                assertThat(Math.abs(v.balance(j))).isLessThanOrEqualTo(bound);
            }
        });

        assertThat(r.agents()).allSatisfy(a -> {
            assertThat(a.boundSource()).isEqualTo("Cor. 2");
            assertThat(a.incentiveInconsistency()).isLessThanOrEqualTo(bound / a.activeStages());
        });
        assertThat(r.agents()).anySatisfy(a -> assertThat(a.maxAbsBalance()).isGreaterThan(VMAX));
    }

    /**
     * Ours (MECHANISM.md §6): instrumented all-pay agents with reference rebalancing follow
     * {@code L ← (1−η)L + (ř − c(v̂))} with {@code |ř − c(v̂)| ≤ vmax/ρ}, so {@code |L_t| ≤ vmax/(ρη)}. Asserted:
     * the per-stage step {@code |L_t − (1−η)L_{t−1}| ≤ vmax/ρ} and the bound.
     */
    @Test
    void shouldBoundInstrumentedAllPayBalancesWithReferenceRebalancing() {
        double rho = 0.2;
        double eta = 0.1;
        Market market = SOFTMAX.withDashboard(DashboardKind.INSTRUMENTED, rho).withEta(eta)
                .withRebalancing(RebalancingMode.REFERENCE);
        Scenario s = new Scenario(market, dynamicAgents(ALL_PAY, ALL_PAY), 1500, 8);
        double bound = BalanceBounds.instrumented(VMAX, rho, eta);

        RunReport r = Simulator.run(s, v -> {
            for (int j = 0; j < v.agents(); j++) {
                assertThat(Math.abs(v.balance(j) - (1 - eta) * v.balanceBefore(j))).isLessThanOrEqualTo(VMAX / rho);
                assertThat(Math.abs(v.balance(j))).isLessThanOrEqualTo(bound);
            }
        });

        assertThat(r.agents()).allSatisfy(a ->
                assertThat(a.boundSource()).isEqualTo("ours: instrumented all-pay reference (MECHANISM.md §6)"));
    }

    /**
     * Thm. 7 and Cor. 3 over 40 seeds of an instrumented winner-pays-bid market (ρ = 0.2, η = 0.1, δ = 0.1):
     * the final balance {@code |L_T|} exceeds {@code vmax/η + (vmax/ρ)·sqrt(log(2/δ)/(2η))} in at most δ of the
     * seed-agent runs (Thm. 7); and the mean final balance over the seeds, an estimate of the expected balance that
     * Cor. 3's incentive consistency is about, has magnitude at most {@code vmax/η}.
     */
    @Test
    void shouldHoldTheHighProbabilityBoundInMostSeeds() {
        double rho = 0.2;
        double eta = 0.1;
        double delta = 0.1;
        Market market = SOFTMAX.withDashboard(DashboardKind.INSTRUMENTED, rho).withEta(eta);
        List<AgentSpec> agents = List.of(
                AgentSpec.of("walk", WPB, new ValueProcess.RandomWalk(5, 0.3)),
                AgentSpec.of("jump", WPB, new ValueProcess.Jump(3, 7, 300)),
                AgentSpec.of("static", WPB, new ValueProcess.Static(6)));
        double bound = BalanceBounds.highProbability(VMAX, rho, eta, delta);
        int runs = 0;
        int exceed = 0;
        double sum = 0;
        for (long seed = 1; seed <= 40; seed++) {
            for (AgentReport a : Simulator.run(new Scenario(market, agents, 600, seed)).agents()) {
                runs++;
                exceed += Math.abs(a.finalBalance()) > bound ? 1 : 0;
                sum += a.finalBalance();
            }
        }

        assertThat(exceed).isLessThanOrEqualTo((int) (delta * runs));
        assertThat(Math.abs(sum / runs)).isLessThanOrEqualTo(VMAX / eta);
    }
}
