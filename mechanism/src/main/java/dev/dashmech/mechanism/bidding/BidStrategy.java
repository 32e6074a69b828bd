package dev.dashmech.mechanism.bidding;

import dev.dashmech.mechanism.rule.AllocationRule;
import dev.dashmech.mechanism.rule.ValueGrid;

/**
 * The optimal bid strategy {@code c} of an agent facing allocation rule {@code y} in a payment format
 * (eq. 3): winner-pays-bid {@code c(v) = q(v) / y(v)}, all-pay {@code c(v) = q(v)}, where {@code q} is the
 * payment identity (eq. 2) with transfer {@code q0}. Immutable.
 *
 * <p>Evaluation is exact for the piecewise-linear rule: {@link #bid(double)} uses the closed-form payment
 * of {@link AllocationRule#payment(double, double)}, and {@link #valueOf(double)} inverts it exactly by
 * solving the quadratic that {@code q} is within a grid cell. A published {@link BidTable} instead
 * interpolates linearly between the grid bids; the two agree at the grid points.
 *
 * <p>Where {@code y(v) = 0} and {@code q0 = 0} the winner-pays-bid bid is taken as 0: such a type never
 * wins, and 0 is the limit {@code q(v)/y(v)} at {@code v = 0} of a rule that leaves 0 there.
 * Winner-pays-bid with {@code q0 ≠ 0} needs {@code y > 0} everywhere (floor the rule, MECHANISM.md §4).
 */
public final class BidStrategy {

    private final AllocationRule rule;
    private final PaymentFormat format;
    private final double transfer;
    private final double[] bids;

    private BidStrategy(AllocationRule rule, PaymentFormat format, double transfer) {
        this.rule = rule;
        this.format = format;
        this.transfer = transfer;
        int n = rule.size();
        this.bids = new double[n];
        for (int k = 0; k < n; k++) {
            bids[k] = ofPayment(format, rule.paymentAt(k) + transfer, rule.probability(k));
        }
    }

    /** The bid strategy of {@code rule} in {@code format} with {@code q0 = 0} (eq. 3). */
    public static BidStrategy of(AllocationRule rule, PaymentFormat format) {
        return of(rule, format, 0);
    }

    /**
     * The bid strategy of {@code rule} in {@code format} with transfer {@code q0} (eq. 3; Def. 9 uses
     * {@code q0 = Lη}).
     *
     * @throws IllegalArgumentException if {@code q0} is not finite, or if the format is winner-pays-bid,
     *     {@code q0 ≠ 0} and {@code y(0) = 0} (the bid {@code q0 / y} would be infinite)
     */
    public static BidStrategy of(AllocationRule rule, PaymentFormat format, double transfer) {
        if (rule == null || format == null) {
            throw new IllegalArgumentException("a bid strategy needs a rule and a payment format, got " + rule
                    + " and " + format);
        }
        if (!Double.isFinite(transfer)) {
            throw new IllegalArgumentException("transfer q0 must be finite, was " + transfer);
        }
        if (format == PaymentFormat.WINNER_PAYS_BID && transfer != 0 && rule.probability(0) <= 0) {
            throw new IllegalArgumentException("a winner-pays-bid strategy with transfer q0 = " + transfer
                    + " needs y(0) > 0 (its bid q0 / y(0) is infinite): floor the rule at eta first");
        }
        return new BidStrategy(rule, format, transfer);
    }

    /**
     * Eq. 3 with {@code q0 = 0} at one value, without building a strategy: {@code q(v)/y(v)} (0 where
     * {@code y(v) = 0}) for winner-pays-bid, {@code q(v)} for all-pay. Allocates nothing; this is the
     * truthful bid {@code b^{(s)}(v̂)} of Def. 11 and 12.
     *
     * @throws IllegalArgumentException if {@code v} is negative or not a number
     */
    public static double bid(AllocationRule rule, PaymentFormat format, double v) {
        double q = rule.payment(v);
        return format == PaymentFormat.ALL_PAY ? q : ofPayment(format, q, rule.at(v));
    }

    private static double ofPayment(PaymentFormat format, double payment, double probability) {
        if (format == PaymentFormat.ALL_PAY) {
            return payment;
        }
        return probability > 0 ? payment / probability : 0.0;
    }

    public AllocationRule rule() {
        return rule;
    }

    public PaymentFormat format() {
        return format;
    }

    /** The transfer {@code q0 = q(0)}. */
    public double transfer() {
        return transfer;
    }

    public ValueGrid grid() {
        return rule.grid();
    }

    /** {@code c(v)} (eq. 3), exact for the piecewise-linear rule; flat beyond vmax. */
    public double bid(double v) {
        double q = rule.payment(v, transfer);
        return ofPayment(format, q, rule.at(v));
    }

    /** {@code c(z_k)} at grid point {@code k}. */
    public double bidAt(int k) {
        return bids[k];
    }

