package dev.dashmech.mechanism.rebalance;

import java.util.Locale;

/** Which payment rebalancing a dashboard applies (Section 6). */
public enum RebalancingMode {

    /** No rebalancing: the dashboard's bid strategy is eq. 3 of its rule. */
    NONE("none"),

    /** Reference rebalancing (Def. 9): {@code q†(v) = q(v) + Lη}. */
    REFERENCE("reference"),

    /** Individually rational rebalancing (Def. 13, 14; MECHANISM.md §4): linear bids below {@code v†}. */
    INDIVIDUALLY_RATIONAL("individually-rational");

    private final String label;

    RebalancingMode(String label) {
        this.label = label;
    }

    /** The name used in configuration and records: {@code none}, {@code reference}, {@code individually-rational}. */
    public String label() {
        return label;
    }

    /**
     * The mode named by {@code text}: its label or constant name, ignoring case and {@code -} versus
     * {@code _}; {@code ir} is accepted for individually rational.
     *
     * @throws IllegalArgumentException naming the bad value and the accepted ones
     */
    public static RebalancingMode parse(String text) {
        String t = text == null ? "" : text.strip().toLowerCase(Locale.ROOT).replace('_', '-');
        for (RebalancingMode m : values()) {
            if (m.label.equals(t)) {
                return m;
            }
        }
        if (t.equals("ir")) {
            return INDIVIDUALLY_RATIONAL;
        }
        throw new IllegalArgumentException("unknown rebalancing '" + text
                + "': use one of none, reference, individually-rational (ir)");
    }
}
