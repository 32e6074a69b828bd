package dev.dashmech.dashctl.demo;

import dev.dashmech.mechanism.balance.OutstandingBalance;
import dev.dashmech.mechanism.bidding.PaymentFormat;
import dev.dashmech.mechanism.dashboard.Dashboard;
import dev.dashmech.mechanism.dashboard.DashboardKind;
import dev.dashmech.mechanism.dashboard.InstrumentationSamples;
import dev.dashmech.mechanism.dashboard.Prior;
import dev.dashmech.mechanism.rebalance.Rebalancing;
import dev.dashmech.mechanism.rule.AllocationRule;
import dev.dashmech.mechanism.rule.ValueGrid;
import dev.dashmech.schemas.avro.StageEntry;
import java.util.SplittableRandom;

/**
 * One synthetic bidder of the demo and what the demo's stand-in publisher keeps for it: its true value (static, or
 * a random walk), the dashboard it follows, its instrumentation samples (Def. 17) and its outstanding balance.
 */
final class DemoAgent {

    final String id;
    final PaymentFormat format;
    private final double walkStep;
    private final double vmax;
    private final SplittableRandom rng;
    private final InstrumentationSamples samples;
    private final AllocationRule prior;
    private final Rebalancing rebalancing;
    private final double rho;

    double value;
    Dashboard dashboard;
    OutstandingBalance balance = OutstandingBalance.zero();
    long entries;
    long wins;
    long clamped;
    double paid;
    double truthful;
    double sumAbsInferenceError;
    double maxAbsInferenceError;
    double lastInferred = Double.NaN;
    double lastTrueValue = Double.NaN;

    DemoAgent(String id, PaymentFormat format, double value, double walkStep, ValueGrid grid, double rho, double eta,
              long seed) {
        this.id = id;
        this.format = format;
        this.value = value;
        this.walkStep = walkStep;
        this.vmax = grid.vmax();
        this.rng = new SplittableRandom(seed);
        this.samples = InstrumentationSamples.on(grid);
        this.prior = Prior.uniformCompetitor(grid);
        this.rebalancing = Rebalancing.recommended(format, eta);
        this.rho = rho;
        // version 0: the market's prior dashboard, the one the stage engine derives from the market configuration
        this.dashboard = Dashboard.builder(DashboardKind.INSTRUMENTED, format, Prior.table(grid, format))
                .version(0).rho(rho).build();
    }

    /** Moves a random-walk value one step (Gaussian, reflected into [0, vmax]); a static value stays. */
    void advance() {
        if (walkStep > 0) {
            double v = value + walkStep * rng.nextGaussian();
            value = v < 0 ? -v : v > vmax ? 2 * vmax - v : v;
        }
    }

    /** Following the dashboard: the bid its table gives for the true value (eq. 3, rebalanced by eq. 6). */
    double bid() {
        return dashboard.bidFor(value);
    }

    /** One entry of a stage outcome: the ledger rule {@code L += truthful − paid} and the Def. 17 sample. */
    void settle(StageEntry e, double trueValue) {
        entries++;
        if (e.getWon()) {
            wins++;
        }
        if (e.getClamped()) {
            clamped++;
        }
        paid += e.getPaid();
        truthful += e.getTruthfulPayment();
        balance = balance.settle(e.getTruthfulPayment(), e.getPaid());
        double err = Math.abs(e.getInferredValue() - trueValue);
        sumAbsInferenceError += err;
        maxAbsInferenceError = Math.max(maxAbsInferenceError, err);
        lastInferred = e.getInferredValue();
        lastTrueValue = trueValue;
        if (e.getInstrumented()) {
            samples.add(e.getDraw(), e.getWon());
        }
    }

    /**
     * The stand-in publisher's step for this agent: the instrumented rule from its samples (Def. 17; the prior
     * before any), rebalanced with its balance now (Def. 14 for winner-pays-bid, Def. 9 for all-pay), as the next
     * dashboard version.
     */
    Dashboard republish() {
        AllocationRule rule = samples.isEmpty() ? prior : samples.instrumentedRule(rho);
        double scale = Double.isNaN(lastInferred) ? vmax : lastInferred;
        dashboard = Dashboard.builder(DashboardKind.INSTRUMENTED,
                        rebalancing.apply(rule, format, balance.amount(), scale))
                .version(dashboard.version() + 1)
                .rho(rho)
                .sampleCount(samples.count())
                .build();
        return dashboard;
    }
}
