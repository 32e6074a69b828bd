/**
 * Bidding in a payment format (Section 3): {@link dev.dashmech.mechanism.bidding.PaymentFormat} (eq. 1),
 * the optimal {@link dev.dashmech.mechanism.bidding.BidStrategy} of an allocation rule (eq. 3) and its
 * {@link dev.dashmech.mechanism.bidding.BidAllocationRule} (eq. 4), the published
 * {@link dev.dashmech.mechanism.bidding.BidTable} with the stage engine's hot-path inference
 * {@code v̂ = c⁻¹(b)}, and inference from a bare {@link dev.dashmech.mechanism.bidding.BidAllocationCurve}
 * by the first-order condition (eq. 5).
 */
package dev.dashmech.mechanism.bidding;
