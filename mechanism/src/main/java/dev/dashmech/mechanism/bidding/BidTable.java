package dev.dashmech.mechanism.bidding;

import java.util.Arrays;

/**
 * A published bid strategy as a table: values {@code v_k}, bids {@code c_k} and forecast win probabilities
 * {@code y_k}, linear between rows. This is the contract between the platform and a bidder: a bidder that
 * follows the dashboard bids {@link #bidFor(double) bidFor(v)}, the stage engine infers
 * {@code v̂ = c⁻¹(b)} with {@link #inferValue(double)} (MECHANISM.md §1), and the two are exact inverses
 * of each other. Immutable.
 *
 * <p>Values are strictly increasing from 0 to vmax, bids strictly increasing (so the table is
 * invertible), probabilities in [0, 1] and non-decreasing. Bids may be negative only where rebalancing
 * pays a negative balance back (all-pay reference rebalancing, Def. 9, with {@code L < 0}).
 *
 * <p>{@link #inferValue(double)} is the hot path of the stage engine: a binary search over a primitive
 * array and one interpolation, no allocation.
 */
public final class BidTable {

    private final double[] values;
    private final double[] bids;
    private final double[] probabilities;
    /** Bids below this are rejected: {@code min(0, c_0)}. */
    private final double lowestAcceptableBid;

    private BidTable(double[] values, double[] bids, double[] probabilities) {
        this.values = values;
        this.bids = bids;
        this.probabilities = probabilities;
        this.lowestAcceptableBid = Math.min(0.0, bids[0]);
    }

    /**
     * A table through the given rows (copied).
     *
     * @throws IllegalArgumentException naming the offending row if the arrays differ in length or have
     *     fewer than 2 rows, values do not start at 0 or do not strictly increase, bids are not finite or
     *     do not strictly increase, or probabilities are outside [0, 1] or decrease
     */
    public static BidTable of(double[] values, double[] bids, double[] winProbabilities) {
        int n = values.length;
        if (bids.length != n || winProbabilities.length != n) {
            throw new IllegalArgumentException("a bid table needs as many bids and probabilities as values: "
                    + n + " values, " + bids.length + " bids, " + winProbabilities.length + " probabilities");
        }
        if (n < 2) {
            throw new IllegalArgumentException("a bid table needs at least 2 rows, was given " + n);
        }
        if (values[0] != 0) {
            throw new IllegalArgumentException("a bid table starts at value 0, row 0 has value " + values[0]);
        }
        for (int k = 0; k < n; k++) {
            if (!Double.isFinite(values[k]) || (k > 0 && !(values[k] > values[k - 1]))) {
                throw new IllegalArgumentException("row " + k + ": value " + values[k]
                        + " must be finite and above the previous row's " + (k > 0 ? values[k - 1] : 0.0));
            }
            if (!Double.isFinite(bids[k]) || (k > 0 && !(bids[k] > bids[k - 1]))) {
                throw new IllegalArgumentException("row " + k + " (value " + values[k] + "): bid " + bids[k]
                        + " must be finite and above the previous row's " + (k > 0 ? bids[k - 1] : 0.0)
                        + ": a dashboard's bids strictly increase so that bids can be inverted");
            }
            double p = winProbabilities[k];
            if (!(p >= 0 && p <= 1) || (k > 0 && p < winProbabilities[k - 1])) {
                throw new IllegalArgumentException("row " + k + " (value " + values[k] + "): win probability "
                        + p + " must be in [0, 1] and not below the previous row's "
                        + (k > 0 ? winProbabilities[k - 1] : 0.0));
            }
        }
        return new BidTable(values.clone(), bids.clone(), winProbabilities.clone());
    }

    /** Number of rows. */
    public int size() {
        return values.length;
    }

    public double value(int k) {
        return values[k];
    }

    public double bid(int k) {
        return bids[k];
    }

    public double winProbability(int k) {
        return probabilities[k];
    }

    /** A copy of the values column. */
    public double[] values() {
        return values.clone();
    }

    /** A copy of the bids column. */
    public double[] bids() {
        return bids.clone();
    }

    /** A copy of the win-probabilities column. */
    public double[] winProbabilities() {
        return probabilities.clone();
    }

    /** The largest value of the table. */
    public double vmax() {
        return values[values.length - 1];
    }

    /** The bid of value 0. */
    public double lowestBid() {
        return bids[0];
    }

    /** The bid of vmax; higher bids are inferred as vmax. */
    public double highestBid() {
        return bids[bids.length - 1];
    }

