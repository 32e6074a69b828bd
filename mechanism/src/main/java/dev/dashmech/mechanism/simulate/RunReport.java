package dev.dashmech.mechanism.simulate;

import java.util.List;

/**
 * The outcome of a simulated run: the configuration that produced it, welfare, and one {@link AgentReport} per
 * agent in scenario order. Deterministic: the same scenario and seed give an equal report.
 *
 * @param stages           stages run
 * @param seed             the seed of every random draw
 * @param algorithm        the allocation algorithm's name
 * @param dashboard        the dashboard kind
 * @param rebalancing      the rebalancing
 * @param rho              the instrumentation rate (0: uninstrumented)
 * @param eta              the rebalancing rate
 * @param valueMax         the value range's top
 * @param balanceUsed      which balance dashboards were rebalanced with: {@code "current"} (each stage's, as the
 *                         paper's Lemma 4 assumes) or {@code "published every K stages"}
 * @param welfare          realized welfare {@code Σ_t Σ_i v_i w̌_i} on true values
 * @param algorithmWelfare the algorithm's expected welfare on true values, {@code Σ_t Σ_i v_i x_i(v)}: what
 *                         implementing the algorithm would give
 * @param agents           per-agent reports, in scenario order
 */
public record RunReport(
        long stages,
        long seed,
        String algorithm,
        String dashboard,
        String rebalancing,
        double rho,
        double eta,
        double valueMax,
        String balanceUsed,
        double welfare,
        double algorithmWelfare,
        List<AgentReport> agents) {

    public RunReport {
        agents = List.copyOf(agents);
    }

    /** The report of the agent with this id. */
    public AgentReport agent(String id) {
        return agents.stream().filter(a -> a.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no agent '" + id + "' in this run"));
    }
}
