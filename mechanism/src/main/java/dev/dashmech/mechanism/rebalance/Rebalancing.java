package dev.dashmech.mechanism.rebalance;

import dev.dashmech.mechanism.bidding.PaymentFormat;
import dev.dashmech.mechanism.rule.AllocationRule;

/**
 * A payment rebalancing policy (Section 6): how a dashboard's bid strategy is shifted so that future
 * payments resolve the agent's outstanding balance {@code L} ({@code L > 0}: the agent has paid less than
 * the truthful mechanism would have charged). Immutable; {@link #apply} is a pure function.
 *
 * <ul>
 *   <li>{@link #none()}: eq. 3 of the rule, no shift.
 *   <li>{@link #reference(double)} (Def. 9): {@code q†(v) = q(v) + Lη}; bids {@code c + Lη/y}
 *       (winner-pays-bid) or {@code c + Lη} (all-pay). The policy for all-pay (Theorem 3). For
 *       winner-pays-bid with {@code L > 0} it is not monotone (Lemma 1): usable for analysis, not
 *       publishable as a table.
 *   <li>{@link #individuallyRational(double)} (Def. 13, 14): the policy for winner-pays-bid (Theorem 5).
 *       Below a threshold {@code v†} the rule becomes the linear-bid rule
 *       {@code y†(z) = y(v†)(z/v†)^{γ/(1−γ)}} with bids {@code γz}; above it bids {@code c + Δ/y}.
 *       {@code v†} solves {@code Δ(v†) = Y(v†) − (1−γ) v† y(v†) = Lη} continuously (first crossing);
 *       where {@code Lη} is out of reach, {@code v†} maximises {@code sign(L) Δ} (MECHANISM.md §4).
 *       {@code γ} is {@link #DEFAULT_GAMMA_POSITIVE} for {@code L > 0}, {@link #DEFAULT_GAMMA_NEGATIVE}
 *       for {@code L < 0}. Everything is evaluated in closed form: {@code y†} with exponent 999 is never
 *       integrated numerically.
 * </ul>
 *
 * <p><b>Floor and slope.</b> For winner-pays-bid, rebalancing first floors the rule at η,
 * {@code y ← max(y, η)} (Lemma 4 needs probabilities in {@code [η, 1]}; the paper's "distort the
 * dashboard at the low end", §6.3); every policy then makes the rule strictly increasing by mixing in a
 * slope of weight {@link #SLOPE_MIX} where it is not ({@link AllocationRule#strictlyIncreasing}), so
 * the published bids are invertible.
 *
 * <p><b>Hysteresis</b> (§6.5, §7): {@link #withHysteresis(double) withHysteresis(m)} leaves a balance
 * with {@code |L| ≤ m v̂} unresolved (rebalances with {@code L = 0}) so that natural rebalancing can
 * work, and resolves the whole balance once {@code |L|} exceeds {@code m v̂}. {@code v̂} is the
 * {@code valueScale} passed to {@link #apply} (the agent's recent inferred value, vmax if unknown).
 */
public sealed interface Rebalancing permits Rebalancing.None, Rebalancing.Reference, Rebalancing.IndividuallyRational {

    /** γ of individually rational rebalancing for a positive balance: low types bid (almost) their value. */
    double DEFAULT_GAMMA_POSITIVE = 0.999;

    /** γ of individually rational rebalancing for a negative balance: low types bid (almost) nothing. */
    double DEFAULT_GAMMA_NEGATIVE = 0.001;

    /** Weight of the slope mixed into a rule that is not strictly increasing. */
    double SLOPE_MIX = 1e-6;

    /** No rebalancing. */
    static Rebalancing none() {
        return new None();
    }

    /**
     * Reference rebalancing (Def. 9) at rate {@code eta}, without hysteresis.
     *
     * @throws IllegalArgumentException if {@code eta} is not in (0, 1]
     */
    static Reference reference(double eta) {
        return new Reference(eta, 0);
    }