    /**
     * The value inferred from a bid, {@code v̂ = c⁻¹(b)} by linear interpolation between rows
     * (MECHANISM.md §1). A bid above the highest bid gives vmax, a bid in {@code [min(0, c_0), c_0)} gives
     * value 0; {@link #clampOf(double)} tells which happened. Allocates nothing.
     *
     * @throws IllegalArgumentException if the bid is not a finite number, or is negative and below the
     *     lowest bid of the table
     */
    public double inferValue(double bid) {
        if (!(bid >= lowestAcceptableBid) || bid == Double.POSITIVE_INFINITY) {
            throw badBid(bid);
        }
        int n = bids.length;
        if (bid >= bids[n - 1]) {
            return values[n - 1];
        }
        if (bid <= bids[0]) {
            return values[0];
        }
        int i = Arrays.binarySearch(bids, bid);
        if (i >= 0) {
            return values[i];
        }
        int k = -i - 2;
        double t = (bid - bids[k]) / (bids[k + 1] - bids[k]);
        return values[k] + t * (values[k + 1] - values[k]);
    }

    /**
     * Whether {@link #inferValue(double)} clamps this bid, and to which end.
     *
     * @throws IllegalArgumentException for a bid that {@link #inferValue(double)} rejects
     */
    public Clamp clampOf(double bid) {
        if (!(bid >= lowestAcceptableBid) || bid == Double.POSITIVE_INFINITY) {
            throw badBid(bid);
        }
        if (bid > bids[bids.length - 1]) {
            return Clamp.ABOVE_HIGHEST_BID;
        }
        return bid < bids[0] ? Clamp.BELOW_LOWEST_BID : Clamp.NONE;
    }

    /** Whether {@link #inferValue(double)} clamps this bid; {@code false} for a bid it rejects. */
    public boolean isClamped(double bid) {
        return bid > bids[bids.length - 1] || (bid < bids[0] && bid >= lowestAcceptableBid);
    }

    private IllegalArgumentException badBid(double bid) {
        if (Double.isNaN(bid) || Double.isInfinite(bid)) {
            return new IllegalArgumentException("bid must be a finite number, was " + bid);
        }
        return new IllegalArgumentException("bid " + bid + " is negative and below the lowest bid " + bids[0]
                + " of the dashboard: bids must be >= " + lowestAcceptableBid);
    }

    /**
     * The bid of a bidder with value {@code v} that follows the table: {@code c(v)} interpolated linearly
     * between rows; values above vmax bid the highest bid.
     *
     * @throws IllegalArgumentException if {@code v} is negative or not a number
     */
    public double bidFor(double v) {
        return interpolate(values, bids, checkValue(v));
    }

    /** The forecast win probability {@code y(v)} of value {@code v}, linear between rows. */
    public double winProbabilityAt(double v) {
        return interpolate(values, probabilities, checkValue(v));
    }

    /**
     * The forecast win probability of a bid, {@code ỹ(b)} (eq. 4) linear between rows: that of value 0
     * below the lowest bid and of vmax above the highest.
     *
     * @throws IllegalArgumentException if the bid is not a number
     */
    public double winProbabilityForBid(double bid) {
        if (Double.isNaN(bid)) {
            throw new IllegalArgumentException("bid must be a number, was NaN");
        }
        return interpolate(bids, probabilities, bid);
    }

    private static double checkValue(double v) {
        if (!(v >= 0)) {
            throw new IllegalArgumentException("a value must be a number >= 0, was " + v);
        }
        return v;
    }

    private static double interpolate(double[] xs, double[] ys, double x) {
        int n = xs.length;
        if (x <= xs[0]) {
            return ys[0];
        }
        if (x >= xs[n - 1]) {
            return ys[n - 1];
        }
        int i = Arrays.binarySearch(xs, x);
        if (i >= 0) {
            return ys[i];
        }
        int k = -i - 2;
        double t = (x - xs[k]) / (xs[k + 1] - xs[k]);
        return ys[k] + t * (ys[k + 1] - ys[k]);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BidTable t && Arrays.equals(values, t.values) && Arrays.equals(bids, t.bids)
                && Arrays.equals(probabilities, t.probabilities);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(values) * 961 + Arrays.hashCode(bids) * 31 + Arrays.hashCode(probabilities);
    }

    @Override
    public String toString() {
        return "BidTable[" + values.length + " rows, values [0, " + vmax() + "], bids [" + bids[0] + ", "
                + bids[bids.length - 1] + "]]";
    }
}
