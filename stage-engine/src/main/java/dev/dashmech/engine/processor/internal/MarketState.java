package dev.dashmech.engine.processor.internal;

import dev.dashmech.mechanism.bidding.BidTable;
import dev.dashmech.mechanism.bidding.PaymentFormat;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Everything the engine holds in memory about one market of its stream task: the configuration in force, the open
 * stages by id, the stage-id bookkeeping (for telling a late bid from one for an unknown stage), the agents' recent
 * dashboards by format, the standing bids by agent (sorted, so standing entries enter a
 * stage in agent order) and the bids held until their auction or dashboard version arrives. The stores hold the
 * same, durably; this is rebuilt from them when a task starts.
 */
public final class MarketState {

    /** Versions kept for a market whose configuration has not arrived yet. */
    static final int DEFAULT_VERSIONS_KEPT = 4;

    final String market;
    /** The configuration in force when the engine last looked, or null before the first. */
    MarketRuntime runtime;
    StageIds ids = new StageIds();
    final Map<Long, OpenStage> open = new HashMap<>();
    /** The slots of the open stages: a stage's store key is {@code market/slot}, so the keys are few and reused. */
    final BitSet slots = new BitSet();
    final Map<PaymentFormat, Map<String, DashboardVersions>> dashboards = new EnumMap<>(PaymentFormat.class);
    final TreeMap<String, AcceptedBid> standing = new TreeMap<>();
    /** Held bids waiting for the auction of their stage, by stage id, each list in arrival order. */
    final TreeMap<Long, List<HeldBid>> waitingForAuction = new TreeMap<>();
    /** Held bids waiting for the dashboard version they name, in arrival order. */
    final List<HeldBid> waitingForDashboard = new ArrayList<>();

    /** The eligible-agents list of the last auction that had one, and its set (see {@link #eligible}). */
    private List<String> lastEligibleList;
    private Set<String> lastEligible;

    MarketState(String market) {
        this.market = market;
    }

    /**
     * The distinct agents of an auction's eligible-agents list, in list order: the set of the market's previous
     * auction with a list when the lists are equal, else a new one. A market's auctions usually name the same
     * agents, and building a hash set per auction was 2% of the stream thread (JFR, {@code dashctl bench engine});
     * a shared set is also warm in the cache for the eligibility check of every bid. The set must not be changed.
     */
    Set<String> eligible(List<String> agents) {
        if (lastEligibleList == null || !lastEligibleList.equals(agents)) {
            lastEligibleList = new ArrayList<>(agents);
            lastEligible = new LinkedHashSet<>(agents);
        }
        return lastEligible;
    }

    /**
     * The lowest free slot, now taken. Slots keep the stages store's keys (and the write-behind map in front of
     * it) as small as the number of stages open at once, however many stages pass through.
     */
    int takeSlot() {
        int slot = slots.nextClearBit(0);
        slots.set(slot);
        return slot;
    }

    void releaseSlot(int slot) {
        slots.clear(slot);
    }

    /** Files a held bid under what it waits for. */
    void waitOn(HeldBid held) {
        if (held.waitsFor() == HeldBid.Wait.AUCTION) {
            waitingForAuction.computeIfAbsent(held.bid().getStageId(), id -> new ArrayList<>()).add(held);
        } else {
            waitingForDashboard.add(held);
        }
    }

    /** Takes the bids waiting for a dashboard version that {@code which} selects out of the index, in arrival order. */
    List<HeldBid> takeWaitingForDashboard(Predicate<HeldBid> which) {
        List<HeldBid> taken = new ArrayList<>();
        waitingForDashboard.removeIf(h -> which.test(h) && taken.add(h));
        return taken;
    }

    /** Takes a held bid out of the index it is filed under. */
    void stopWaiting(HeldBid held) {
        if (held.waitsFor() == HeldBid.Wait.AUCTION) {
            List<HeldBid> same = waitingForAuction.get(held.bid().getStageId());
            if (same != null && same.remove(held) && same.isEmpty()) {
                waitingForAuction.remove(held.bid().getStageId());
            }
        } else {
            waitingForDashboard.remove(held);
        }
    }

    int versionsKept() {
        return runtime == null ? DEFAULT_VERSIONS_KEPT : runtime.dashboardVersionsKept();
    }

    DashboardVersions dashboards(String agent, PaymentFormat format) {
        Map<String, DashboardVersions> byAgent = dashboards.get(format);
        return byAgent == null ? null : byAgent.get(agent);
    }

    DashboardVersions dashboardsForUpdate(String agent, PaymentFormat format) {
        return dashboards.computeIfAbsent(format, f -> new HashMap<>())
                .computeIfAbsent(agent, a -> new DashboardVersions());
    }

    /**
     * The table of dashboard {@code version} of {@code agent} in {@code format} if it is kept, else null: the
     * prior for version 0 while fewer than {@code dashboardVersionsKept} versions are published, otherwise one of
     * the newest published versions. Needs a configured market.
     */
    BidTable table(String agent, PaymentFormat format, long version) {
        int kept = versionsKept();
        DashboardVersions versions = dashboards(agent, format);
        if (version == 0) {
            return versions == null || versions.priorKept(kept) ? runtime.prior(format) : null;
        }
        return versions == null ? null : versions.find(version, kept);
    }

}
