package dev.dashmech.mechanism.simulate;

/** How a scenario's dashboards resolve outstanding balances (Section 6). */
public enum Rebalancing {
    /** Def. 13, 14: individually rational rebalancing (winner-pays-bid); all-pay agents use the reference rule. */
    IR("ir"),
    /** Def. 9: reference rebalancing, {@code q†(v) = q(v) + Lη}. */
    REFERENCE("reference"),
    /** No rebalancing: the dashboard as estimated (Section 7's natural rebalancing). */
    NONE("none");

    private final String label;

    Rebalancing(String label) {
        this.label = label;
    }

    /** The name in scenario files and reports. */
    public String label() {
        return label;
    }

    /** The rebalancing named {@code label}, or an exception listing the names there are. */
    public static Rebalancing ofLabel(String label) {
        for (Rebalancing r : values()) {
            if (r.label.equals(label)) {
                return r;
            }
        }
        throw new IllegalArgumentException("unknown rebalancing '" + label + "': use ir, reference or none");
    }
}
