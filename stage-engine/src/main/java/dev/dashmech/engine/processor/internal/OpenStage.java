package dev.dashmech.engine.processor.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A stage that is open for bids: its header (market, stage id, opened-at, deadline, eligible agents) and the bids
 * taken so far, in arrival order, together with their store encoding ({@link StoreCodec}), to which each accepted
 * bid is appended. Mutable; confined to one stream task.
 */
public final class OpenStage {

    /** Above this many bids the duplicate check switches from a scan to a hash set. */
    private static final int SCAN_LIMIT = 16;

    private final String market;
    private final long stageId;
    private final int slot;
    private final String storeKey;
    private final long openedAt;
    private final long deadline;
    private final Set<String> eligible;
    private final List<AcceptedBid> bids = new ArrayList<>();
    private final ByteSink encoded;
    private final long openedNanos;
    private Set<String> bidders;
    private boolean closed;

    /**
     * @param slot        the stage's slot in its market: its store key is {@code market/slot} (see
     *                    {@link MarketState#takeSlot()})
     * @param eligible    the agents allowed to bid (kept as given), or null for any agent
     * @param openedNanos {@link System#nanoTime()} when the engine opened (or restored) it, for the wall-clock
     *                    close latency
     */
    public OpenStage(String market, long stageId, int slot, long openedAt, long deadline, Set<String> eligible,
                     long openedNanos) {
        this.market = market;
        this.stageId = stageId;
        this.slot = slot;
        this.storeKey = StageEngine.slotKey(market, slot);
        this.openedAt = openedAt;
        this.deadline = deadline;
        this.eligible = eligible == null ? null : Collections.unmodifiableSet(eligible);
        this.openedNanos = openedNanos;
        this.encoded = new ByteSink(64 + (eligible == null ? 0 : 16 * eligible.size()));
        StoreCodec.writeOpenHeader(encoded, stageId, openedAt, deadline, eligible);
    }

    /** The stage as restored from its store value. */
    static OpenStage restore(String market, int slot, StoreCodec.OpenValue value, long openedNanos) {
        OpenStage stage = new OpenStage(market, value.stageId(), slot, value.openedAt(), value.deadline(),
                value.eligible(), openedNanos);
        value.bids().forEach(stage::add);
        return stage;
    }

    public String market() {
        return market;
    }

    public long stageId() {
        return stageId;
    }

    /** The stage's slot in its market. */
    public int slot() {
        return slot;
    }

    /** The stage's key in the stages store: {@code market/slot}. */
    public String storeKey() {
        return storeKey;
    }

    public long openedAt() {
        return openedAt;
    }

    /** openedAt + tmax: the stage closes when stream time passes it. */
    public long deadline() {
        return deadline;
    }

    /** The eligible agents, or null when any agent of the market may bid. */
    public Set<String> eligible() {
        return eligible;
    }

    public long openedNanos() {
        return openedNanos;
    }

    /** The bids taken, in arrival order (a read-only view). */
    public List<AcceptedBid> bids() {
        return Collections.unmodifiableList(bids);
    }

    public int bidCount() {
        return bids.size();
    }

    /** Whether {@code agent} may bid: it is eligible, or the stage has no eligibility list. */
    public boolean isEligible(String agent) {
        return eligible == null || eligible.contains(agent);
    }

    /** Whether every eligible agent has bid (never for a stage open to any agent). */
    public boolean allEligibleHaveBid() {
        return eligible != null && bids.size() >= eligible.size();
    }

    /** Whether {@code agent} already bid in this stage. */
    public boolean hasBidFrom(String agent) {
        if (bidders != null) {
            return bidders.contains(agent);
        }
        for (int i = 0; i < bids.size(); i++) {
            if (bids.get(i).agent().equals(agent)) {
                return true;
            }
        }
        return false;
    }

    /** Takes a bid (the caller checked eligibility and duplicates) and appends it to the store encoding. */
    public void add(AcceptedBid bid) {
        bids.add(bid);
        StoreCodec.writeBid(encoded, bid);
        if (bidders != null) {
            bidders.add(bid.agent());
        } else if (bids.size() > SCAN_LIMIT) {
            bidders = new HashSet<>();
            bids.forEach(b -> bidders.add(b.agent()));
        }
    }

    /** The store value of the stage as it is now (a new array). */
    public byte[] storeValue() {
        return encoded.toByteArray();
    }

    public boolean isClosed() {
        return closed;
    }

    void markClosed() {
        closed = true;
    }

    @Override
    public String toString() {
        return "OpenStage[" + market + "/" + stageId + ", openedAt=" + openedAt + ", deadline=" + deadline + ", "
                + bids.size() + " bids" + (eligible == null ? "" : " of " + eligible.size() + " eligible") + "]";
    }
}
