package dev.dashmech.mechanism.dashboard;

import java.util.Locale;

/** How a dashboard's allocation rule was estimated (Sections 5, 7, 8). */
public enum DashboardKind {

    /**
     * Inferred values, k-lookback (Def. 3, 4; last-stage is k = 1): the mean of the agent's counterfactual
     * stage rules {@code x_i(·, v̂_{-i}^{(s)})} of the last k stages. Needs the algorithm's curves.
     */
    INFERRED_VALUES("inferred-values"),

    /** Last winning stage (Def. 15): the stage rule of the latest stage the agent won. Needs the curves. */
    LAST_WINNING_STAGE("last-winning-stage"),

    /**
     * Instrumented (Def. 17, single call): {@code (1−ρ) x̂ + ρ μ̂} from the samples of instrumented stages,
     * {@code x̂} a continuous isotonic regression. Needs only the single call.
     */
    INSTRUMENTED("instrumented");

    private final String label;

    DashboardKind(String label) {
        this.label = label;
    }

    /** The name used in configuration and records. */
    public String label() {
        return label;
    }

    /**
     * The kind named by {@code text}: its label or constant name, ignoring case and {@code -} versus
     * {@code _}; {@code k-lookback} and {@code last-stage} name {@link #INFERRED_VALUES}.
     *
     * @throws IllegalArgumentException naming the bad value and the accepted ones
     */
    public static DashboardKind parse(String text) {
        String t = text == null ? "" : text.strip().toLowerCase(Locale.ROOT).replace('_', '-');
        for (DashboardKind k : values()) {
            if (k.label.equals(t)) {
                return k;
            }
        }
        if (t.equals("k-lookback") || t.equals("last-stage")) {
            return INFERRED_VALUES;
        }
        throw new IllegalArgumentException("unknown dashboard kind '" + text
                + "': use one of inferred-values (k-lookback), last-winning-stage, instrumented");
    }
}
