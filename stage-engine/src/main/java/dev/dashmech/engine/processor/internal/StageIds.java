package dev.dashmech.engine.processor.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The stage ids a market has opened. Ids increase within a market, so the engine needs no record per closed stage:
 * an id from the first opened to the newest opened that is not open now was opened and has closed, unless the
 * auctions skipped it. The skipped ranges are kept for a retention of stream time (normally there are none); an id
 * at or below a forgotten range cannot be told apart any more and counts as closed long ago. Each range is stored
 * under its own key, so opening a stage writes O(1) however many ranges are kept (a market whose ids come from a
 * counter shared with other markets skips ids at every auction). Mutable; confined to one stream task.
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
    /** By {@code from}; ids and the clock only grow, so this is also the order in which ranges were recorded. */
    private final TreeMap<Long, Gap> gaps = new TreeMap<>();

    /** What {@link #open} changed among the skipped ranges: one recorded, and those forgotten. */
    record Change(Gap added, List<Gap> forgotten) {
        static final Change NONE = new Change(null, List.of());
    }

    StageIds() {
    }

    StageIds(long first, long newest, long forgottenThrough, List<Gap> gaps) {
        this.first = first;
        this.newest = newest;
        this.forgottenThrough = forgottenThrough;
        gaps.forEach(this::restore);
    }

    /** A skipped range read back from the store. */
    void restore(Gap gap) {
        gaps.put(gap.from(), gap);
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
        return gaps.values();
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
     *
     * @return the skipped range recorded and those forgotten, for the store
     */
    Change open(long id, long now, long horizon) {
        Gap added = null;
        if (newest >= 0 && id > newest + 1) {
            added = new Gap(newest + 1, id - 1, now);
            gaps.put(added.from(), added);
        }
        if (first < 0) {
            first = id;
        }
        newest = id;
        List<Gap> forgotten = null;
        Map.Entry<Long, Gap> oldest;
        while ((oldest = gaps.firstEntry()) != null && oldest.getValue().at() < horizon) {
            gaps.pollFirstEntry();
            forgottenThrough = Math.max(forgottenThrough, oldest.getValue().to());
            if (forgotten == null) {
                forgotten = new ArrayList<>();
            }
            forgotten.add(oldest.getValue());
        }
        if (added == null && forgotten == null) {
            return Change.NONE;
        }
        return new Change(added, forgotten == null ? List.of() : forgotten);
    }

    /** What is known of {@code id}, a stage that is not open. */
    public Status statusOf(long id) {
        if (newest < 0 || id > newest) {
            return Status.NOT_OPENED_YET;
        }
        if (id < first) {
            return Status.NEVER_OPENED;
        }
        Map.Entry<Long, Gap> gap = gaps.floorEntry(id);
        if (gap != null && id <= gap.getValue().to()) {
            return Status.NEVER_OPENED;
        }
        return id <= forgottenThrough ? Status.CLOSED_OR_SKIPPED_LONG_AGO : Status.CLOSED;
    }
}
