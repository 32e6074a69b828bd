package dev.dashmech.mechanism.simulate;

import dev.dashmech.mechanism.dashboard.DashboardKind;
import dev.dashmech.mechanism.rebalance.RebalancingMode;

/**
 * A market's mechanism: its allocation algorithm, the value range {@code [0, vmax]}, the instrumentation rate
 * {@code ρ} (Def. 16; 0 runs the algorithm uninstrumented), the rebalancing rate {@code η} (Section 6), the
 * dashboard kind and its parameters, and how often dashboards are republished.
 *
 * @param lookback     k of the k-lookback inferred-values dashboard (Def. 4); ignored by other kinds
 * @param grid         number of points of the value grid dashboards live on
 * @param rebalancing  {@code INDIVIDUALLY_RATIONAL}: Def. 13, 14 for winner-pays-bid agents and reference
 *                     rebalancing (Def. 9) for all-pay agents, as MECHANISM.md §4 recommends (Def. 14 is
 *                     winner-pays-bid only); {@code REFERENCE}: Def. 9 for every agent, which needs all-pay agents
 *                     (a winner-pays-bid reference dashboard of a positive balance is not invertible, Lemma 1);
 *                     {@code NONE}
 * @param hysteresis   leave {@code |L|} up to this multiple of the agent's inferred value unresolved (Section 6.5);
 *                     0 resolves every balance
 * @param publishEvery dashboards are republished, rebalanced with the balance of that moment, every this many
 *                     stages, as the pipeline's publisher does; 1 (the paper's Lemma 4) rebalances with the current
 *                     balance. A stale dashboard keeps resolving the balance it was published with, about
 *                     {@code ηL} per stage, so with rebalancing {@code publishEvery·η} must be at most 1 (beyond 2
 *                     the balance of an all-pay agent oscillates with growing amplitude)
 * @param refitEvery   a dashboard's allocation rule is re-estimated (isotonic regression, window mean) only after
 *                     this many new observations of the agent (instrumentation samples, or stage rules it
 *                     learns); between refits it is rebalanced with the balance but not re-estimated. 1 re-estimates
 *                     at every publication; larger values make long runs cheaper
 * @param forgetting   instrumented dashboards: weight decay λ per new sample (1: no forgetting), so that the
 *                     isotonic regression follows a changing market
 */
