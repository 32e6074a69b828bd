package dev.dashmech.mechanism.bidding;

/**
 * The bid-allocation rule {@code ỹ(b) = y(c⁻¹(b))} (eq. 4): the probability of winning with bid {@code b}
 * for an agent facing allocation rule {@code y} through bid strategy {@code c}. Immutable.
 */
public final class BidAllocationRule {

    private final BidStrategy strategy;

    BidAllocationRule(BidStrategy strategy) {
        this.strategy = strategy;
    }

    /** The bid-allocation rule of a bid strategy (eq. 4). */
    public static BidAllocationRule of(BidStrategy strategy) {
        return new BidAllocationRule(strategy);
    }

    public BidStrategy strategy() {
        return strategy;
    }

    /**
     * {@code ỹ(b)}: the win probability of bid {@code b}; below the lowest bid of the strategy that of
     * value 0, above the highest that of vmax.
     *
     * @throws IllegalArgumentException if {@code bid} is not a number
     */
    public double probability(double bid) {
        return strategy.rule().at(strategy.valueOf(bid));
    }

    @Override
    public String toString() {
        return "BidAllocationRule[" + strategy + "]";
    }
}
