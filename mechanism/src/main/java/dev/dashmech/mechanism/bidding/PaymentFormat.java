package dev.dashmech.mechanism.bidding;

import java.util.Locale;

/**
 * How a stage charges an agent for its bid (eq. 1): winner-pays-bid {@code p̃(b) = b x̃(b)}, realized as
 * {@code w̌ b}; all-pay {@code p̃(b) = b}.
 */
public enum PaymentFormat {

    /** The winner pays its bid; a loser pays nothing. */
    WINNER_PAYS_BID("wpb"),

    /** Every bidder pays its bid, win or lose. */
    ALL_PAY("all-pay");

    private final String label;

    PaymentFormat(String label) {
        this.label = label;
    }

    /** The name used in configuration files, records and the command line: {@code wpb}, {@code all-pay}. */
    public String label() {
        return label;
    }

    /**
     * The amount actually paid in one stage (eq. 1, realized): {@code won ? bid : 0} for winner-pays-bid,
     * {@code bid} for all-pay.
     */
    public double paid(double bid, boolean won) {
        return this == ALL_PAY || won ? bid : 0.0;
    }

    /**
     * The format named by {@code text}: its {@linkplain #label() label} or constant name, ignoring case,
     * {@code -} versus {@code _} and surrounding blanks; {@code winner-pays-bid} and {@code allpay} are
     * accepted too.
     *
     * @throws IllegalArgumentException naming the bad value and the accepted ones
     */
    public static PaymentFormat parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("payment format is missing: use one of wpb, all-pay");
        }
        String t = text.strip().toLowerCase(Locale.ROOT).replace('_', '-');
        switch (t) {
            case "wpb":
            case "winner-pays-bid":
                return WINNER_PAYS_BID;
            case "all-pay":
            case "allpay":
                return ALL_PAY;
            default:
                throw new IllegalArgumentException("unknown payment format '" + text
                        + "': use one of wpb (winner-pays-bid), all-pay");
        }
    }
}
