package dev.dashmech.engine.processor.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dashmech.mechanism.bidding.PaymentFormat;
import java.util.LinkedHashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class StoreCodecTest {

    private static final AcceptedBid BID = new AcceptedBid("agent/ü", 2.5, PaymentFormat.ALL_PAY, 3, null, 17, 1_000,
            2, 42);

    @Test
    void shouldReadBackAnOpenStageWithTheBidsAppendedToIt() {
        // given a stage for two eligible agents with two bids appended one by one
        OpenStage stage = new OpenStage("m", 17, 3, 500, 600, new LinkedHashSet<>(List.of("agent/ü", "b")), 0);
        stage.add(BID);
        AcceptedBid second = new AcceptedBid("b", 0, PaymentFormat.WINNER_PAYS_BID, 0, "id-1", 17, 1_001, 2, 43);
        stage.add(second);

        // when
        StoreCodec.OpenValue value = StoreCodec.readOpen(stage.storeValue());

        // then
        assertThat(value.stageId()).isEqualTo(17);
        assertThat(value.openedAt()).isEqualTo(500);
        assertThat(value.deadline()).isEqualTo(600);
        assertThat(value.eligible()).containsExactly("agent/ü", "b");
        assertThat(value.bids()).containsExactly(BID, second);
    }

    @Test
    void shouldReadBackAStageOpenToAnyAgent() {
        OpenStage stage = new OpenStage("m", 1, 0, 0, 100, null, 0);

        assertThat(StoreCodec.readOpen(stage.storeValue()).eligible()).isNull();
    }

    @Test
    void shouldReadBackAStandingBid() {
        assertThat(StoreCodec.readStanding(StoreCodec.standing(BID))).isEqualTo(BID);
    }

    @Test
    void shouldReadBackTheStageIdBookkeepingAndItsSkippedIds() {
        // given ids 3, 4, 7 (5 and 6 skipped at 100), 20 (8..19 skipped at 200, forgetting what is older than 150)
        StageIds ids = new StageIds();
        ids.open(3, 0, -1);
        ids.open(4, 50, -1);
        ids.open(7, 100, -1);
        ids.open(20, 200, 150);

        // when the header and each skipped range (stored under keys of their own) are read back
        StageIds read = StoreCodec.readStageIds(StoreCodec.stageIds(ids));
        for (StageIds.Gap gap : ids.gaps()) {
            read.restore(StoreCodec.readGap(StoreCodec.gap(gap)));
        }

        // then
        for (long id = 0; id <= 21; id++) {
            assertThat(read.statusOf(id)).as("id %d", id).isEqualTo(ids.statusOf(id));
        }
        assertThat(read.statusOf(2)).isEqualTo(StageIds.Status.NEVER_OPENED);
        assertThat(read.statusOf(4)).isEqualTo(StageIds.Status.CLOSED_OR_SKIPPED_LONG_AGO);
        assertThat(read.statusOf(6)).isEqualTo(StageIds.Status.CLOSED_OR_SKIPPED_LONG_AGO);
        assertThat(read.statusOf(8)).isEqualTo(StageIds.Status.NEVER_OPENED);
        assertThat(read.statusOf(20)).isEqualTo(StageIds.Status.CLOSED);
        assertThat(read.statusOf(21)).isEqualTo(StageIds.Status.NOT_OPENED_YET);
        assertThat(read.newest()).isEqualTo(20);
    }

    @Test
    void shouldRefuseAValueOfAnotherFormatVersion() {
        byte[] value = StoreCodec.standing(BID);
        value[0] = 2;

        assertThatThrownBy(() -> StoreCodec.readStanding(value)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("format version 2");
    }

    @Test
    void shouldRefuseATruncatedValue() {
        byte[] value = StoreCodec.standing(BID);

        assertThatThrownBy(() -> StoreCodec.readStanding(java.util.Arrays.copyOf(value, value.length - 3)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("truncated");
    }
}
