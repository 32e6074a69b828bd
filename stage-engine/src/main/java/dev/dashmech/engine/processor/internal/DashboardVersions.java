package dev.dashmech.engine.processor.internal;

import dev.dashmech.mechanism.bidding.BidTable;
import java.util.Arrays;

/**
 * The recent published dashboards of one agent for one payment format: their versions (ascending) and bid tables.
 * Together with the market's prior (version 0) they form the agent's version history, of which the engine keeps
 * the newest {@code kept} ({@code MarketConfig.dashboardVersionsKept}): the prior stays valid until {@code kept}
 * versions have been published. Mutable; confined to one stream task.
 */
public final class DashboardVersions {

    private long[] versions = new long[4];
    private BidTable[] tables = new BidTable[4];
    private int size;

    /** The number of published versions held. */
    public int size() {
        return size;
    }

    /** The newest version held, or 0 when none is. */
    public long newest() {
        return size == 0 ? 0 : versions[size - 1];
    }

    /** The oldest version held, or 0 when none is. */
    public long oldest() {
        return size == 0 ? 0 : versions[0];
    }

    /** The versions held, ascending (a copy). */
    public long[] versions() {
        return Arrays.copyOf(versions, size);
    }

    /**
     * Adds (or replaces) {@code version} and drops the versions beyond the newest {@code kept}.
     *
     * @return the versions dropped (possibly {@code version} itself, when it is older than the {@code kept} held),
     *     ascending; empty when none
     */
    public long[] put(long version, BidTable table, int kept) {
        int at = Arrays.binarySearch(versions, 0, size, version);
        if (at >= 0) {
            tables[at] = table;
        } else {
            int insert = -at - 1;
            if (size == versions.length) {
                versions = Arrays.copyOf(versions, size * 2);
                tables = Arrays.copyOf(tables, size * 2);
            }
            System.arraycopy(versions, insert, versions, insert + 1, size - insert);
            System.arraycopy(tables, insert, tables, insert + 1, size - insert);
            versions[insert] = version;
            tables[insert] = table;
            size++;
        }
        return trim(kept);
    }

    /** Drops the versions beyond the newest {@code kept}; returns them, ascending. */
    public long[] trim(int kept) {
        int drop = Math.max(0, size - Math.max(1, kept));
        if (drop == 0) {
            return new long[0];
        }
        long[] dropped = Arrays.copyOf(versions, drop);
        System.arraycopy(versions, drop, versions, 0, size - drop);
        System.arraycopy(tables, drop, tables, 0, size - drop);
        Arrays.fill(tables, size - drop, size, null);
        size -= drop;
        return dropped;
    }

    /**
     * The table of a published version among the newest {@code kept}, or null when it is not held (unknown, or
     * expired).
     */
    public BidTable find(long version, int kept) {
        int at = Arrays.binarySearch(versions, 0, size, version);
        return at >= 0 && at >= size - kept ? tables[at] : null;
    }

    /** Whether the prior (version 0) is still among the newest {@code kept} versions. */
    public boolean priorKept(int kept) {
        return size < kept;
    }

    /** Whether {@code version} is held among the newest {@code kept}. */
    public boolean holds(long version, int kept) {
        return find(version, kept) != null;
    }
}
