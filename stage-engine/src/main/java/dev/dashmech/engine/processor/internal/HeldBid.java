package dev.dashmech.engine.processor.internal;

import dev.dashmech.schemas.avro.Bid;

/**
 * A bid that reached the engine before what it names: the auction of its stage (a stage id above the newest the
 * market opened) or the dashboard version it follows (above the newest the engine received). Kafka Streams reads
 * the co-partitioned inputs in whatever order they are fetched, so a bid may overtake the record it depends on; the
 * engine holds it, bounded in number and in stream time, and takes or rejects it when that record arrives or the
 * hold ends. The raw record is kept so that a restored engine decodes exactly what it held.
 *
 * <p>Mutable (what it waits for may change, from the auction to the dashboard); confined to one stream task.
 */
public final class HeldBid {

    /** What a held bid waits for. */
    public enum Wait {
        /** The auction of its stage. */
        AUCTION,
        /** The dashboard version it names. */
        DASHBOARD
    }

    private final long seq;
    private final String key;
    private final byte[] value;
    private final Bid bid;
    private final int partition;
    private final long offset;
    private final long timestamp;
    private final long arrivalClock;
    private Wait wait;
    private boolean done;

    /**
     * @param seq          the task's sequence number of the hold (its store key), increasing in arrival order
     * @param arrivalClock the engine's bid clock when the bid arrived: whether the bid was in time for its stage
     *                     is decided with it, however long the bid waited
     */
    HeldBid(long seq, String key, byte[] value, Bid bid, int partition, long offset, long timestamp,
            long arrivalClock, Wait wait) {
        this.seq = seq;
        this.key = key;
        this.value = value;
        this.bid = bid;
        this.partition = partition;
        this.offset = offset;
        this.timestamp = timestamp;
        this.arrivalClock = arrivalClock;
        this.wait = wait;
    }

    long seq() {
        return seq;
    }

    /** Its key in the held-bids store. */
    String storeKey() {
        return Long.toString(seq);
    }

    String key() {
        return key;
    }

    byte[] value() {
        return value;
    }

    Bid bid() {
        return bid;
    }

    int partition() {
        return partition;
    }

    long offset() {
        return offset;
    }

    long timestamp() {
        return timestamp;
    }

    long arrivalClock() {
        return arrivalClock;
    }

    Wait waitsFor() {
        return wait;
    }

    void waitFor(Wait wait) {
        this.wait = wait;
    }

    /** Whether it was taken or rejected (it stays in the arrival queue until the queue reaches it). */
    boolean isDone() {
        return done;
    }

    void markDone() {
        done = true;
    }

    @Override
    public String toString() {
        return "HeldBid[" + seq + ": stage " + bid.getStageId() + " of '" + bid.getMarket() + "', agent '"
                + bid.getAgent() + "', version " + bid.getDashboardVersion() + ", waiting for " + wait + "]";
    }
}
