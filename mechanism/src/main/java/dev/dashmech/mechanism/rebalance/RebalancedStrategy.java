package dev.dashmech.mechanism.rebalance;

import dev.dashmech.mechanism.bidding.BidStrategy;
import dev.dashmech.mechanism.bidding.BidTable;
import dev.dashmech.mechanism.bidding.PaymentFormat;
import dev.dashmech.mechanism.rule.AllocationRule;
import dev.dashmech.mechanism.rule.ValueGrid;
import java.util.Arrays;
import java.util.OptionalDouble;

/**
 * A dashboard's bid strategy after payment rebalancing (Section 6), as {@link Rebalancing#apply} builds it:
 * the exact strategy {@link #bid(double)}, its forecast {@link #winProbability(double)}, and the table to
 * publish ({@link #table()}). Immutable.
 *
 * <p>The published table has one row per grid point and, for individually rational rebalancing, one more
 * at {@code v†}, so the kink of {@code c†} is a row and the table is exact on {@code [0, v†]}, where
 * {@code c†(z) = γz}.
 */
public final class RebalancedStrategy {

    private final PaymentFormat format;
    private final RebalancingMode mode;
    private final AllocationRule rule;
    private final BidStrategy base;
    private final double balance;
    private final double balanceUsed;
    private final double eta;
    private final double shift;
    private final double gamma;
    private final double vDagger;
    private final BidTable table;

    private RebalancedStrategy(PaymentFormat format, RebalancingMode mode, AllocationRule rule, BidStrategy base,
            double balance, double balanceUsed, double eta, double shift, double gamma, double vDagger,
            BidTable table) {
        this.format = format;
        this.mode = mode;
        this.rule = rule;
        this.base = base;
        this.balance = balance;
        this.balanceUsed = balanceUsed;
        this.eta = eta;
        this.shift = shift;
        this.gamma = gamma;
        this.vDagger = vDagger;
        this.table = table;
    }

    static RebalancedStrategy unshifted(AllocationRule y, PaymentFormat format, double balance) {
        BidStrategy c = BidStrategy.of(y, format);
        return new RebalancedStrategy(format, RebalancingMode.NONE, y, c, balance, 0, 0, 0, Double.NaN, Double.NaN,
                c.table());
    }

    static RebalancedStrategy reference(AllocationRule y, PaymentFormat format, double balance, double used,
            double eta) {
        double target = used * eta;
        // Def. 9: q† = q + Lη, i.e. eq. 3 with transfer q0 = Lη (eq. 6)
        BidStrategy shifted = BidStrategy.of(y, format, target);
        BidTable t = format == PaymentFormat.WINNER_PAYS_BID && target > 0 ? null : shifted.table();
        return new RebalancedStrategy(format, RebalancingMode.REFERENCE, y, shifted, balance, used, eta, target,
                Double.NaN, Double.NaN, t);
    }

    static RebalancedStrategy individuallyRational(AllocationRule y, double balance, double used, double eta,
            double gamma) {
        BidStrategy c = BidStrategy.of(y, PaymentFormat.WINNER_PAYS_BID);
        if (used == 0) {
            return new RebalancedStrategy(PaymentFormat.WINNER_PAYS_BID, RebalancingMode.INDIVIDUALLY_RATIONAL, y, c,
                    balance, 0, eta, 0, Double.NaN, Double.NaN, c.table());
        }
        double target = used * eta;
        double vd = Threshold.solve(y, gamma, target);
        double delta = Threshold.delta(y, gamma, vd);
        BidTable t = irTable(y, c, gamma, vd, delta);
        return new RebalancedStrategy(PaymentFormat.WINNER_PAYS_BID, RebalancingMode.INDIVIDUALLY_RATIONAL, y, c,
                balance, used, eta, delta, gamma, vd, t);
    }

