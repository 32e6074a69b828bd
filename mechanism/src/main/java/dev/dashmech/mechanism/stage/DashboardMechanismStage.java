package dev.dashmech.mechanism.stage;

import dev.dashmech.mechanism.algorithm.AllocationAlgorithm;
import dev.dashmech.mechanism.balance.TruthfulPayment;
import dev.dashmech.mechanism.bidding.BidTable;
import dev.dashmech.mechanism.bidding.Clamp;
import dev.dashmech.mechanism.bidding.PaymentFormat;
import dev.dashmech.mechanism.instrument.InstrumentedAllocation;
import dev.dashmech.mechanism.instrument.InstrumentedStage;
import dev.dashmech.mechanism.rule.AllocationRule;
import dev.dashmech.mechanism.rule.ValueGrid;
import java.util.random.RandomGenerator;

/**
 * One stage of the dashboard mechanism of a market (Def. 2, with the single-call instrumentation of Def. 16 when
 * {@code ρ > 0}). {@link #run} does, for the stage's bids:
 * <ol>
 *   <li>infer each value from the bid and the table it follows, {@code v̂ = c⁻¹(b)} (clamped to {@code [0, vmax]},
 *   the clamp reported), or take a direct report as the value;</li>
 *   <li>run the allocation algorithm once on the (instrumented) inferred values and realize {@code w̌};</li>
 *   <li>charge each agent by its format (eq. 1): {@code w̌·b} winner-pays-bid, {@code b} all-pay; a direct
 *   report pays its truthful payment;</li>
 *   <li>compute the truthful payment: the implicit payment {@code ř} when {@code ρ > 0} (Def. 16, 18); when
 *   {@code ρ = 0} that of the stage's counterfactual rule {@code x_i(·, v̂_-i)}: {@code p^{(s)}(v̂)} all-pay
 *   (Def. 11), {@code b^{(s)}(v̂)·w̌} winner-pays-bid (Def. 12).</li>
 * </ol>
 * The balance update {@code L += truthful − paid} is the caller's (the ledger's).
 *
 * <p>All random draws come from the generator passed in (seed it per stage, e.g. with
 * {@code StageRandom.reset(marketSeed, stageId)}); the order is that of {@link InstrumentedAllocation}. Immutable
 * and thread-safe; the per-stage state lives in the caller's {@link StageBids} and {@link StageOutcome}. With
 * {@code ρ > 0} and without {@linkplain #withStageRules(boolean) stage rules} a stage allocates nothing once the
 * buffers are sized; counterfactual rules are new immutable objects.
 */
public final class DashboardMechanismStage {

    private final InstrumentedAllocation allocation;
    private final ValueGrid grid;
    private final boolean stageRules;

    private DashboardMechanismStage(InstrumentedAllocation allocation, ValueGrid grid, boolean stageRules) {
        this.allocation = allocation;
        this.grid = grid;
        this.stageRules = stageRules;
    }

    /**
     * The stage of a market running {@code algorithm} with instrumentation rate {@code rho} (0: uninstrumented) on
     * values in {@code [0, grid.vmax()]}; counterfactual rules, where needed, live on {@code grid}.
     *
     * @throws IllegalArgumentException if {@code rho} is not in [0, 1) or an argument is missing
     */
    public static DashboardMechanismStage of(AllocationAlgorithm algorithm, double rho, ValueGrid grid) {
        if (algorithm == null || grid == null) {
            throw new IllegalArgumentException("a stage needs an allocation algorithm and a value grid, got "
                    + algorithm + " and " + grid);
        }
        return new DashboardMechanismStage(InstrumentedAllocation.of(algorithm, rho), grid, false);
    }

    /**
     * This stage computing every agent's counterfactual rule {@code x_i(·, v̂_-i)} (true), as functional dashboards
     * learn from them (Def. 3, 15), or only those the truthful payments need (false, the default): with
     * {@code ρ = 0} the all-pay agents' and the winners'; with {@code ρ > 0} none.
     */
    public DashboardMechanismStage withStageRules(boolean all) {
        return new DashboardMechanismStage(allocation, grid, all);
    }

    public AllocationAlgorithm algorithm() {
        return allocation.algorithm();
    }

    /** The instrumentation rate ρ; 0 is uninstrumented. */
    public double rho() {
        return allocation.rho();
    }

    /** The top of the value range, {@code grid().vmax()}. */
    public double vmax() {
        return grid.vmax();
    }

    public ValueGrid grid() {
        return grid;
    }

    /**
     * Runs one stage on {@code bids}, drawing from {@code rng}, and writes the outcome into {@code into}.
     *
     * @return {@code into}
     * @throws IllegalArgumentException if there are no bids, or a bid is one its table rejects (negative and
     *     below the table's lowest bid): a stage engine rejects such bids before the stage runs
     */
    public StageOutcome run(StageBids bids, RandomGenerator rng, StageOutcome into) {
        int n = bids.size();
        if (n == 0) {
            throw new IllegalArgumentException("a stage needs at least one bid");
        }
        double vmax = grid.vmax();
        into.prepare(n);
        double[] vHat = into.inferredArray();
        for (int i = 0; i < n; i++) {
            double b = bids.bid(i);
            BidTable table = bids.table(i);
            Clamp clamp;
            double v;
            if (table == null) {
                clamp = b > vmax ? Clamp.ABOVE_HIGHEST_BID : Clamp.NONE;
                v = b;
            } else {
                clamp = table.clampOf(b);
                v = table.inferValue(b); // Def. 2 step 1: v̂ = c⁻¹(b)
            }
            if (v > vmax) {
                v = vmax;
                clamp = Clamp.ABOVE_HIGHEST_BID;
            }
            vHat[i] = v;
            into.setClamp(i, clamp);
        }
        InstrumentedStage stage = allocation.allocate(vHat, vmax, rng, into.instrumentation()); // the single call
        boolean instrumented = allocation.isInstrumented();
        for (int i = 0; i < n; i++) {
            PaymentFormat format = bids.format(i);
            boolean won = stage.won(i);
            AllocationRule rule = stageRules || (!instrumented && (format == PaymentFormat.ALL_PAY || won))
                    ? allocation.algorithm().curve(i, vHat, grid) : null;
            double truthful = instrumented ? stage.implicitPayment(i) // Def. 18: ř
                    : TruthfulPayment.of(format, rule, vHat[i], won); // Def. 11, 12
            double paid = bids.isTruthful(i) ? truthful : format.paid(bids.bid(i), won);
            into.set(i, paid, truthful, rule);
        }
        return into;
    }
}
