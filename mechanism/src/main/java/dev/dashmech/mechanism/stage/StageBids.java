package dev.dashmech.mechanism.stage;

import dev.dashmech.mechanism.bidding.BidTable;
import dev.dashmech.mechanism.bidding.PaymentFormat;
import java.util.Arrays;

/**
 * The bids of one stage, in the caller's agent order: each agent's bid, payment format, and the dashboard table
 * the bid follows (the mechanism inverts it to infer the value), or none for an agent that reports its value
 * directly, as in the sequential truthful mechanism. A reusable buffer: {@link #clear()} it and add the next
 * stage's bids; it grows as needed and allocates nothing once large enough. Not thread-safe.
 */
public final class StageBids {

    private int size;
    private double[] bids;
    private PaymentFormat[] formats;
    private BidTable[] tables;

    /** An empty buffer with room for {@code capacity} agents before it grows. */
    public StageBids(int capacity) {
        int c = Math.max(1, capacity);
        bids = new double[c];
        formats = new PaymentFormat[c];
        tables = new BidTable[c];
    }

    public StageBids() {
        this(8);
    }

    /** Empties the buffer for the next stage. */
    public StageBids clear() {
        Arrays.fill(tables, 0, size, null);
        size = 0;
        return this;
    }

    /**
     * Adds a bid that follows {@code table}: the stage infers the agent's value as {@code c⁻¹(bid)}.
     *
     * @return the agent's index in this stage
     * @throws IllegalArgumentException if the bid is not finite, or the format or table is missing
     */
    public int add(double bid, PaymentFormat format, BidTable table) {
        if (table == null) {
            throw new IllegalArgumentException("a dashboard bid needs the table it follows; use addTruthful for a"
                    + " direct value report");
        }
        return put(bid, format, table);
    }

    /**
     * Adds a direct value report, as in the sequential truthful mechanism (Def. 6): the inferred value is
     * {@code value} itself, and the agent pays its truthful payment, so its balance does not move.
     *
     * @return the agent's index in this stage
     * @throws IllegalArgumentException if the value is negative or not finite, or the format is missing
     */
    public int addTruthful(double value, PaymentFormat format) {
        if (!(value >= 0)) {
            throw new IllegalArgumentException("a reported value must be a finite number >= 0, was " + value);
        }
        return put(value, format, null);
    }

    private int put(double bid, PaymentFormat format, BidTable table) {
        if (!Double.isFinite(bid)) {
            throw new IllegalArgumentException("bid of agent " + size + " must be a finite number, was " + bid);
        }
        if (format == null) {
            throw new IllegalArgumentException("bid of agent " + size + " needs a payment format");
        }
        if (size == bids.length) {
            int c = 2 * size;
            bids = Arrays.copyOf(bids, c);
            formats = Arrays.copyOf(formats, c);
            tables = Arrays.copyOf(tables, c);
        }
        bids[size] = bid;
        formats[size] = format;
        tables[size] = table;
        return size++;
    }

    /** The number of agents in the stage. */
    public int size() {
        return size;
    }

    /** Agent i's bid (its value for a direct report). */
    public double bid(int i) {
        check(i);
        return bids[i];
    }

    public PaymentFormat format(int i) {
        check(i);
        return formats[i];
    }

    /** The table agent i's bid follows, or null for a direct value report. */
    public BidTable table(int i) {
        check(i);
        return tables[i];
    }

    /** Whether agent i reported its value directly (truthful mechanism) rather than bidding by a dashboard. */
    public boolean isTruthful(int i) {
        check(i);
        return tables[i] == null;
    }

    private void check(int i) {
        if (i < 0 || i >= size) {
            throw new IndexOutOfBoundsException("agent " + i + " of a stage of " + size);
        }
    }
}
