/**
 * Payment rebalancing (Section 6): a {@link dev.dashmech.mechanism.rebalance.Rebalancing} policy turns a
 * dashboard's allocation rule and the agent's outstanding balance into a
 * {@link dev.dashmech.mechanism.rebalance.RebalancedStrategy}, the bid strategy to publish. Reference
 * rebalancing (Def. 9) for all-pay; individually rational rebalancing (Def. 13, 14, with {@code v†} solved
 * in closed form as MECHANISM.md §4 reads it) for winner-pays-bid; the η floor (Lemma 4) and the
 * hysteresis band of §6.5.
 */
package dev.dashmech.mechanism.rebalance;
