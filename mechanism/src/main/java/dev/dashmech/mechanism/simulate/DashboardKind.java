package dev.dashmech.mechanism.simulate;

/** The dashboards of MECHANISM.md §3, as a scenario names them. */
public enum DashboardKind {
    /** Def. 3, 4: the mean of the last k stages' counterfactual rules {@code x_i(·, v̂_-i)}. */
    INFERRED_VALUES("inferred-values"),
    /** Def. 15: the counterfactual rule of the latest stage the agent won. */
    LAST_WINNING_STAGE("last-winning-stage"),
    /** Def. 17: isotonic regression of the agent's instrumentation samples; needs only the single call. */
    INSTRUMENTED("instrumented");

    private final String label;

    DashboardKind(String label) {
        this.label = label;
    }

    /** The name in scenario files and reports. */
    public String label() {
        return label;
    }

    /** The kind named {@code label}, or an exception listing the names there are. */
    public static DashboardKind ofLabel(String label) {
        for (DashboardKind k : values()) {
            if (k.label.equals(label)) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown dashboard '" + label
                + "': use instrumented, inferred-values or last-winning-stage");
    }
}
