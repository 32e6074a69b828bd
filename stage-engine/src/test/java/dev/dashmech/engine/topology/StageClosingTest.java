package dev.dashmech.engine.topology;

import static dev.dashmech.engine.topology.EngineTestKit.T0;
import static dev.dashmech.engine.topology.EngineTestKit.bid;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dashmech.engine.metrics.EngineMetrics;
import dev.dashmech.schemas.avro.CloseReason;
import dev.dashmech.schemas.avro.StageEntry;
import dev.dashmech.schemas.avro.StageOutcome;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** When stages close: deadlines in stream time, all eligible agents bid, idle wall-clock time. */
class StageClosingTest {

    @Test
    void shouldCloseAStageWhenStreamTimePassesItsDeadline() {
        try (EngineTestKit kit = EngineTestKit.start()) {
            // given stage 1 opened at 0 with deadline 100 and one bid
            kit.configure().open(1, 0).send(bid(1, "a", 2.5).build(), 10);

            // when stream time reaches the deadline, the stage is still open; past it, it closes
            kit.advanceTo(100);
            assertThat(kit.outcomes()).isEmpty();
            kit.advanceTo(101);

            // then
            List<StageOutcome> outcomes = kit.outcomes();
            assertThat(outcomes).singleElement().satisfies(o -> {
                assertThat(o.getStageId()).isEqualTo(1);
                assertThat(o.getCloseReason()).isEqualTo(CloseReason.DEADLINE);
                assertThat(o.getOpenedAt()).isEqualTo(T0);
                assertThat(o.getClosedAt()).isEqualTo(T0.plusMillis(100));
                assertThat(o.getEntries()).extracting(StageEntry::getAgent).containsExactly("a");
            });
        }
    }

    @Test
    void shouldTakeABidStampedAtTheDeadline() {
        try (EngineTestKit kit = EngineTestKit.start()) {
            kit.configure().open(1, 0).send(bid(1, "a", 2.5).build(), 100).advanceTo(101);

            assertThat(kit.outcomes()).singleElement()
                    .satisfies(o -> assertThat(o.getEntries()).extracting(StageEntry::getAgent).containsExactly("a"));
            assertThat(kit.rejects()).isEmpty();
        }
    }

    @Test
    void shouldCloseTheStageBeforeTakingABidThatComesAfterTheDeadline() {
        try (EngineTestKit kit = EngineTestKit.start()) {
            // given a stage with one bid in time
            kit.configure().open(1, 0).send(bid(1, "a", 2.5).build(), 50);

            // when a bid stamped after the deadline arrives
            kit.send(bid(1, "b", 2.5).build(), 101);

            // then the stage closed at its deadline without it, and the bid is late
            assertThat(kit.outcomes()).singleElement().satisfies(o -> {
                assertThat(o.getClosedAt()).isEqualTo(T0.plusMillis(100));
                assertThat(o.getEntries()).extracting(StageEntry::getAgent).containsExactly("a");
            });
            assertThat(kit.rejects()).singleElement()
                    .satisfies(r -> assertThat(r.getReason().name()).isEqualTo("LATE_BID"));
        }
    }

    @Test
    void shouldCloseEarlyWhenEveryEligibleAgentHasBid() {
        try (EngineTestKit kit = EngineTestKit.start()) {
            // given a stage for agents a and b
            kit.configure().open(1, 0, "a", "b");

            // when a bids, the stage stays open; when b bids, it closes at once
            kit.send(bid(1, "a", 1).build(), 5);
            assertThat(kit.outcomes()).isEmpty();
            kit.send(bid(1, "b", 2).build(), 7);

            // then
            assertThat(kit.outcomes()).singleElement().satisfies(o -> {
                assertThat(o.getCloseReason()).isEqualTo(CloseReason.ALL_BID);
                assertThat(o.getClosedAt()).isEqualTo(T0.plusMillis(7));
                assertThat(o.getEntries()).extracting(StageEntry::getAgent).containsExactly("a", "b");
            });
            assertThat(kit.counter(EngineMetrics.STAGES_CLOSED, "reason", "ALL_BID")).isEqualTo(1);
        }
    }

