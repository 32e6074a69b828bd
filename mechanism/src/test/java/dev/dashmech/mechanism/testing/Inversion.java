package dev.dashmech.mechanism.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.dashmech.mechanism.bidding.BidTable;

/** Assertions on value inference from a published table. */
public final class Inversion {

    private Inversion() {
    }

    /**
     * The agent with value {@code v} that follows {@code table} is inferred at {@code v} (Prop. 1): the
     * inferred value bids exactly the same bid, and it equals {@code v} to {@code 1e-6} wherever the table's
     * bids are not flat to within rounding there (near a flat stretch, e.g. all-pay bids near value 0 whose
     * slope is {@code z y'(z)}, a rounding error of the bid moves the inferred value further, harmlessly).
     */
    public static void assertInfersItsValue(BidTable table, double v) {
        double bid = table.bidFor(v);
        double inferred = table.inferValue(bid);
        assertThat(table.bidFor(inferred)).as("bid of the value inferred from the bid of %s", v)
                .isCloseTo(bid, within(1e-12 * (1 + Math.abs(bid))));
        double h = 1e-3 * table.vmax();
        double lo = Math.max(0, v - h);
        double hi = Math.min(table.vmax(), v + h);
        double slope = (table.bidFor(hi) - table.bidFor(lo)) / (hi - lo);
        if (slope * 1e-6 > 1e-12 * (1 + Math.abs(bid))) {
            assertThat(inferred).as("value inferred from the bid of %s", v).isCloseTo(v, within(1e-6));
        }
    }
}
