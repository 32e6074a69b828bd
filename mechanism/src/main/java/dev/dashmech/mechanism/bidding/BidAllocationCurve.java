package dev.dashmech.mechanism.bidding;

import java.util.Arrays;

/**
 * A bare bid-allocation curve {@code x̃(b)} given as a table of (bid, win probability) rows, for example
 * measured from the logs of an existing auction, and value inference from it by the agent's first-order
 * condition (eq. 5): winner-pays-bid {@code v = b + x̃(b) / x̃'(b)}, all-pay {@code v = 1 / x̃'(b)}.
 * Immutable.
 *
 * <p><b>Derivative.</b> {@code x̃(b)} and {@code x̃'(b)} come from one local least-squares polynomial fit
 * (Savitzky-Golay style) of degree {@code min(3, window − 1)} through the {@link #window()} rows nearest
 * to {@code b} (default 7), in coordinates centred at {@code b} and scaled to the window's half-width, so
 * the normal equations stay well conditioned. The fit is exact for cubic curves and fourth-order accurate
 * for smooth ones (the error of {@code x̃'} is {@code O(h⁴)} for row spacing {@code h}; a central
 * difference is {@code O(h²)}), and it averages out noise in measured rows, where differencing
 * neighbouring rows would amplify it. A wider window smooths more and resolves less; at the ends of the
 * table the window is one-sided. With a 2-row window the fit is the line through them.
 */
public final class BidAllocationCurve {

    /** Default number of rows in the local fit. */
    public static final int DEFAULT_WINDOW = 7;

    private final double[] bids;
    private final double[] probabilities;
    private final int window;

    private BidAllocationCurve(double[] bids, double[] probabilities, int window) {
        this.bids = bids;
        this.probabilities = probabilities;
        this.window = window;
    }

    /**
     * The curve through the rows {@code (bids[j], probabilities[j])}, fitted locally over
     * {@link #DEFAULT_WINDOW} rows.
     *
     * @throws IllegalArgumentException naming the bad row if the columns differ in length or have fewer
     *     than 2 rows, a bid is not finite or not above the previous row's, or a probability is outside
     *     [0, 1] or below the previous row's
     */
    public static BidAllocationCurve of(double[] bids, double[] probabilities) {
        int n = bids.length;
        if (probabilities.length != n) {
            throw new IllegalArgumentException("a bid-allocation curve needs one probability per bid: "
                    + n + " bids, " + probabilities.length + " probabilities");
        }
        if (n < 2) {
            throw new IllegalArgumentException("a bid-allocation curve needs at least 2 rows, was given " + n);
        }
        for (int j = 0; j < n; j++) {
            if (!Double.isFinite(bids[j])) {
                throw new IllegalArgumentException("row " + j + ": bid must be a finite number, was " + bids[j]);
            }
            if (j > 0 && !(bids[j] > bids[j - 1])) {
                throw new IllegalArgumentException("row " + j + ": bid " + bids[j]
                        + " is not above the previous row's bid " + bids[j - 1]
                        + "; sort the rows by strictly increasing bid and merge duplicate bids");
            }
            double p = probabilities[j];
            if (!(p >= 0 && p <= 1)) {
                throw new IllegalArgumentException("row " + j + " (bid " + bids[j] + "): win probability " + p
                        + " is outside [0, 1]");
            }
            if (j > 0 && p < probabilities[j - 1]) {
                throw new IllegalArgumentException("row " + j + " (bid " + bids[j] + "): win probability " + p
                        + " is below the previous row's " + probabilities[j - 1]
                        + "; a bid-allocation curve is non-decreasing (smooth or isotonize measured data first)");
            }
        }
        return new BidAllocationCurve(bids.clone(), probabilities.clone(), Math.min(DEFAULT_WINDOW, n));
    }

    /**
     * This curve with a local fit over {@code rows} rows.
     *
     * @throws IllegalArgumentException if {@code rows} is below 2 or above the number of rows
     */
    public BidAllocationCurve withWindow(int rows) {
        if (rows < 2 || rows > bids.length) {
            throw new IllegalArgumentException("the local fit window must have between 2 and " + bids.length
                    + " rows, was " + rows);
        }
        return new BidAllocationCurve(bids, probabilities, rows);
    }

    public int size() {
        return bids.length;
    }

    public int window() {
        return window;
    }

