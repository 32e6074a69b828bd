package dev.dashmech.mechanism.stage;

import dev.dashmech.mechanism.bidding.Clamp;
import dev.dashmech.mechanism.instrument.InstrumentedStage;
import dev.dashmech.mechanism.rule.AllocationRule;
import java.util.Arrays;

/**
 * The outcome of one stage, per agent in the order of its {@link StageBids}: inferred value and whether the bid
 * had to be clamped to the dashboard's range, the instrumentation (flag and the algorithm's input {@code v̌}),
 * the win {@code w̌}, the amount paid, the truthful payment, and the stage's counterfactual rule
 * {@code x_i(·, v̂_-i)} where it was computed. The ledger adds {@link #balanceChange(int) truthful − paid} to the
 * agent's outstanding balance (Def. 11, 12, 18).
 *
 * <p>A reusable buffer of primitive arrays, overwritten by every {@link DashboardMechanismStage#run}; it
 * reallocates only when the number of agents changes. Read what you need before the next stage. Not thread-safe.
 */
public final class StageOutcome {

    private final InstrumentedStage instrumentation = new InstrumentedStage();
    private int size = -1;
    private double[] inferred = new double[0];
    private Clamp[] clamps = new Clamp[0];
    private double[] paid = new double[0];
    private double[] truthful = new double[0];
    private AllocationRule[] stageRules = new AllocationRule[0];

    /** Sizes the buffer for {@code n} agents; the arrays are reallocated only when {@code n} changes. */
    void prepare(int n) {
        if (n != size) {
            size = n;
            inferred = new double[n];
            clamps = new Clamp[n];
            paid = new double[n];
            truthful = new double[n];
            stageRules = new AllocationRule[n];
        } else {
            Arrays.fill(stageRules, null);
        }
    }

    double[] inferredArray() {
        return inferred;
    }

    void set(int i, double paidAmount, double truthfulAmount, AllocationRule rule) {
        paid[i] = paidAmount;
        truthful[i] = truthfulAmount;
        stageRules[i] = rule;
    }

    void setClamp(int i, Clamp clamp) {
        clamps[i] = clamp;
    }

    /** The instrumented allocation's outcome (Def. 16), including the stage's instrumentation samples. */
    public InstrumentedStage instrumentation() {
        return instrumentation;
    }

    /** The number of agents of the last stage (0 before the first). */
    public int agents() {
        return Math.max(size, 0);
    }

    /** {@code v̂_i}: the value inferred from agent i's bid (its reported value for a direct report). */
    public double inferredValue(int i) {
        return inferred[i];
    }

    /** Whether agent i's bid was outside its dashboard's range and inferred as 0 or vmax. */
    public Clamp clamp(int i) {
        return clamps[i];
    }

    /** Whether the algorithm saw a uniform draw instead of agent i's inferred value (Def. 16). */
    public boolean instrumented(int i) {
        return instrumentation.instrumented(i);
    }

    /** {@code v̌_i}: what the algorithm saw for agent i. */
    public double input(int i) {
        return instrumentation.input(i);
    }

    /** {@code w̌_i}: whether agent i won. */
    public boolean won(int i) {
        return instrumentation.won(i);
    }

    /** What agent i paid (eq. 1, realized): its bid if it won (winner-pays-bid) or always (all-pay). */
    public double paid(int i) {
        return paid[i];
    }

    /**
     * Agent i's truthful payment for the stage: the implicit payment {@code ř} when instrumented (Def. 16, 18),
     * otherwise {@code b^{(s)}(v̂)} (all-pay, Def. 11) or {@code b^{(s)}(v̂)·w̌} (winner-pays-bid, Def. 12) of the
     * stage's counterfactual rule.
     */
    public double truthful(int i) {
        return truthful[i];
    }

    /** {@code truthful − paid}: what the stage adds to agent i's outstanding balance. */
    public double balanceChange(int i) {
        return truthful[i] - paid[i];
    }

    /**
     * Agent i's counterfactual rule {@code x_i(·, v̂_-i)} of this stage, or null where it was not computed (see
     * {@link DashboardMechanismStage#withStageRules(boolean)}).
     */
    public AllocationRule stageRule(int i) {
        return stageRules[i];
    }
}