    /** Rows: grid points below v† with bid γz and y†, v† itself, grid points above with c + Δ/y and y. */
    private static BidTable irTable(AllocationRule y, BidStrategy c, double gamma, double vd, double delta) {
        ValueGrid g = y.grid();
        int n = g.size();
        int below = 0;
        while (below < n && g.point(below) < vd) {
            below++;
        }
        boolean onGrid = below < n && g.point(below) == vd;
        int rows = n + (onGrid ? 0 : 1);
        double[] v = new double[rows];
        double[] b = new double[rows];
        double[] p = new double[rows];
        double yd = y.at(vd);
        double exponent = gamma / (1 - gamma);
        int r = 0;
        for (int k = 0; k < below; k++, r++) {
            double z = g.point(k);
            v[r] = z;
            b[r] = gamma * z; // Lemma 5: the linear-bid rule bids γz
            // Def. 13: y†(z) = y(v†) (z/v†)^{γ/(1−γ)}, in log space (it underflows to 0 far below v†)
            p[r] = z == 0 ? 0.0 : yd * Math.exp(exponent * Math.log(z / vd));
        }
        v[r] = vd;
        b[r] = gamma * vd;
        p[r] = yd;
        r++;
        for (int k = onGrid ? below + 1 : below; k < n; k++) {
            double bid = c.bidAt(k) + delta / y.probability(k); // eq. 6 above v†
            if (r > 0 && !(bid > b[r - 1])) {
                // c† is continuous at v† and nearly flat where y is flat, so a grid point a hair above v† can
                // round to v†'s bid; the v† row then stands for it (they differ by less than the bid resolution)
                continue;
            }
            v[r] = g.point(k);
            b[r] = bid;
            p[r] = y.probability(k);
            r++;
        }
        if (r < rows) {
            v = Arrays.copyOf(v, r);
            b = Arrays.copyOf(b, r);
            p = Arrays.copyOf(p, r);
        }
        return BidTable.of(v, b, p);
    }

    public PaymentFormat format() {
        return format;
    }

    public RebalancingMode mode() {
        return mode;
    }

    /** The dashboard's allocation rule {@code y} the strategy was built from, after the η floor and slope. */
    public AllocationRule rule() {
        return rule;
    }

    /** The ledger balance at publish time. */
    public double balance() {
        return balance;
    }

    /** The balance rebalancing resolves: the ledger balance, or 0 inside the hysteresis band. */
    public double balanceUsed() {
        return balanceUsed;
    }

    /** The rebalancing rate η; 0 without rebalancing. */
    public double eta() {
        return eta;
    }

    /**
     * The amount added to the expected payment of the types that pay the shift: every type for reference
     * rebalancing ({@code q†(0) = Lη}); the types at or above {@code v†} for individually rational
     * rebalancing ({@code Δ(v†)}, which is {@code Lη} where reachable). 0 without rebalancing.
     */
    public double shift() {
        return shift;
    }

    /** γ of the linear-bid rule below {@code v†}, if individually rational rebalancing is active. */
    public OptionalDouble gamma() {
        return Double.isNaN(gamma) ? OptionalDouble.empty() : OptionalDouble.of(gamma);
    }

    /** The threshold {@code v†} (Def. 14), if individually rational rebalancing is active. */
    public OptionalDouble vDagger() {
        return Double.isNaN(vDagger) ? OptionalDouble.empty() : OptionalDouble.of(vDagger);
    }

    /**
     * The rebalanced bid {@code c†(v)}, exact: eq. 3 of the rule, plus the shift of eq. 6 for reference
     * rebalancing; {@code γv} on {@code [0, v†]} and {@code c(v) + Δ/y(v)} above for individually
     * rational rebalancing.
     *
     * @throws IllegalArgumentException if {@code v} is negative or not a number
     */
    public double bid(double v) {
        if (!Double.isNaN(vDagger)) {
            if (!(v >= 0)) {
                throw new IllegalArgumentException("a value must be a number >= 0, was " + v);
            }
            return v <= vDagger ? gamma * v : base.bid(v) + shift / rule.at(v);
        }
        return base.bid(v);
    }

    /** The forecast win probability of value {@code v}: {@code y†(v)} below {@code v†}, else {@code y(v)}. */
    public double winProbability(double v) {
        if (!Double.isNaN(vDagger) && v < vDagger) {
            return v <= 0 ? 0.0 : rule.at(vDagger) * Math.exp(gamma / (1 - gamma) * Math.log(v / vDagger));
        }
        return rule.at(v);
    }

    /**
     * Whether the strategy can be published and inverted; false only for winner-pays-bid reference
     * rebalancing of a positive balance (Lemma 1).
     */
    public boolean isInvertible() {
        return table != null;
    }

    /**
     * The table to publish.
     *
     * @throws IllegalStateException if the strategy is not {@linkplain #isInvertible() invertible}
     */
    public BidTable table() {
        if (table == null) {
            throw new IllegalStateException("winner-pays-bid reference rebalancing of a positive balance ("
                    + balanceUsed + ") is not monotone (Lemma 1) and cannot be published: use individually "
                    + "rational rebalancing");
        }
        return table;
    }

    @Override
    public String toString() {
        return "RebalancedStrategy[" + format.label() + ", " + mode.label() + ", L=" + balance + ", used="
                + balanceUsed + ", eta=" + eta + ", shift=" + shift
                + (Double.isNaN(vDagger) ? "" : ", v†=" + vDagger + ", γ=" + gamma) + "]";
    }
}
