package dev.dashmech.mechanism.balance;

/**
 * An agent's outstanding balance (Def. 8): {@code L > 0} means the agent has paid less than the sequential
 * truthful mechanism would have charged. Each stage adds {@code truthful − paid} ({@link #next}); the
 * record also keeps the stage count and {@code max_t |L_t|} for the incentive inconsistency
 * {@code max_t |L_t| / T} (Prop. 2). Immutable.
 *
 * <p>The truthful amount per stage is, by definition:
 * <ul>
 *   <li>all-pay, functional dashboards (Def. 11): {@code b^{(s)}(v̂)}, {@link TruthfulPayment#allPay};
 *   <li>winner-pays-bid, functional dashboards (Def. 12): {@code b^{(s)}(v̂) x̌},
 *       {@link TruthfulPayment#winnerPaysBid};
 *   <li>instrumented (Def. 18): the implicit payment {@code ř} of Def. 16, as a number.
 * </ul>
 * The paid amount is {@code PaymentFormat.paid(bid, won)}: {@code w̌ b} or {@code b}. The ledger never
 * needs the dashboard: rebalancing shows up in the bid.
 *
 * @param amount the balance {@code L}
 * @param stages the number of stages settled
 * @param maxAbsolute {@code max_t |L_t|} over the settled stages
 */
public record OutstandingBalance(double amount, long stages, double maxAbsolute) {

    public OutstandingBalance {
        if (!Double.isFinite(amount)) {
            throw new IllegalArgumentException("outstanding balance must be finite, was " + amount);
        }
        if (stages < 0) {
            throw new IllegalArgumentException("stage count must be >= 0, was " + stages);
        }
        if (!(maxAbsolute >= Math.abs(amount)) || Double.isInfinite(maxAbsolute)) {
            throw new IllegalArgumentException("max |L| must be finite and at least |L| = " + Math.abs(amount)
                    + ", was " + maxAbsolute);
        }
    }

    /** The balance of a new agent. */
    public static OutstandingBalance zero() {
        return new OutstandingBalance(0, 0, 0);
    }

    /**
     * The ledger rule, one function for every format and dashboard (Def. 11, 12, 18):
     * {@code L + truthful − paid}.
     *
     * @throws IllegalArgumentException if an argument or the result is not finite
     */
    public static double next(double balance, double truthful, double paid) {
        double l = balance + truthful - paid;
        if (!Double.isFinite(l)) {
            throw new IllegalArgumentException("balance update must be finite: L = " + balance + ", truthful = "
                    + truthful + ", paid = " + paid);
        }
        return l;
    }

    /** This balance after one stage: {@link #next} of the amount, one more stage, max |L| updated. */
    public OutstandingBalance settle(double truthful, double paid) {
        double l = next(amount, truthful, paid);
        return new OutstandingBalance(l, stages + 1, Math.max(maxAbsolute, Math.abs(l)));
    }

    /** The incentive inconsistency of the run so far, {@code max_t |L_t| / T} (Prop. 2); 0 before any stage. */
    public double incentiveInconsistency() {
        return BalanceBounds.incentiveInconsistency(maxAbsolute, stages);
    }
}