    @Test
    void shouldUseTheAuctionsDeadlineOverTheMarketsDefault() {
        try (EngineTestKit kit = EngineTestKit.start()) {
            kit.configure().open(EngineTestKit.auction(1, 0).setTmaxMs(30L).build());

            kit.advanceTo(31);

            assertThat(kit.outcomes()).singleElement()
                    .satisfies(o -> assertThat(o.getClosedAt()).isEqualTo(T0.plusMillis(30)));
        }
    }

    @Test
    void shouldEmitAnOutcomeWithoutEntriesForAStageWithoutBids() {
        try (EngineTestKit kit = EngineTestKit.start()) {
            kit.configure().open(1, 0).advanceTo(500);

            assertThat(kit.outcomes()).singleElement().satisfies(o -> {
                assertThat(o.getCloseReason()).isEqualTo(CloseReason.DEADLINE);
                assertThat(o.getEntries()).isEmpty();
            });
        }
    }

    @Test
    void shouldCloseOverdueStagesInDeadlineOrder() {
        try (EngineTestKit kit = EngineTestKit.start()) {
            kit.configure().open(EngineTestKit.auction(1, 0).setTmaxMs(300L).build())
                    .open(EngineTestKit.auction(2, 10).setTmaxMs(50L).build())
                    .open(EngineTestKit.auction(3, 20).setTmaxMs(100L).build());

            kit.advanceTo(1_000);

            assertThat(kit.outcomes()).extracting(StageOutcome::getStageId).containsExactly(2L, 3L, 1L);
        }
    }

    @Test
    void shouldCloseOverdueStagesOfAnIdleTaskOnWallClockTime() {
        try (EngineTestKit kit = EngineTestKit.start(c -> c.idleCloseInterval(Duration.ofMillis(50)))) {
            // given an open stage and no further records
            kit.configure().open(1, 0).send(bid(1, "a", 2.5).build(), 10);

            // when a wall-clock period passes with records in it, nothing closes (the task was not idle) ...
            kit.driver.advanceWallClockTime(Duration.ofMillis(50));
            assertThat(kit.outcomes()).isEmpty();
            // ... and when a period passes without records, stream time plus idle time (10 + 100) is past 100
            kit.driver.advanceWallClockTime(Duration.ofMillis(50));

            // then
            assertThat(kit.outcomes()).singleElement().satisfies(o -> {
                assertThat(o.getCloseReason()).isEqualTo(CloseReason.IDLE_TIMEOUT);
                assertThat(o.getClosedAt()).isEqualTo(T0.plusMillis(100)); // the punctuation's wall-clock time
                assertThat(o.getEntries()).hasSize(1);
            });
        }
    }

    @Test
    void shouldNotCloseOnWallClockTimeWhenIdleClosingIsOff() {
        try (EngineTestKit kit = EngineTestKit.start(c -> c.idleCloseInterval(Duration.ZERO))) {
            kit.configure().open(1, 0).send(bid(1, "a", 2.5).build(), 10);

            kit.driver.advanceWallClockTime(Duration.ofMinutes(10));

            assertThat(kit.outcomes()).isEmpty();
        }
    }

    @Test
    void shouldIgnoreAnAuctionWhoseStageIdDoesNotIncrease() {
        try (EngineTestKit kit = EngineTestKit.start()) {
            kit.configure().open(5, 0).open(5, 1).open(4, 2).advanceTo(1_000);

            assertThat(kit.outcomes()).extracting(StageOutcome::getStageId).containsExactly(5L);
            assertThat(kit.counter(EngineMetrics.INPUT_IGNORED, "reason", "stage_id_not_increasing")).isEqualTo(2);
        }
    }
}
