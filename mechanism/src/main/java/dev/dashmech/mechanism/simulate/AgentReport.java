package dev.dashmech.mechanism.simulate;

/**
 * What one agent did in a run. Balances follow MECHANISM.md §4: {@code L > 0} means the agent has paid less than
 * the sequential truthful mechanism would have charged; each stage adds {@code truthful − paid}.
 *
 * @param id                     the agent's id
 * @param format                 its payment format ({@code wpb} or {@code all-pay})
 * @param strategy               its strategy ({@code follow}, {@code shade F}, {@code truthful-baseline})
 * @param activeStages           the stages it was in the market
 * @param trueValue              its true value in its last active stage; null if it was never active
 * @param inferredValue          the mechanism's inferred value of it in its last active stage; null if never active
 * @param meanAbsInferenceError  mean over its active stages of {@code |v̂ − v|}
 * @param clampedBids            bids outside its dashboard's range, inferred as 0 or vmax
 * @param wins                   stages it won ({@code w̌ = 1})
 * @param paid                   total paid: winning bids (winner-pays-bid) or all bids (all-pay)
 * @param truthfulPaid           total truthful payment of the same stages (implicit payments when instrumented)
 * @param finalBalance           its outstanding balance after its last stage
 * @param maxAbsBalance          {@code max_t |L_t|}
 * @param balanceBound           the paper's bound on {@code |L_t|} for this configuration, or null when none applies
 * @param boundSource            where the bound comes from ({@code "Cor. 1"}...), or null
 * @param incentiveInconsistency {@code max_t |L_t| / T}, T its active stages (Prop. 2)
 * @param utility                realized utility {@code Σ v·w̌ − paid}
 */
public record AgentReport(
        String id,
        String format,
        String strategy,
        long activeStages,
        Double trueValue,
        Double inferredValue,
        double meanAbsInferenceError,
        long clampedBids,
        long wins,
        double paid,
        double truthfulPaid,
        double finalBalance,
        double maxAbsBalance,
        Double balanceBound,
        String boundSource,
        double incentiveInconsistency,
        double utility) {
}
