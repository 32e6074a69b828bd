package dev.dashmech.mechanism.simulate;

import dev.dashmech.mechanism.balance.BalanceBounds;
import dev.dashmech.mechanism.balance.OutstandingBalance;
import dev.dashmech.mechanism.bidding.PaymentFormat;
import dev.dashmech.mechanism.dashboard.Dashboard;
import dev.dashmech.mechanism.dashboard.DashboardKind;
import dev.dashmech.mechanism.dashboard.InferredValuesWindow;
import dev.dashmech.mechanism.dashboard.InstrumentationSamples;
import dev.dashmech.mechanism.dashboard.LastWinningStage;
import dev.dashmech.mechanism.dashboard.Prior;
import dev.dashmech.mechanism.rebalance.Rebalancing;
import dev.dashmech.mechanism.rebalance.RebalancingMode;
import dev.dashmech.mechanism.rule.AllocationRule;
import dev.dashmech.mechanism.rule.ValueGrid;
import java.util.random.RandomGenerator;

/** One agent's state during a run: value path, dashboard learner, published dashboard, balance and tallies. */
final class AgentState {

    final AgentSpec spec;
    final PaymentFormat format;
    private final ValueProcess.ValuePath path;
    private final DashboardKind kind;
    private final ValueGrid grid;
    private final double rho;
    private final Rebalancing rebalancing;
    private final AllocationRule prior;
    private final InferredValuesWindow window;
    private final LastWinningStage lastWin;
    private final InstrumentationSamples samples;

    double value;
    Dashboard dashboard;
    private AllocationRule rule;
    private long ruleSamples;
    private long observations;
    private long observationsAtFit;
    private long version;
    private long publishedAt = Long.MIN_VALUE;
    private double publishedBalance;
    private double publishedScale;

    double balance;
    double maxAbsBalance;
    long activeStages;
    double lastTrueValue = Double.NaN;
    double lastInferredValue = Double.NaN;
    double sumAbsInferenceError;
    long clampedBids;
    long wins;
    double paid;
    double truthfulPaid;
    double utility;

    AgentState(AgentSpec spec, Market market, ValueGrid grid, AllocationRule prior, RandomGenerator valueRng) {
        this.spec = spec;
        this.format = spec.format();
        this.path = spec.value().path(market.valueMax(), valueRng);
        this.kind = market.dashboard();
        this.grid = grid;
        this.rho = market.rho();
        this.rebalancing = rebalancing(market, format);
        this.prior = prior;
        this.window = kind == DashboardKind.INFERRED_VALUES ? InferredValuesWindow.lookback(market.lookback()) : null;
        this.lastWin = kind == DashboardKind.LAST_WINNING_STAGE ? new LastWinningStage() : null;
        this.samples = kind == DashboardKind.INSTRUMENTED ? InstrumentationSamples.on(grid, market.forgetting()) : null;
    }

    private static Rebalancing rebalancing(Market market, PaymentFormat format) {
        Rebalancing r = switch (market.rebalancing()) {
            case NONE -> Rebalancing.none();
            case REFERENCE -> Rebalancing.reference(market.eta());
            case INDIVIDUALLY_RATIONAL -> Rebalancing.recommended(format, market.eta());
        };
        return market.rebalancing() == RebalancingMode.NONE ? r : r.withHysteresis(market.hysteresis());
    }

    void advanceValue() {
        value = path.next();
    }

    /**
     * Publishes a new dashboard when one is due (or missing): the rule re-estimated if at least {@code refitEvery}
     * observations arrived since the last estimate, rebalanced with the balance now.
     */
    void publishIfDue(long stage, int publishEvery, int refitEvery) {
        if (dashboard != null && stage - publishedAt < publishEvery) {
            return;
        }
        boolean refit = rule == null || observations - observationsAtFit >= refitEvery;
        if (refit) {
            rule = estimate();
            observationsAtFit = observations;
        }
        // hysteresis band relative to the agent's recent inferred value; vmax before it has one
        double scale = Double.isNaN(lastInferredValue) ? grid.vmax() : lastInferredValue;
        if (!refit && dashboard != null && balance == publishedBalance && scale == publishedScale) {
            publishedAt = stage; // same rule, balance and band: the same dashboard, nothing to republish
            return;
        }
        publishedBalance = balance;
        publishedScale = scale;
        dashboard = Dashboard.builder(kind, rebalancing.apply(rule, format, balance, scale))
                .version(version++)
                .rho(rho)
                .sampleCount(ruleSamples)
                .build();
        publishedAt = stage;
    }

    /** The dashboard's rule from what the agent has seen: Def. 4, 15 or 17; the prior before anything. */
    private AllocationRule estimate() {
        switch (kind) {
            case INFERRED_VALUES -> {
                ruleSamples = window.size();
                return window.rule().orElse(prior);
            }
            case LAST_WINNING_STAGE -> {
                ruleSamples = lastWin.wins();
                return lastWin.rule().orElse(prior);
            }
            default -> {
                ruleSamples = samples.count();
                return samples.isEmpty() ? prior : samples.instrumentedRule(rho); // Def. 17
            }
        }
    }

    /** The agent's bid this stage under its strategy; a truthful-baseline agent's is its value. */
    double bid() {
        Strategy s = spec.strategy();
        if (s instanceof Strategy.Shade shade) {
            return shade.factor() * value;
        }
        if (s instanceof Strategy.TruthfulBaseline) {
            return value;
        }
        return dashboard.bidFor(value);
    }

    boolean isTruthfulBaseline() {
        return spec.strategy() instanceof Strategy.TruthfulBaseline;
    }

    boolean learnsStageRules() {
        return window != null || lastWin != null;
    }

    /** Records one stage of the agent's outcome. */
    void settle(double inferred, boolean clamped, boolean won, double paidAmount, double truthful) {
        activeStages++;
        lastTrueValue = value;
        lastInferredValue = inferred;
        sumAbsInferenceError += Math.abs(inferred - value);
        if (clamped) {
            clampedBids++;
        }
        if (won) {
            wins++;
            utility += value;
        }
        paid += paidAmount;
        utility -= paidAmount;
        truthfulPaid += truthful;
        balance = OutstandingBalance.next(balance, truthful, paidAmount);
        maxAbsBalance = Math.max(maxAbsBalance, Math.abs(balance));
    }

    /** Def. 3, 4 / Def. 15: the stage's counterfactual rule of this agent. */
    void learnStageRule(AllocationRule stageRule, boolean won) {
        if (window != null) {
            window.add(stageRule);
            observations++;
        } else if (lastWin != null && won) {
            lastWin.record(stageRule, true);
            observations++;
        }
    }

    /** Def. 17: an instrumentation sample of this agent. */
    void learnSample(double draw, boolean won) {
        if (samples != null) {
            samples.add(draw, won);
            observations++;
        }
    }

    AgentReport report(Market market) {
        var bound = PaperBound.of(market, spec);
        return new AgentReport(
                spec.id(),
                format.label(),
                spec.strategy().label(),
                activeStages,
                Double.isNaN(lastTrueValue) ? null : lastTrueValue,
                Double.isNaN(lastInferredValue) ? null : lastInferredValue,
                activeStages == 0 ? 0 : sumAbsInferenceError / activeStages,
                clampedBids,
                wins,
                paid,
                truthfulPaid,
                balance,
                maxAbsBalance,
                bound.map(PaperBound::value).orElse(null),
                bound.map(PaperBound::source).orElse(null),
                BalanceBounds.incentiveInconsistency(maxAbsBalance, activeStages),
                utility);
    }
}
