package dev.dashmech.mechanism.dashboard;

import dev.dashmech.mechanism.bidding.BidTable;
import dev.dashmech.mechanism.bidding.Clamp;
import dev.dashmech.mechanism.bidding.PaymentFormat;
import dev.dashmech.mechanism.rebalance.RebalancedStrategy;
import dev.dashmech.mechanism.rebalance.RebalancingMode;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * A dashboard published to one agent (Def. 1): the table of values, bids and forecast win probabilities
 * ({@link BidTable}), and its metadata: payment format, {@linkplain DashboardKind kind}, version,
 * rebalancing (mode, ledger balance at publish time, balance used, η, {@code v†}), instrumentation rate ρ
 * and the number of samples (instrumented) or stage rules (inferred values) it was estimated from.
 * Immutable.
 *
 * <p>Build one from a rule with {@code Dashboard.builder(kind, rebalancing.apply(rule, format, L, v̂))},
 * or restore a published one with {@link #builder(DashboardKind, PaymentFormat, BidTable)}. The stage
 * engine infers values with {@link #inferValue(double)}, which delegates to the table: allocation-free.
 */
public final class Dashboard {

    private final DashboardKind kind;
    private final PaymentFormat format;
    private final BidTable table;
    private final long version;
    private final RebalancingMode rebalancing;
    private final double balance;
    private final double balanceUsed;
    private final double eta;
    private final double vDagger;
    private final double rho;
    private final long sampleCount;

    private Dashboard(Builder b) {
        this.kind = b.kind;
        this.format = b.format;
        this.table = b.table;
        this.version = b.version;
        this.rebalancing = b.rebalancing;
        this.balance = b.balance;
        this.balanceUsed = b.balanceUsed;
        this.eta = b.eta;
        this.vDagger = b.vDagger;
        this.rho = b.rho;
        this.sampleCount = b.sampleCount;
    }

    /**
     * A builder for the dashboard that publishes {@code strategy}: table, format and rebalancing metadata
     * come from it.
     *
     * @throws IllegalStateException if the strategy is not invertible (winner-pays-bid reference
     *     rebalancing of a positive balance)
     */
    public static Builder builder(DashboardKind kind, RebalancedStrategy strategy) {
        Builder b = new Builder(kind, strategy.format(), strategy.table());
        b.rebalancing(strategy.mode(), strategy.balance(), strategy.balanceUsed(), strategy.eta(),
                strategy.vDagger().orElse(Double.NaN));
        return b;
    }

    /** A builder for a dashboard restored from a published table, e.g. read from a topic. */
    public static Builder builder(DashboardKind kind, PaymentFormat format, BidTable table) {
        return new Builder(kind, format, table);
    }

    public DashboardKind kind() {
        return kind;
    }

    public PaymentFormat format() {
        return format;
    }

    /** The published table. */
    public BidTable table() {
        return table;
    }

    /** The version; bids name the version they follow. */
    public long version() {
        return version;
    }

    public RebalancingMode rebalancing() {
        return rebalancing;
    }

    /** The ledger balance {@code L} at publish time. */
    public double balance() {
        return balance;
    }

    /** The balance the rebalancing resolves: {@link #balance()}, or 0 inside the hysteresis band. */
    public double balanceUsed() {
        return balanceUsed;
    }

    /** The rebalancing rate η; 0 without rebalancing. */
    public double eta() {
        return eta;
    }

    /** {@code v†} of individually rational rebalancing, where used; it is a row of the table. */
    public OptionalDouble vDagger() {
        return Double.isNaN(vDagger) ? OptionalDouble.empty() : OptionalDouble.of(vDagger);
    }

    /** The instrumentation rate ρ; 0 for functional dashboards. */
    public double rho() {
        return rho;
    }

    /** Samples (instrumented) or stage rules (inferred values, last winning stage) behind it; 0 for the prior. */
    public long sampleCount() {
        return sampleCount;
    }

    /** A copy of the values column. */
    public double[] values() {
        return table.values();
    }

    /** A copy of the bids column. */
    public double[] bids() {
        return table.bids();
    }

    /** A copy of the win-probabilities column. */
    public double[] winProbabilities() {
        return table.winProbabilities();
    }

    /**
     * The inferred value {@code v̂ = c⁻¹(b)} of a bid that follows this dashboard (MECHANISM.md §1); see
     * {@link BidTable#inferValue(double)}. Allocation-free.
     *
     * @throws IllegalArgumentException for a bid that is not finite, or negative below the table
     */
    public double inferValue(double bid) {
        return table.inferValue(bid);
    }

    /** Whether {@link #inferValue(double)} clamps the bid, and to which end. */
    public Clamp clampOf(double bid) {
        return table.clampOf(bid);
    }

    /** Whether {@link #inferValue(double)} clamps the bid. */
    public boolean isClamped(double bid) {
        return table.isClamped(bid);
    }

    /** The bid of an agent with value {@code v} that follows the dashboard. */
    public double bidFor(double v) {
        return table.bidFor(v);
    }

    /** The forecast win probability {@code ỹ(b)} of a bid. */
    public double winProbabilityForBid(double bid) {
        return table.winProbabilityForBid(bid);
    }

    /** The forecast expected payment of a bid (eq. 1): {@code b ỹ(b)} winner-pays-bid, {@code b} all-pay. */
    public double expectedPayment(double bid) {
        return format == PaymentFormat.ALL_PAY ? bid : bid * table.winProbabilityForBid(bid);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Dashboard d && kind == d.kind && format == d.format && version == d.version
                && rebalancing == d.rebalancing && Double.compare(balance, d.balance) == 0
                && Double.compare(balanceUsed, d.balanceUsed) == 0 && Double.compare(eta, d.eta) == 0
                && Double.compare(vDagger, d.vDagger) == 0 && Double.compare(rho, d.rho) == 0
                && sampleCount == d.sampleCount && table.equals(d.table);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, format, version, rebalancing, balance, balanceUsed, eta, vDagger, rho, sampleCount,
                table);
    }

    @Override
    public String toString() {
        return "Dashboard[v" + version + ", " + kind.label() + ", " + format.label() + ", " + rebalancing.label()
                + ", L=" + balance + ", used=" + balanceUsed + ", eta=" + eta
                + (Double.isNaN(vDagger) ? "" : ", v†=" + vDagger) + ", rho=" + rho + ", samples=" + sampleCount
                + ", " + table + "]";
    }

    /** Builds a {@link Dashboard}; every setter checks its argument, {@link #build()} checks the whole. */
    public static final class Builder {

        private final DashboardKind kind;
        private final PaymentFormat format;
        private final BidTable table;
        private long version;
        private RebalancingMode rebalancing = RebalancingMode.NONE;
        private double balance;
        private double balanceUsed;
        private double eta;
        private double vDagger = Double.NaN;
        private double rho;
        private long sampleCount;

        private Builder(DashboardKind kind, PaymentFormat format, BidTable table) {
            if (kind == null || format == null || table == null) {
                throw new IllegalArgumentException("a dashboard needs a kind, a payment format and a table, got "
                        + kind + ", " + format + ", " + table);
            }
            this.kind = kind;
            this.format = format;
            this.table = table;
        }

        /** The version, at least 0. */
        public Builder version(long version) {
            if (version < 0) {
                throw new IllegalArgumentException("dashboard version must be >= 0, was " + version);
            }
            this.version = version;
            return this;
        }

        /** The instrumentation rate ρ in [0, 1); 0 for functional dashboards. */
        public Builder rho(double rho) {
            if (!(rho >= 0 && rho < 1)) {
                throw new IllegalArgumentException("instrumentation rate rho must be in [0, 1), was " + rho);
            }
            this.rho = rho;
            return this;
        }

        /** The number of samples or stage rules behind the dashboard, at least 0. */
        public Builder sampleCount(long sampleCount) {
            if (sampleCount < 0) {
                throw new IllegalArgumentException("sample count must be >= 0, was " + sampleCount);
            }
            this.sampleCount = sampleCount;
            return this;
        }

        /**
         * The rebalancing metadata (set from the strategy by {@link Dashboard#builder(DashboardKind,
         * RebalancedStrategy)}).
         *
         * @param vDagger {@code v†}, or NaN where individually rational rebalancing was not active
         */
        public Builder rebalancing(RebalancingMode mode, double balance, double balanceUsed, double eta,
                double vDagger) {
            if (mode == null) {
                throw new IllegalArgumentException("rebalancing mode is missing");
            }
            if (!Double.isFinite(balance) || !Double.isFinite(balanceUsed)) {
                throw new IllegalArgumentException("balance and balance used must be finite, were " + balance
                        + " and " + balanceUsed);
            }
            if (!(eta >= 0 && eta <= 1)) {
                throw new IllegalArgumentException("rebalancing rate eta must be in [0, 1] (0 = none), was " + eta);
            }
            if (!Double.isNaN(vDagger)) {
                if (mode != RebalancingMode.INDIVIDUALLY_RATIONAL) {
                    throw new IllegalArgumentException("v† = " + vDagger + " belongs to individually rational "
                            + "rebalancing, not " + mode.label());
                }
                if (!(vDagger >= 0 && vDagger <= table.vmax())) {
                    throw new IllegalArgumentException("v† must be in [0, " + table.vmax() + "], was " + vDagger);
                }
            }
            this.rebalancing = mode;
            this.balance = balance;
            this.balanceUsed = balanceUsed;
            this.eta = eta;
            this.vDagger = vDagger;
            return this;
        }

        public Dashboard build() {
            return new Dashboard(this);
        }
    }
}
