/**
 * Dashboards (Sections 4, 5, 7, 8): the published {@link dev.dashmech.mechanism.dashboard.Dashboard} and the
 * per-agent estimators of its allocation rule, one per {@link dev.dashmech.mechanism.dashboard.DashboardKind}:
 * {@link dev.dashmech.mechanism.dashboard.InferredValuesWindow} (k-lookback, Def. 3, 4),
 * {@link dev.dashmech.mechanism.dashboard.LastWinningStage} (Def. 15) and
 * {@link dev.dashmech.mechanism.dashboard.InstrumentationSamples} with the
 * {@link dev.dashmech.mechanism.dashboard.CenteredIsotonicRegression} (Def. 17); the
 * {@link dev.dashmech.mechanism.dashboard.Prior} for an agent's first dashboard.
 *
 * <p>Publishing: estimate the rule {@code y}, apply a {@link dev.dashmech.mechanism.rebalance.Rebalancing}
 * with the ledger balance, and build the dashboard:
 * <pre>{@code
 * AllocationRule y = samples.isEmpty() ? Prior.uniformCompetitor(grid) : samples.instrumentedRule(rho);
 * Rebalancing policy = Rebalancing.individuallyRational(eta).withHysteresis(2);
 * RebalancedStrategy s = policy.apply(y, format, balance, recentValue);
 * Dashboard d = Dashboard.builder(DashboardKind.INSTRUMENTED, s)
 *         .version(v).rho(rho).sampleCount(samples.count()).build();
 * double inferred = d.inferValue(bid);   // the stage engine's hot path
 * }</pre>
 */
package dev.dashmech.mechanism.dashboard;
