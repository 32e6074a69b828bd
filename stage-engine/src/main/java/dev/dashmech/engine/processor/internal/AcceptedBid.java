package dev.dashmech.engine.processor.internal;

import dev.dashmech.mechanism.bidding.PaymentFormat;

/**
 * A bid the engine took into an open stage (or keeps as an agent's standing bid), with where it was read.
 *
 * @param agent            the agent id
 * @param amount           the bid, finite and {@code >= 0}
 * @param format           its payment format
 * @param dashboardVersion the dashboard version it follows (0: the market's prior)
 * @param bidId            the bidder's id of the bid, or null
 * @param stageId          the stage it was made in
 * @param timestamp        the record timestamp
 * @param partition        the source partition
 * @param offset           the source offset
 */
public record AcceptedBid(String agent, double amount, PaymentFormat format, long dashboardVersion, String bidId,
                          long stageId, long timestamp, int partition, long offset) {
}