    /** A copy of the bids at the grid points. */
    public double[] bids() {
        return bids.clone();
    }

    /**
     * Whether the strategy is strictly increasing, hence invertible: the rule is strictly increasing and,
     * for winner-pays-bid, {@code q0 ≤ 0} (Lemma 1), and the grid bids are strictly increasing in floating
     * point.
     */
    public boolean isStrictlyIncreasing() {
        if (format == PaymentFormat.WINNER_PAYS_BID && transfer > 0) {
            return false;
        }
        if (!rule.isStrictlyIncreasing()) {
            return false;
        }
        for (int k = 1; k < bids.length; k++) {
            if (!(bids[k] > bids[k - 1])) {
                return false;
            }
        }
        return true;
    }

    /**
     * The inverse {@code c⁻¹(b)}: the least value whose bid is at least {@code b}, exact for the
     * piecewise-linear rule (a quadratic within the grid cell). Bids below {@code c(0)} give 0, bids above
     * {@code c(vmax)} give vmax.
     *
     * @throws IllegalArgumentException if {@code bid} is not a number
     * @throws IllegalStateException for winner-pays-bid with {@code q0 > 0}, which is not monotone (Lemma 1)
     */
    public double valueOf(double bid) {
        if (Double.isNaN(bid)) {
            throw new IllegalArgumentException("bid must be a number, was NaN");
        }
        if (format == PaymentFormat.WINNER_PAYS_BID && transfer > 0) {
            throw new IllegalStateException("a winner-pays-bid strategy with positive transfer q0 = " + transfer
                    + " is not monotone (Lemma 1) and has no inverse: use individually rational rebalancing");
        }
        int n = bids.length;
        if (bid <= bids[0]) {
            return 0.0;
        }
        if (bid >= bids[n - 1]) {
            return grid().vmax();
        }
        // first index j with bids[j] >= bid; bids are non-decreasing, j in [1, n-1]
        int lo = 1;
        int hi = n - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (bids[mid] >= bid) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        int k = lo - 1;
        ValueGrid g = grid();
        double z0 = g.point(k);
        double width = g.point(k + 1) - z0;
        double y0 = rule.probability(k);
        double s = (rule.probability(k + 1) - y0) / width;
        double q0k = rule.paymentAt(k) + transfer;
        if (!(s > 0)) {
            return z0;
        }
        // within the cell q(z0 + u) = q_k + s u (2 z0 + u) / 2 and y(z0 + u) = y_k + s u
        double a = s / 2;
        double b;
        double c;
        if (format == PaymentFormat.ALL_PAY) {
            b = s * z0;             // q(u) = bid
            c = q0k - bid;
        } else {
            b = s * (z0 - bid);     // q(u) = bid * y(u)
            c = q0k - bid * y0;
        }
        double u = positiveRoot(a, b, c);
        return z0 + Math.min(width, Math.max(0.0, u));
    }

    /** The non-negative root of {@code a u² + b u + c = 0} for {@code a > 0, c ≤ 0}, without cancellation. */
    private static double positiveRoot(double a, double b, double c) {
        if (c >= 0) {
            return b >= 0 ? 0.0 : -b / a;
        }
        double sq = Math.sqrt(Math.max(0.0, b * b - 4 * a * c));
        return b <= 0 ? (-b + sq) / (2 * a) : (-2 * c) / (b + sq);
    }

    /** The bid-allocation rule {@code ỹ(b) = y(c⁻¹(b))} of this strategy (eq. 4). */
    public BidAllocationRule bidAllocationRule() {
        return new BidAllocationRule(this);
    }

    /**
     * The strategy as a published table: the grid values, {@code c} and {@code y} at the grid points.
     *
     * @throws IllegalStateException if the strategy is not {@linkplain #isStrictlyIncreasing() strictly
     *     increasing}, naming the first grid point where it is not
     */
    public BidTable table() {
        if (format == PaymentFormat.WINNER_PAYS_BID && transfer > 0) {
            throw new IllegalStateException("a winner-pays-bid strategy with positive transfer q0 = " + transfer
                    + " is not monotone (Lemma 1) and cannot be published as a table: use individually "
                    + "rational rebalancing");
        }
        for (int k = 1; k < bids.length; k++) {
            if (!(bids[k] > bids[k - 1])) {
                throw new IllegalStateException("bid strategy is not strictly increasing: bid " + bids[k]
                        + " at value " + grid().point(k) + " is not above " + bids[k - 1] + " at value "
                        + grid().point(k - 1) + "; make the rule strictly increasing first "
                        + "(AllocationRule.strictlyIncreasing)");
            }
        }
        return BidTable.of(grid().points(), bids, rule.probabilities());
    }

    @Override
    public String toString() {
        return "BidStrategy[" + format.label() + ", q0=" + transfer + ", " + rule + "]";
    }
}
