package dev.dashmech.mechanism.dashboard;

import dev.dashmech.mechanism.bidding.BidStrategy;
import dev.dashmech.mechanism.bidding.BidTable;
import dev.dashmech.mechanism.bidding.PaymentFormat;
import dev.dashmech.mechanism.rule.AllocationRule;
import dev.dashmech.mechanism.rule.ValueGrid;

/**
 * The allocation rule of an agent's first dashboard, before any stage has been observed. Section 5: "for
 * stage 1, any strictly increasing dashboard will suffice".
 */
public final class Prior {

    private Prior() {
    }

    /**
     * {@code y(z) = z / vmax}: the rule of a highest-value-wins contest against one competitor whose value
     * is uniform on {@code [0, vmax]}. Strictly increasing, so its bids invert; its winner-pays-bid bid is
     * {@code z/2} and its all-pay bid {@code z²/(2 vmax)}. It is exact on any grid (a line). Balance that
     * the prior misprices is resolved by rebalancing like any other dashboard error.
     */
    public static AllocationRule uniformCompetitor(ValueGrid grid) {
        double vmax = grid.vmax();
        return AllocationRule.sample(grid, z -> Math.min(1.0, z / vmax));
    }

    /**
     * The bid table of the prior dashboard in {@code format}: what every agent of a market follows before its
     * first published dashboard (dashboard version 0 in the pipeline). The stage engine inverts it and bidders
     * bid by it, so both take it from here.
     */
    public static BidTable table(ValueGrid grid, PaymentFormat format) {
        return BidStrategy.of(uniformCompetitor(grid), format).table();
    }
}
