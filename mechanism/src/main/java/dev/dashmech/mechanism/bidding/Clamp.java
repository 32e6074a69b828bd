package dev.dashmech.mechanism.bidding;

/** Whether inferring a value from a bid had to clamp the bid to the range of the table. */
public enum Clamp {

    /** The bid is within the table: the inferred value is exact for the table. */
    NONE,

    /** The bid is below the lowest bid of the table (but acceptable): inferred as the lowest value. */
    BELOW_LOWEST_BID,

    /** The bid is above the highest bid of the table: inferred as vmax. */
    ABOVE_HIGHEST_BID
}
