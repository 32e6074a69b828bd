package dev.dashmech.mechanism.simulate;

/** PLACEHOLDER until the bidding package is merged: winner-pays-bid or all-pay. */
public enum Format {
    WPB("wpb"),
    ALL_PAY("all-pay");

    private final String label;

    Format(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public static Format ofLabel(String label) {
        for (Format f : values()) {
            if (f.label.equals(label)) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown payment format '" + label + "': use wpb or all-pay");
    }
}
