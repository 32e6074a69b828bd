package dev.dashmech.engine.processor.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A stage that is open for bids: its header (market, stage id, opened-at, deadline, eligible agents) and the bids
 * taken so far, in arrival order. Its store value ({@link StoreCodec}) is encoded when first asked for and then
 * extended by the bids taken since, so a stage whose value is never asked for (one that opens and closes between two
 * commits, when the engine defers its stage writes) is never encoded. It also remembers whether it changed since the
 * engine last wrote it. Mutable; confined to one stream task.
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
    private final long openedNanos;
    /** The store value so far: the header and the first {@link #encodedBids} bids; null until first asked for. */
    private ByteSink encoded;
    private int encodedBids;
    private Set<String> bidders;
    private boolean closed;
    private boolean dirty;

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
        // hashes first: a String caches its hash, and the taken bids' agent ids have theirs from the engine's maps
        int hash = agent.hashCode();
        for (int i = 0; i < bids.size(); i++) {
            String other = bids.get(i).agent();
            if (other.hashCode() == hash && other.equals(agent)) {
                return true;
            }
        }
        return false;
    }

    /** Takes a bid (the caller checked eligibility and duplicates). */
    public void add(AcceptedBid bid) {
        bids.add(bid);
        if (bidders != null) {
            bidders.add(bid.agent());
        } else if (bids.size() > SCAN_LIMIT) {
            bidders = new HashSet<>();
            bids.forEach(b -> bidders.add(b.agent()));
        }
    }

    /** The store value of the stage as it is now (a new array). */
    public byte[] storeValue() {
        if (encoded == null) {
            encoded = new ByteSink(64 + (eligible == null ? 0 : 16 * eligible.size()) + 64 * bids.size());
            StoreCodec.writeOpenHeader(encoded, stageId, openedAt, deadline, eligible);
        }
        for (; encodedBids < bids.size(); encodedBids++) {
            StoreCodec.writeBid(encoded, bids.get(encodedBids));
        }
        return encoded.toByteArray();
    }

    /** Notes that the stage changed since the engine last wrote it; true if it had not changed before. */
    boolean markDirty() {
        boolean was = dirty;
        dirty = true;
        return !was;
    }

    /** Notes that the engine wrote the stage as it is now. */
    void markClean() {
        dirty = false;
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
