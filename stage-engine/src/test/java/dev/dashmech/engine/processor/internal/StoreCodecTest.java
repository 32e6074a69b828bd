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
        OpenStage stage = new OpenStage("m", 17, 500, 600, new LinkedHashSet<>(List.of("agent/ü", "b")), 0);
        stage.add(BID);
        AcceptedBid second = new AcceptedBid("b", 0, PaymentFormat.WINNER_PAYS_BID, 0, "id-1", 17, 1_001, 2, 43);
        stage.add(second);

        // when
        StoreCodec.OpenValue value = StoreCodec.readOpen(stage.storeValue());

        // then
        assertThat(value.openedAt()).isEqualTo(500);
        assertThat(value.deadline()).isEqualTo(600);
        assertThat(value.eligible()).containsExactly("agent/ü", "b");
        assertThat(value.bids()).containsExactly(BID, second);
    }

    @Test
    void shouldReadBackAStageOpenToAnyAgent() {
        OpenStage stage = new OpenStage("m", 1, 0, 100, null, 0);

        assertThat(StoreCodec.readOpen(stage.storeValue()).eligible()).isNull();
    }

    @Test
    void shouldReadBackTheOtherValues() {
        assertThat(StoreCodec.readStanding(StoreCodec.standing(BID))).isEqualTo(BID);
        assertThat(StoreCodec.readClosed(StoreCodec.closed(5, 7))).isEqualTo(new StoreCodec.ClosedValue(5, 7));
        assertThat(StoreCodec.readProgress(StoreCodec.progress(9, 4)))
                .isEqualTo(new StoreCodec.ProgressValue(9, 4));
    }

    @Test
    void shouldRefuseAValueOfAnotherFormatVersion() {
        byte[] value = StoreCodec.closed(5, 7);
        value[0] = 2;

        assertThatThrownBy(() -> StoreCodec.readClosed(value)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("format version 2");
    }

    @Test
    void shouldRefuseATruncatedValue() {
        byte[] value = StoreCodec.standing(BID);

        assertThatThrownBy(() -> StoreCodec.readStanding(java.util.Arrays.copyOf(value, value.length - 3)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("truncated");
    }
}
