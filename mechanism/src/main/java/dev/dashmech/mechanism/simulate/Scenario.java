package dev.dashmech.mechanism.simulate;

import dev.dashmech.mechanism.bidding.PaymentFormat;
import dev.dashmech.mechanism.rebalance.RebalancingMode;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** A simulation: a market, its agents, how many stages to run and the seed of every random draw. */
public record Scenario(Market market, List<AgentSpec> agents, long stages, long seed) {

    public Scenario {
        if (market == null) {
            throw new IllegalArgumentException("market: a scenario needs a market");
        }
        if (agents == null || agents.isEmpty()) {
            throw new IllegalArgumentException("agents: a scenario needs at least one agent");
        }
        agents = List.copyOf(agents);
        Set<String> ids = new HashSet<>();
        for (AgentSpec a : agents) {
            if (!ids.add(a.id())) {
                throw new IllegalArgumentException("agents: agent id '" + a.id()
                        + "' appears twice; ids must be unique");
            }
            if (a.value().maxValue() > market.valueMax()) {
                throw new IllegalArgumentException("agents: agent '" + a.id() + "' has value " + a.value().maxValue()
                        + " above market.valueMax " + market.valueMax() + "; raise valueMax or lower the value");
            }
            if (a.format() == PaymentFormat.WINNER_PAYS_BID) {
                if (market.rebalancing() == RebalancingMode.REFERENCE) {
                    throw new IllegalArgumentException("market.rebalancing: reference rebalancing cannot be published"
                            + " to winner-pays-bid agent '" + a.id() + "' (its bids stop being invertible for a positive"
                            + " balance, Lemma 1); use ir, which rebalances all-pay agents by reference");
                }
                if (market.rebalancing() != RebalancingMode.NONE && market.eta() >= 1) {
                    throw new IllegalArgumentException("market.eta: winner-pays-bid rebalancing needs eta < 1"
                            + " (Lemma 4), was " + market.eta() + " with winner-pays-bid agent '" + a.id() + "'");
                }
            }
        }
        if (stages < 1) {
            throw new IllegalArgumentException("stages: a scenario runs at least 1 stage, was " + stages);
        }
    }

    public Scenario withStages(long n) {
        return new Scenario(market, agents, n, seed);
    }

    public Scenario withSeed(long s) {
        return new Scenario(market, agents, stages, s);
    }

    public Scenario withMarket(Market m) {
        return new Scenario(m, agents, stages, seed);
    }
}
