package dev.dashmech.engine.processor.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Stage ids from a counter shared by several markets: every auction of a market skips ids. */
class StageIdsTest {

    @Test
    void shouldRecordOneRangeAndForgetOnlyExpiredOnesPerAuction() {
        // given a market that gets every 8th id, one auction per ms, skipped ranges kept for 1000 ms
        StageIds ids = new StageIds();
        for (long k = 0; k < 10_000; k++) {
            long id = 1 + 8 * k;
            StageIds.Change change = ids.open(id, k, k - 1_000);

            // then each auction records at most one range and forgets at most one: O(1) store writes
            assertThat(change.added() == null ? 0 : 1).isEqualTo(k == 0 ? 0 : 1);
            assertThat(change.forgotten().size()).isLessThanOrEqualTo(1);
        }
        assertThat(ids.gapCount()).isBetween(1_000, 1_001);

        // and statuses: opened ids closed, skipped ids never opened, old skipped ids closed (or skipped) long ago
        long newest = 1 + 8 * 9_999;
        assertThat(ids.statusOf(newest - 8)).isEqualTo(StageIds.Status.CLOSED);
        assertThat(ids.statusOf(newest - 3)).isEqualTo(StageIds.Status.NEVER_OPENED);
        assertThat(ids.statusOf(5)).isEqualTo(StageIds.Status.CLOSED_OR_SKIPPED_LONG_AGO);
        assertThat(ids.statusOf(newest + 1)).isEqualTo(StageIds.Status.NOT_OPENED_YET);
        assertThat(ids.statusOf(0)).isEqualTo(StageIds.Status.NEVER_OPENED);
    }
}
