package dev.dashmech.mechanism.simulate;

import dev.dashmech.mechanism.algorithm.AllocationAlgorithm;
import dev.dashmech.mechanism.bidding.Clamp;
import dev.dashmech.mechanism.dashboard.Dashboard;
import dev.dashmech.mechanism.dashboard.DashboardKind;
import dev.dashmech.mechanism.dashboard.Prior;
import dev.dashmech.mechanism.instrument.InstrumentedStage;
import dev.dashmech.mechanism.random.StageRandom;
import dev.dashmech.mechanism.rule.AllocationRule;
import dev.dashmech.mechanism.rule.ValueGrid;
import dev.dashmech.mechanism.stage.DashboardMechanismStage;
import dev.dashmech.mechanism.stage.StageBids;
import dev.dashmech.mechanism.stage.StageOutcome;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The sequential simulator: runs a {@link Scenario} stage by stage through the dashboard mechanism and reports
 * what each agent won, paid and owes (a {@link RunReport}).
 *
 * <p>Each stage {@code s = 1..T}:
 * <ol>
 *   <li>every agent's true value advances along its value process (its own generator, seeded from the scenario
 *   seed and the agent's position, so adding an agent does not change the others' paths);</li>
 *   <li>every active agent gets its dashboard: re-estimated from what it has learnt and rebalanced with its
 *   current balance (or, with {@code publishEvery = K > 1}, the one published at most K-1 stages ago);</li>
 *   <li>it bids by its strategy: {@code follow} the dashboard's bid for its true value, {@code shade}
 *   {@code F × value}, {@code truthful-baseline} its value as a direct report;</li>
 *   <li>the stage runs ({@link DashboardMechanismStage}: inference, one instrumented call, payments) on the
 *   generator {@code StageRandom.of(seed, s)};</li>
 *   <li>balances update {@code L += truthful − paid};</li>
 *   <li>dashboards learn: inferred-values the stage's counterfactual rule {@code x_i(·, v̂_-i)} (Def. 3),
 *   last-winning-stage that rule when the agent won (Def. 15), instrumented the agent's instrumentation sample
 *   {@code (v̌, w̌)} when it was instrumented (Def. 17).</li>
 * </ol>
 * Welfare is counted on true values: realized {@code Σ v_i w̌_i}, and the algorithm's expected
 * {@code Σ v_i x_i(v)} on the true profile, what implementing the algorithm would give.
 *
 * <p>Deterministic: the same scenario (including its seed) gives an equal report.
 */
public final class Simulator {

    /** Separates the value-process streams from the stage streams of the same seed. */
    private static final long VALUE_SALT = 0x5eed_0f_7a1_0e5L;

    private Simulator() {
    }

    /**
     * Runs {@code scenario} to the end.
     *
     * @throws SimulationException if an agent's dashboard cannot be built or its bid not placed, naming the stage and
     *     the agent (e.g. a balance so large that the rebalanced bids are no longer invertible)
     */
    public static RunReport run(Scenario scenario) {
        return run(scenario, null);
    }

    /** Runs {@code scenario} to the end, showing every stage to {@code listener} (may be null). */
    public static RunReport run(Scenario scenario, StageListener listener) {
        return new Run(scenario, listener).execute();
    }

    /** One run: all its mutable state. */
    private static final class Run implements StageView {

        private final Scenario scenario;
        private final Market market;
        private final StageListener listener;
        private final AllocationAlgorithm algorithm;
        private final DashboardMechanismStage mechanism;
        private final List<AgentState> agents = new ArrayList<>();
        private final StageBids bids;
        private final StageOutcome outcome = new StageOutcome();
        private final StageRandom rng = StageRandom.of(0, 0);
        private final AgentState[] active;
        private final double[][] trueValuesByCount;
        private final double[][] allocationByCount;
        private final double[] balanceBefore;
        private int activeCount;
        private long stage;
        private double welfare;
        private double algorithmWelfare;

        Run(Scenario scenario, StageListener listener) {
            this.scenario = scenario;
            this.market = scenario.market();
            this.listener = listener;
            this.algorithm = market.allocation().algorithm();
            ValueGrid grid = ValueGrid.uniform(market.valueMax(), market.grid());
            this.mechanism = DashboardMechanismStage.of(algorithm, market.rho(), grid)
                    .withStageRules(market.dashboard() == DashboardKind.INFERRED_VALUES);
            AllocationRule prior = Prior.uniformCompetitor(grid);
            List<AgentSpec> specs = scenario.agents();
            for (int a = 0; a < specs.size(); a++) {
                SplittableRandom valueRng = new SplittableRandom(StageRandom.seed(scenario.seed() ^ VALUE_SALT, a));
                agents.add(new AgentState(specs.get(a), market, grid, prior, valueRng));
            }
            int n = agents.size();
            this.bids = new StageBids(n);
            this.active = new AgentState[n];
            this.balanceBefore = new double[n];
            this.trueValuesByCount = new double[n + 1][];
            this.allocationByCount = new double[n + 1][];
            for (int k = 1; k <= n; k++) {
                trueValuesByCount[k] = new double[k];
                allocationByCount[k] = new double[k];
            }
        }

