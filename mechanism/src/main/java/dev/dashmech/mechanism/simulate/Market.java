package dev.dashmech.mechanism.simulate;

/**
 * A market's mechanism: its allocation algorithm, the value range {@code [0, vmax]}, the instrumentation rate
 * {@code ρ} (Def. 16; 0 runs the algorithm uninstrumented), the rebalancing rate {@code η} (Section 6), the
 * dashboard kind and its parameters, and how often dashboards are republished.
 *
 * @param lookback     k of the k-lookback inferred-values dashboard (Def. 4); ignored by other kinds
 * @param grid         number of points of the value grid dashboards live on
 * @param hysteresis   leave {@code |L|} up to this multiple of the agent's inferred value unresolved (Section 6.5);
 *                     0 resolves every balance
 * @param publishEvery dashboards are re-estimated and republished, rebalanced with the balance of that moment,
 *                     every this many stages; 1 (the paper's Lemma 4) rebalances with the current balance
 */
public record Market(
        AllocationSpec allocation,
        double valueMax,
        double rho,
        double eta,
        DashboardKind dashboard,
        int lookback,
        int grid,
        Rebalancing rebalancing,
        double hysteresis,
        int publishEvery) {

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
    }

    /**
     * A market with the defaults: uninstrumented, last-stage inferred-values dashboard, IR rebalancing at
     * {@code η = 0.1}, 65 grid points, no hysteresis, dashboards republished every stage.
     */
    public static Market of(AllocationSpec allocation, double valueMax) {
        return new Market(allocation, valueMax, 0, DEFAULT_ETA, DashboardKind.INFERRED_VALUES, 1, DEFAULT_GRID,
                Rebalancing.IR, 0, 1);
    }

    public Market withRho(double r) {
        return new Market(allocation, valueMax, r, eta, dashboard, lookback, grid, rebalancing, hysteresis,
                publishEvery);
    }

    public Market withEta(double e) {
        return new Market(allocation, valueMax, rho, e, dashboard, lookback, grid, rebalancing, hysteresis,
                publishEvery);
    }

    /** This market with another dashboard kind; an instrumented one also takes the instrumentation rate. */
    public Market withDashboard(DashboardKind d, double r) {
        return new Market(allocation, valueMax, r, eta, d, lookback, grid, rebalancing, hysteresis, publishEvery);
    }

    public Market withLookback(int k) {
        return new Market(allocation, valueMax, rho, eta, dashboard, k, grid, rebalancing, hysteresis, publishEvery);
    }

    public Market withGrid(int points) {
        return new Market(allocation, valueMax, rho, eta, dashboard, lookback, points, rebalancing, hysteresis,
                publishEvery);
    }

    public Market withRebalancing(Rebalancing r) {
        return new Market(allocation, valueMax, rho, eta, dashboard, lookback, grid, r, hysteresis, publishEvery);
    }

    public Market withHysteresis(double multiple) {
        return new Market(allocation, valueMax, rho, eta, dashboard, lookback, grid, rebalancing, multiple,
                publishEvery);
    }

    public Market withPublishEvery(int stages) {
        return new Market(allocation, valueMax, rho, eta, dashboard, lookback, grid, rebalancing, hysteresis, stages);
    }
}