    /** The smallest bid of the table. */
    public double lowestBid() {
        return bids[0];
    }

    /** The largest bid of the table. */
    public double highestBid() {
        return bids[bids.length - 1];
    }

    /** {@code x̃(b)} from the local fit. */
    public double probability(double bid) {
        return fit(bid)[0];
    }

    /** {@code x̃'(b)} from the local fit. */
    public double slope(double bid) {
        return fit(bid)[1];
    }

    /**
     * The value of an agent that bids {@code bid} optimally against this curve (eq. 5).
     *
     * @throws IllegalArgumentException if the bid is outside the table's bid range, or the fitted slope at
     *     the bid is not positive (the curve is flat there and the value is not identified)
     */
    public double inferValue(double bid, PaymentFormat format) {
        double[] f = fit(bid);
        double x = f[0];
        double slope = f[1];
        if (!(slope > 0)) {
            throw new IllegalArgumentException("the bid-allocation curve is not increasing at bid " + bid
                    + " (fitted slope " + slope + "): eq. 5 cannot identify a value there; "
                    + "widen the fit window or add rows");
        }
        // eq. 5: the first-order condition v = p̃'(b) / x̃'(b) for the two formats of eq. 1
        return format == PaymentFormat.ALL_PAY ? 1 / slope : bid + x / slope;
    }

    /** {@code {x̃(b), x̃'(b)}} from a least-squares polynomial of degree {@code min(3, window − 1)}. */
    private double[] fit(double bid) {
        int n = bids.length;
        if (!(bid >= bids[0] && bid <= bids[n - 1])) {
            throw new IllegalArgumentException("bid " + bid + " is outside the curve's bids [" + bids[0] + ", "
                    + bids[n - 1] + "]: eq. 5 needs the curve around the bid");
        }
        int at = Arrays.binarySearch(bids, bid);
        int nearest;
        if (at >= 0) {
            nearest = at;
        } else {
            int above = -at - 1; // in [1, n-1]: the bid is strictly inside the table
            nearest = bid - bids[above - 1] <= bids[above] - bid ? above - 1 : above;
        }
        // the window of rows nearest to the bid, clipped to the table
        int lo = Math.max(0, Math.min(n - window, nearest - window / 2));
        int hi = lo + window;
        double h = Math.max(bid - bids[lo], bids[hi - 1] - bid);
        int terms = Math.min(4, window);
        // normal equations for p ≈ Σ a_i t^i, t = (bid_j − bid) / h in [−1, 1]
        double[][] m = new double[terms][terms + 1];
        double[] powers = new double[2 * terms - 1];
        for (int j = lo; j < hi; j++) {
            double t = (bids[j] - bid) / h;
            double p = probabilities[j];
            double tp = 1;
            for (int i = 0; i < powers.length; i++) {
                powers[i] = tp;
                tp *= t;
            }
            for (int r = 0; r < terms; r++) {
                for (int c = 0; c < terms; c++) {
                    m[r][c] += powers[r + c];
                }
                m[r][terms] += p * powers[r];
            }
        }
        double[] coef = solve(m);
        return new double[] {coef[0], coef[1] / h};
    }

    /** Gaussian elimination with partial pivoting on a small augmented matrix. */
    private static double[] solve(double[][] m) {
        int size = m.length;
        for (int col = 0; col < size; col++) {
            int piv = col;
            for (int r = col + 1; r < size; r++) {
                if (Math.abs(m[r][col]) > Math.abs(m[piv][col])) {
                    piv = r;
                }
            }
            double[] tmp = m[col];
            m[col] = m[piv];
            m[piv] = tmp;
            for (int r = col + 1; r < size; r++) {
                double f = m[r][col] / m[col][col];
                for (int c = col; c <= size; c++) {
                    m[r][c] -= f * m[col][c];
                }
            }
        }
        double[] x = new double[size];
        for (int r = size - 1; r >= 0; r--) {
            double s = m[r][size];
            for (int c = r + 1; c < size; c++) {
                s -= m[r][c] * x[c];
            }
            x[r] = s / m[r][r];
        }
        return x;
    }

    @Override
    public String toString() {
        return "BidAllocationCurve[" + bids.length + " rows, bids [" + bids[0] + ", " + bids[bids.length - 1]
                + "], window " + window + "]";
    }
}
