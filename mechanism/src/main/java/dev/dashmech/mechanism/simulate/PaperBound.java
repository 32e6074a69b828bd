package dev.dashmech.mechanism.simulate;

import dev.dashmech.mechanism.balance.BalanceBounds;
import dev.dashmech.mechanism.bidding.PaymentFormat;
import dev.dashmech.mechanism.dashboard.DashboardKind;
import dev.dashmech.mechanism.rebalance.RebalancingMode;
import java.util.Optional;

/**
 * The paper's bound on an agent's outstanding balance {@code |L_t|} for a market configuration, and where it comes
 * from. The bounds on rebalancing (Thm. 3, Cor. 1, 2) hold for any sequence of inferred values in
 * {@code [0, vmax]}, so for any strategy whose bids stay in the dashboard's range (a clamped bid pays more or less
 * than the inferred value's bid); Lemma 7 and 8 are about a follower with a static value.
 *
 * <p>None applies (empty) with hysteresis (balances are left unresolved on purpose), with dashboards published
 * every K &gt; 1 stages (the bounds assume the current balance, Lemma 4), or to configurations the paper does not
 * bound.
 *
 * @param value  the bound on {@code |L_t|}
 * @param source the result it comes from, e.g. {@code "Cor. 1"}
 */
public record PaperBound(double value, String source) {

    /** The bound for agent {@code agent} in {@code market}, if the paper gives one. */
    public static Optional<PaperBound> of(Market market, AgentSpec agent) {
        if (agent.strategy() instanceof Strategy.TruthfulBaseline) {
            return Optional.of(new PaperBound(0, "truthful payments (Def. 6)"));
        }
        if (market.hysteresis() > 0 || market.publishEvery() > 1) {
            return Optional.empty();
        }
        double vmax = market.valueMax();
        double eta = market.eta();
        boolean allPay = agent.format() == PaymentFormat.ALL_PAY;
        if (market.rebalancing() != RebalancingMode.NONE) {
            if (market.rho() > 0) {
                // Cor. 2 (winner-pays-bid); ours for all-pay reference: L <- (1-η)L + (ř - b), |ř - b| <= vmax/ρ
                return Optional.of(new PaperBound(BalanceBounds.instrumented(vmax, market.rho(), eta),
                        allPay ? "ours: instrumented all-pay reference (MECHANISM.md §6)" : "Cor. 2"));
            }
            if (allPay) {
                return eta == 1 ? Optional.of(new PaperBound(BalanceBounds.allPay(vmax), "Thm. 3"))
                        // Lemma 3 resolves Lη per stage, Lemma 2 bounds the residual: Thm. 4's sum gives vmax/η
                        : Optional.of(new PaperBound(vmax / eta, "Lemma 2, 3 with Thm. 4's argument (all-pay)"));
            }
            return Optional.of(new PaperBound(BalanceBounds.winnerPaysBid(vmax, eta), "Cor. 1"));
        }
        if (market.rho() == 0 && agent.value().isStatic() && agent.strategy() instanceof Strategy.Follow) {
            double v = agent.value().maxValue();
            if (allPay && market.dashboard() == DashboardKind.INFERRED_VALUES && market.lookback() == 1) {
                return Optional.of(new PaperBound(BalanceBounds.staticValue(v), "Lemma 7"));
            }
            if (!allPay && market.dashboard() == DashboardKind.LAST_WINNING_STAGE) {
                return Optional.of(new PaperBound(BalanceBounds.staticValue(v), "Lemma 8"));
            }
        }
        return Optional.empty();
    }
}
