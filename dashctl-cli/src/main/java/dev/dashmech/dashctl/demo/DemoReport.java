package dev.dashmech.dashctl.demo;

import java.util.List;
import java.util.Map;

/**
 * What {@code dashctl demo} prints: per agent, its true and inferred values, what it won and paid, what the
 * sequential truthful mechanism would have charged, and its outstanding balance against the paper's bound; for the
 * run, where every bid went.
 *
 * @param bootstrapServers   the broker the run used
 * @param market             the market id
 * @param stages             stages opened (the demo's stages plus one stage for the fault bids)
 * @param stagesClosed       stage outcomes received, by close reason
 * @param agents             per agent
 * @param bidsSent           bids produced, the deliberately bad ones included
 * @param outcomeEntries     bids that ended in a stage outcome entry
 * @param rejected           bids that ended in a rejected-bids record, by reason
 * @param dashboardsPublished dashboards the stand-in publisher produced to the internal dashboards topic
 * @param seconds            wall time of the stages (broker and engine start-up excluded)
 * @param bidsPerSecond      bids sent per second of that time (the demo waits for each batch's outcomes before the
 *                           next batch, so this is a latency-bound figure, not the engine's throughput)
 */
public record DemoReport(String bootstrapServers, String market, long stages, Map<String, Long> stagesClosed,
                         List<Agent> agents, long bidsSent, long outcomeEntries, Map<String, Long> rejected,
                         long dashboardsPublished, double seconds, double bidsPerSecond) {

    /** Whether every bid sent ended in exactly one outcome entry or one rejection. */
    public boolean everyBidAccounted() {
        return bidsSent == outcomeEntries + rejected.values().stream().mapToLong(Long::longValue).sum();
    }

    /**
     * One agent.
     *
     * @param id                     agent id
     * @param format                 {@code wpb} or {@code all-pay}
     * @param trueValue              its value in its last stage
     * @param inferredValue          the value the engine inferred from its last bid
     * @param meanAbsInferenceError  mean |inferred − true| over its outcome entries
     * @param maxAbsInferenceError   the largest |inferred − true|
     * @param stages                 outcome entries (stages it bid in)
     * @param wins                   stages it won
     * @param clamped                bids above its dashboard's top bid
     * @param paid                   total paid (winner-pays-bid: bids of won stages; all-pay: all bids)
     * @param truthfulPaid           total truthful payments (implicit payments, Def. 16)
     * @param balance                outstanding balance {@code Σ truthful − paid} (L > 0: paid less than truthful)
     * @param maxAbsBalance          the largest |L| along the run
     * @param balanceBound           the paper's bound for the configuration, {@code vmax/(ρη)} (Cor. 2; ours for
     *                               all-pay)
     * @param dashboardVersion       the last dashboard version it followed
     */
    public record Agent(String id, String format, double trueValue, double inferredValue,
                        double meanAbsInferenceError, double maxAbsInferenceError, long stages, long wins,
                        long clamped, double paid, double truthfulPaid, double balance, double maxAbsBalance,
                        double balanceBound, long dashboardVersion) {
    }
}