    /**
     * Individually rational rebalancing (Def. 13, 14) at rate {@code eta} with the default γ, without
     * hysteresis.
     *
     * @throws IllegalArgumentException if {@code eta} is not in (0, 1)
     */
    static IndividuallyRational individuallyRational(double eta) {
        return new IndividuallyRational(eta, DEFAULT_GAMMA_POSITIVE, DEFAULT_GAMMA_NEGATIVE, 0);
    }

    /**
     * The policy MECHANISM.md §4 prescribes for a format: individually rational for winner-pays-bid,
     * reference for all-pay.
     */
    static Rebalancing recommended(PaymentFormat format, double eta) {
        return format == PaymentFormat.WINNER_PAYS_BID ? individuallyRational(eta) : reference(eta);
    }

    RebalancingMode mode();

    /** The rebalancing rate η; 0 for {@link #none()}. */
    double eta();

    /** The multiple of {@code v̂} of balance left unresolved; 0 for none. */
    double hysteresis();

    /**
     * This policy leaving {@code |L| ≤ multiple · v̂} unresolved.
     *
     * @throws IllegalArgumentException if {@code multiple} is negative or not finite
     */
    Rebalancing withHysteresis(double multiple);

    /**
     * The balance this policy resolves: 0 while {@code |balance| ≤ hysteresis · valueScale}, else the
     * whole balance.
     */
    default double balanceToResolve(double balance, double valueScale) {
        return Math.abs(balance) <= hysteresis() * valueScale ? 0.0 : balance;
    }

    /**
     * The rebalanced bid strategy for a dashboard with rule {@code rule}, given the outstanding balance at
     * publish time.
     *
     * @param rule the dashboard's allocation rule {@code y} (monotone; it is floored and made strictly
     *     increasing here as described above)
     * @param format the payment format
     * @param balance the outstanding balance {@code L} from the ledger
     * @param valueScale {@code v̂} for the hysteresis band, at least 0
     * @throws IllegalArgumentException for a non-finite balance or value scale, winner-pays-bid rebalancing
     *     with {@code η = 1}, or individually rational rebalancing in all-pay
     */
    RebalancedStrategy apply(AllocationRule rule, PaymentFormat format, double balance, double valueScale);

    /** No rebalancing: eq. 3 of the (strictly increasing) rule. */
    record None() implements Rebalancing {

        @Override
        public RebalancingMode mode() {
            return RebalancingMode.NONE;
        }

        @Override
        public double eta() {
            return 0;
        }

        @Override
        public double hysteresis() {
            return 0;
        }

        @Override
        public Rebalancing withHysteresis(double multiple) {
            checkHysteresis(multiple);
            return this;
        }

        @Override
        public double balanceToResolve(double balance, double valueScale) {
            return 0;
        }

        @Override
        public RebalancedStrategy apply(AllocationRule rule, PaymentFormat format, double balance,
                double valueScale) {
            checkInputs(rule, format, balance, valueScale);
            return RebalancedStrategy.unshifted(rule.strictlyIncreasing(SLOPE_MIX), format, balance);
        }
    }

    /**
     * Reference rebalancing (Def. 9).
     *
     * @param eta rebalancing rate in (0, 1]; winner-pays-bid needs it below 1
     * @param hysteresis multiple of {@code v̂} left unresolved, at least 0
     */
    record Reference(double eta, double hysteresis) implements Rebalancing {

        public Reference {
            checkEta(eta, "reference");
            checkHysteresis(hysteresis);
        }

        @Override
        public RebalancingMode mode() {
            return RebalancingMode.REFERENCE;
        }

        @Override
        public Reference withHysteresis(double multiple) {
            return new Reference(eta, multiple);
        }

        @Override
        public RebalancedStrategy apply(AllocationRule rule, PaymentFormat format, double balance,
                double valueScale) {
            checkInputs(rule, format, balance, valueScale);
            AllocationRule y = prepare(rule, format, eta);
            return RebalancedStrategy.reference(y, format, balance, balanceToResolve(balance, valueScale), eta);
        }
    }