        RunReport execute() {
            int publishEvery = market.publishEvery();
            int refitEvery = market.refitEvery();
            for (stage = 1; stage <= scenario.stages(); stage++) {
                bids.clear();
                activeCount = 0;
                for (AgentState a : agents) {
                    a.advanceValue();
                    if (!a.spec.isActiveAt(stage)) {
                        continue;
                    }
                    try {
                        a.publishIfDue(stage, publishEvery, refitEvery);
                        double bid = a.bid();
                        if (a.isTruthfulBaseline()) {
                            bids.addTruthful(bid, a.format);
                        } else {
                            bids.add(bid, a.format, a.dashboard.table());
                        }
                    } catch (IllegalArgumentException | IllegalStateException e) {
                        throw new SimulationException(stage, a.spec.id(), e);
                    }
                    balanceBefore[activeCount] = a.balance;
                    active[activeCount++] = a;
                }
                if (activeCount == 0) {
                    continue;
                }
                mechanism.run(bids, rng.reset(scenario.seed(), stage), outcome);
                settle();
                if (listener != null) {
                    listener.onStage(this);
                }
            }
            List<AgentReport> reports = new ArrayList<>();
            for (AgentState a : agents) {
                reports.add(a.report(market));
            }
            return new RunReport(scenario.stages(), scenario.seed(), algorithm.name(), market.dashboard().label(),
                    market.rebalancing().label(), market.rho(), market.eta(), market.valueMax(),
                    market.publishEvery() == 1 ? "current" : "published every " + market.publishEvery() + " stages",
                    welfare, algorithmWelfare, reports);
        }

        private void settle() {
            double[] values = trueValuesByCount[activeCount];
            for (int j = 0; j < activeCount; j++) {
                AgentState a = active[j];
                boolean won = outcome.won(j);
                a.settle(outcome.inferredValue(j), outcome.clamp(j) != Clamp.NONE, won, outcome.paid(j),
                        outcome.truthful(j));
                if (a.learnsStageRules()) {
                    AllocationRule rule = outcome.stageRule(j);
                    if (rule == null && (won || market.dashboard() == DashboardKind.INFERRED_VALUES)) {
                        // instrumented stages compute no rules for payments; the learner still needs this one
                        rule = algorithm.curve(j, inferredValues(), mechanism.grid());
                    }
                    a.learnStageRule(rule, won);
                }
                values[j] = a.value;
                if (won) {
                    welfare += a.value;
                }
            }
            InstrumentedStage inst = outcome.instrumentation();
            for (int m = 0; m < inst.instrumentationSampleCount(); m++) {
                active[inst.instrumentationSampleAgent(m)].learnSample(inst.instrumentationSampleValue(m),
                        inst.instrumentationSampleWon(m));
            }
            double[] x = allocationByCount[activeCount];
            algorithm.allocation(values, x);
            for (int j = 0; j < activeCount; j++) {
                algorithmWelfare += values[j] * x[j];
            }
        }

        private double[] inferredValues() {
            double[] v = new double[activeCount];
            for (int j = 0; j < activeCount; j++) {
                v[j] = outcome.inferredValue(j);
            }
            return v;
        }

        @Override
        public long stage() {
            return stage;
        }

        @Override
        public AllocationAlgorithm algorithm() {
            return algorithm;
        }

        @Override
        public int agents() {
            return activeCount;
        }

        @Override
        public String agentId(int j) {
            return agent(j).spec.id();
        }

        @Override
        public double trueValue(int j) {
            return agent(j).value;
        }

        @Override
        public Dashboard dashboard(int j) {
            return agent(j).dashboard;
        }

        @Override
        public double bid(int j) {
            return bids.bid(j);
        }

        @Override
        public double balanceBefore(int j) {
            agent(j);
            return balanceBefore[j];
        }

        @Override
        public double balance(int j) {
            return agent(j).balance;
        }

        @Override
        public StageOutcome outcome() {
            return outcome;
        }

        private AgentState agent(int j) {
            if (j < 0 || j >= activeCount) {
                throw new IndexOutOfBoundsException("agent " + j + " of a stage of " + activeCount);
            }
            return active[j];
        }
    }
}
