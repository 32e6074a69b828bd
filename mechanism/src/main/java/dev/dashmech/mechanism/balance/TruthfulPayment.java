package dev.dashmech.mechanism.balance;

import dev.dashmech.mechanism.bidding.BidStrategy;
import dev.dashmech.mechanism.bidding.PaymentFormat;
import dev.dashmech.mechanism.rule.AllocationRule;

/**
 * The truthful amount of one stage for the ledger, from the stage's counterfactual rule
 * {@code x^{(s)} = x_i(·, v̂_{-i})} and the inferred value (functional dashboards, Sections 6, 7). The
 * instrumented ledger (Def. 18) uses the implicit payment {@code ř} instead. Allocation-free.
 */
public final class TruthfulPayment {

    private TruthfulPayment() {
    }

    /** Def. 11: the all-pay bid {@code b^{(s)}(v̂)} of the stage rule, i.e. its truthful payment (eq. 2, 3). */
    public static double allPay(AllocationRule stageRule, double inferredValue) {
        return BidStrategy.bid(stageRule, PaymentFormat.ALL_PAY, inferredValue);
    }

    /**
     * Def. 12: the winner-pays-bid bid {@code b^{(s)}(v̂)} of the stage rule times the realized allocation
     * {@code x̌}; its expectation is the truthful payment.
     */
    public static double winnerPaysBid(AllocationRule stageRule, double inferredValue, boolean won) {
        return won ? BidStrategy.bid(stageRule, PaymentFormat.WINNER_PAYS_BID, inferredValue) : 0.0;
    }

    /** Def. 11 or 12 by format. */
    public static double of(PaymentFormat format, AllocationRule stageRule, double inferredValue, boolean won) {
        return format == PaymentFormat.ALL_PAY ? allPay(stageRule, inferredValue)
                : winnerPaysBid(stageRule, inferredValue, won);
    }
}