    /**
     * Individually rational rebalancing (Def. 13, 14), winner-pays-bid only.
     *
     * @param eta rebalancing rate in (0, 1)
     * @param gammaPositive γ for {@code L > 0}, in (0, 1), close to 1
     * @param gammaNegative γ for {@code L < 0}, in (0, 1), close to 0
     * @param hysteresis multiple of {@code v̂} left unresolved, at least 0
     */
    record IndividuallyRational(double eta, double gammaPositive, double gammaNegative, double hysteresis)
            implements Rebalancing {

        public IndividuallyRational {
            checkEta(eta, "individually rational");
            if (!(eta < 1)) {
                throw new IllegalArgumentException("individually rational rebalancing is winner-pays-bid and "
                        + "needs eta < 1 (Lemma 4), was " + eta);
            }
            if (!(gammaPositive > 0.5 && gammaPositive < 1)) {
                throw new IllegalArgumentException("gamma for a positive balance must be in (0.5, 1), close to 1, was "
                        + gammaPositive);
            }
            if (!(gammaNegative > 0 && gammaNegative < 0.5)) {
                throw new IllegalArgumentException("gamma for a negative balance must be in (0, 0.5), close to 0, was "
                        + gammaNegative);
            }
            checkHysteresis(hysteresis);
        }

        @Override
        public RebalancingMode mode() {
            return RebalancingMode.INDIVIDUALLY_RATIONAL;
        }

        @Override
        public IndividuallyRational withHysteresis(double multiple) {
            return new IndividuallyRational(eta, gammaPositive, gammaNegative, multiple);
        }

        /** This policy with other values of γ. */
        public IndividuallyRational withGammas(double positive, double negative) {
            return new IndividuallyRational(eta, positive, negative, hysteresis);
        }

        @Override
        public RebalancedStrategy apply(AllocationRule rule, PaymentFormat format, double balance,
                double valueScale) {
            checkInputs(rule, format, balance, valueScale);
            if (format != PaymentFormat.WINNER_PAYS_BID) {
                throw new IllegalArgumentException("individually rational rebalancing (Def. 13, 14) is defined for "
                        + "winner-pays-bid; use reference rebalancing for " + format.label());
            }
            AllocationRule y = prepare(rule, format, eta);
            double used = balanceToResolve(balance, valueScale);
            return RebalancedStrategy.individuallyRational(y, balance, used, eta,
                    used >= 0 ? gammaPositive : gammaNegative);
        }
    }

    private static AllocationRule prepare(AllocationRule rule, PaymentFormat format, double eta) {
        if (format == PaymentFormat.WINNER_PAYS_BID) {
            if (!(eta < 1)) {
                throw new IllegalArgumentException("winner-pays-bid rebalancing needs eta < 1 (Lemma 4): flooring "
                        + "the rule at " + eta + " would make it constant");
            }
            // Lemma 4 needs y in [η, 1]; floor, then restore strict increase (MECHANISM.md §4)
            return rule.floor(eta).strictlyIncreasing(SLOPE_MIX);
        }
        return rule.strictlyIncreasing(SLOPE_MIX);
    }

    private static void checkEta(double eta, String what) {
        if (!(eta > 0 && eta <= 1)) {
            throw new IllegalArgumentException(what + " rebalancing rate eta must be in (0, 1], was " + eta);
        }
    }

    private static void checkHysteresis(double multiple) {
        if (!(multiple >= 0) || Double.isInfinite(multiple)) {
            throw new IllegalArgumentException("hysteresis multiple must be a finite number >= 0, was " + multiple);
        }
    }

    private static void checkInputs(AllocationRule rule, PaymentFormat format, double balance, double valueScale) {
        if (rule == null || format == null) {
            throw new IllegalArgumentException("rebalancing needs a rule and a payment format, got " + rule + " and "
                    + format);
        }
        if (!Double.isFinite(balance)) {
            throw new IllegalArgumentException("outstanding balance must be finite, was " + balance);
        }
        if (!(valueScale >= 0) || Double.isInfinite(valueScale)) {
            throw new IllegalArgumentException("value scale for hysteresis must be a finite number >= 0, was "
                    + valueScale);
        }
    }
}
