package dev.dashmech.engine.processor.internal;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * The stage ids a market has opened. Ids increase within a market, so the engine needs no record per closed stage:
 * an id from the first opened to the newest opened that is not open now was opened and has closed, unless the
 * auctions skipped it. The skipped ranges are kept for a retention of stream time (normally there are none); an id
 * at or below a forgotten range cannot be told apart any more and counts as closed long ago. Mutable; confined to
 * one stream task.
 */
public final class StageIds {

    /** What the engine knows of a stage id that is not open. */
    public enum Status {
        /** Above the newest opened id: not opened (yet). */
        NOT_OPENED_YET,
        /** Below the first opened id, or in a skipped range: never opened. */
        NEVER_OPENED,
        /** Opened and closed. */
        CLOSED,
        /** At or below a skipped range forgotten after the retention: closed, or skipped, long ago. */
        CLOSED_OR_SKIPPED_LONG_AGO
    }

    /** Ids {@code from..to} were skipped by an auction recorded at stream time {@code at}. */
    record Gap(long from, long to, long at) {
    }

    private long first = -1;
    private long newest = -1;
    private long forgottenThrough = -1;
    private final Deque<Gap> gaps = new ArrayDeque<>();

    StageIds() {
    }

    StageIds(long first, long newest, long forgottenThrough, List<Gap> gaps) {
        this.first = first;
        this.newest = newest;
        this.forgottenThrough = forgottenThrough;
        this.gaps.addAll(gaps);
    }

    /** The newest opened id, or -1 before the first. */
    public long newest() {
        return newest;
    }

    long first() {
        return first;
    }

    long forgottenThrough() {
        return forgottenThrough;
    }

    Iterable<Gap> gaps() {
        return gaps;
    }

    int gapCount() {
        return gaps.size();
    }

    /** Whether {@code id} may be opened next: above every id opened so far. */
    public boolean canOpen(long id) {
        return id >= 0 && id > newest;
    }

    /**
     * Records that {@code id} opened at stream time {@code now}, and forgets skipped ranges recorded before
     * {@code horizon}.
     */
    void open(long id, long now, long horizon) {
        if (newest >= 0 && id > newest + 1) {
            gaps.addLast(new Gap(newest + 1, id - 1, now));
        }
        if (first < 0) {
            first = id;
        }
        newest = id;
        Gap oldest;
        while ((oldest = gaps.peekFirst()) != null && oldest.at() < horizon) {
            gaps.pollFirst();
            forgottenThrough = Math.max(forgottenThrough, oldest.to());
        }
    }

    /** What is known of {@code id}, a stage that is not open. */
    public Status statusOf(long id) {
        if (newest < 0 || id > newest) {
            return Status.NOT_OPENED_YET;
        }
        if (id < first) {
            return Status.NEVER_OPENED;
        }
        for (Gap gap : gaps) {
            if (id >= gap.from() && id <= gap.to()) {
                return Status.NEVER_OPENED;
            }
        }
        return id <= forgottenThrough ? Status.CLOSED_OR_SKIPPED_LONG_AGO : Status.CLOSED;
    }
}