public record Market(
        AllocationSpec allocation,
        double valueMax,
        double rho,
        double eta,
        DashboardKind dashboard,
        int lookback,
        int grid,
        RebalancingMode rebalancing,
        double hysteresis,
        int publishEvery,
        int refitEvery,
        double forgetting) {

    public static final double DEFAULT_ETA = 0.1;
    public static final int DEFAULT_GRID = 65;

    public Market {
        if (allocation == null) {
            throw new IllegalArgumentException("allocation: a market needs an allocation algorithm");
        }
        if (!(valueMax > 0) || Double.isInfinite(valueMax)) {
            throw new IllegalArgumentException("valueMax: must be a finite number > 0, was " + valueMax);
        }
        if (dashboard == null) {
            throw new IllegalArgumentException("dashboard: use instrumented, inferred-values or last-winning-stage");
        }
        if (rebalancing == null) {
            throw new IllegalArgumentException("rebalancing: use ir, reference or none");
        }
        if (dashboard == DashboardKind.INSTRUMENTED && !(rho > 0 && rho < 1)) {
            throw new IllegalArgumentException("rho: an instrumented dashboard needs an instrumentation rate in (0, 1),"
                    + " was " + rho);
        }
        if (!(rho >= 0 && rho < 1)) {
            throw new IllegalArgumentException("rho: the instrumentation rate must be in [0, 1) (0: uninstrumented),"
                    + " was " + rho);
        }
        if (!(eta > 0 && eta <= 1)) {
            throw new IllegalArgumentException("eta: the rebalancing rate must be in (0, 1], was " + eta);
        }
        if (lookback < 1) {
            throw new IllegalArgumentException("lookback: k of the k-lookback dashboard must be >= 1, was " + lookback);
        }
        if (grid < 3) {
            throw new IllegalArgumentException("grid: a value grid needs at least 3 points, was " + grid);
        }
        if (!(hysteresis >= 0) || Double.isInfinite(hysteresis)) {
            throw new IllegalArgumentException("hysteresis: the multiple must be a finite number >= 0, was "
                    + hysteresis);
        }
        if (publishEvery < 1) {
            throw new IllegalArgumentException("publishEvery: must be >= 1 stage, was " + publishEvery);
        }
        if (rebalancing != RebalancingMode.NONE && publishEvery * eta > 1) {
            throw new IllegalArgumentException("publishEvery: a dashboard resolves about eta of the balance it was"
                    + " published with every stage, so publishEvery x eta must be <= 1 or balances overshoot and"
                    + " diverge; was " + publishEvery + " x " + eta + " = " + publishEvery * eta
                    + ": publish more often or lower eta");
        }
        if (refitEvery < 1) {
            throw new IllegalArgumentException("refitEvery: must be >= 1 observation, was " + refitEvery);
        }
        if (!(forgetting > 0 && forgetting <= 1)) {
            throw new IllegalArgumentException("forgetting: the decay per sample must be in (0, 1] (1: none), was "
                    + forgetting);
        }
    }

    /**
     * A market with the defaults: uninstrumented, last-stage inferred-values dashboard, individually rational
     * rebalancing at {@code η = 0.1}, 65 grid points, no hysteresis, dashboards republished every stage, no
     * forgetting.
     */
    public static Market of(AllocationSpec allocation, double valueMax) {
        return new Market(allocation, valueMax, 0, DEFAULT_ETA, DashboardKind.INFERRED_VALUES, 1, DEFAULT_GRID,
                RebalancingMode.INDIVIDUALLY_RATIONAL, 0, 1, 1, 1);
    }

    public Market withRho(double r) {
        return new Market(allocation, valueMax, r, eta, dashboard, lookback, grid, rebalancing, hysteresis,
                publishEvery, refitEvery, forgetting);
    }

    public Market withEta(double e) {
        return new Market(allocation, valueMax, rho, e, dashboard, lookback, grid, rebalancing, hysteresis,
                publishEvery, refitEvery, forgetting);
    }

    /** This market with another dashboard kind; an instrumented one also takes the instrumentation rate. */
    public Market withDashboard(DashboardKind d, double r) {
        return new Market(allocation, valueMax, r, eta, d, lookback, grid, rebalancing, hysteresis, publishEvery,
                refitEvery, forgetting);
    }

    public Market withLookback(int k) {
        return new Market(allocation, valueMax, rho, eta, dashboard, k, grid, rebalancing, hysteresis, publishEvery,
                refitEvery, forgetting);
    }

    public Market withGrid(int points) {
        return new Market(allocation, valueMax, rho, eta, dashboard, lookback, points, rebalancing, hysteresis,
                publishEvery, refitEvery, forgetting);
    }

    public Market withRebalancing(RebalancingMode r) {
        return new Market(allocation, valueMax, rho, eta, dashboard, lookback, grid, r, hysteresis, publishEvery,
                refitEvery, forgetting);
    }

    public Market withHysteresis(double multiple) {
        return new Market(allocation, valueMax, rho, eta, dashboard, lookback, grid, rebalancing, multiple,
                publishEvery, refitEvery, forgetting);
    }

    public Market withPublishEvery(int stages) {
        return new Market(allocation, valueMax, rho, eta, dashboard, lookback, grid, rebalancing, hysteresis, stages,
                refitEvery, forgetting);
    }

    public Market withRefitEvery(int observations) {
        return new Market(allocation, valueMax, rho, eta, dashboard, lookback, grid, rebalancing, hysteresis,
                publishEvery, observations, forgetting);
    }

    public Market withForgetting(double lambda) {
        return new Market(allocation, valueMax, rho, eta, dashboard, lookback, grid, rebalancing, hysteresis,
                publishEvery, refitEvery, lambda);
    }
}
