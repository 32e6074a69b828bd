package dev.dashmech.schemas.reject;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dashmech.schemas.avro.Bid;
import dev.dashmech.schemas.avro.MalformedReason;
import dev.dashmech.schemas.avro.RejectReason;
import dev.dashmech.schemas.avro.RejectedBid;
import dev.dashmech.schemas.avro.SampleRecords;
import dev.dashmech.schemas.registry.InMemorySchemaRegistry;
import dev.dashmech.schemas.serde.AvroDecoder;
import dev.dashmech.schemas.serde.ConfluentAvroDeserializer;
import dev.dashmech.schemas.serde.ConfluentAvroSerializer;
import dev.dashmech.schemas.serde.Decoded;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RejectedBidsTest {

    private static final Instant AT = SampleRecords.T0.plusSeconds(1);
    private static final RejectedBids.Source SOURCE = new RejectedBids.Source("bids", 3, 77L);

    @Test
    void shouldCarryTheBytesReasonAndKeyOfAMalformedRecordThroughTheRejectedBidsTopic() {
        // given JSON bytes on the bids topic, decoded as malformed
        InMemorySchemaRegistry registry = InMemorySchemaRegistry.create();
        byte[] json = "{\"amount\": 1}".getBytes(StandardCharsets.UTF_8);
        Decoded<Bid> decoded = AvroDecoder.of(Bid.class, registry).decode("bids", json);

        // when turned into a rejection and written to rejected-bids
        RejectedBid rejected = RejectedBids.malformed((Decoded.Malformed<Bid>) decoded, "eu-hotels", SOURCE, AT);
        byte[] onTopic = new ConfluentAvroSerializer<RejectedBid>(registry, true).serialize("rejected-bids", rejected);
        RejectedBid read = new ConfluentAvroDeserializer<>(registry, RejectedBid.class).deserialize("rejected-bids",
                onTopic);

        // then the reader finds reason, sub-reason, market from the key, source position and the exact bytes
        assertThat(read.getReason()).isEqualTo(RejectReason.MALFORMED_BYTES);
        assertThat(read.getMalformedReason()).isEqualTo(MalformedReason.WRONG_MAGIC_BYTE);
        assertThat(read.getMarket()).isEqualTo("eu-hotels");
        assertThat(read.getAgent()).isNull();
        assertThat(read.getSourcePartition()).isEqualTo(3);
        assertThat(read.getSourceOffset()).isEqualTo(77L);
        assertThat(read.getRawBytes()).isEqualTo(ByteBuffer.wrap(json));
        assertThat(read.getDetail()).contains("0x7b");
    }

    @Test
    void shouldCopyTheFieldsOfARefusedBid() {
        Bid bid = SampleRecords.bid();

        RejectedBid rejected = RejectedBids.refused(bid, RejectReason.LATE_BID, "stage 1001 closed at ...",
                RejectedBids.Source.NONE, AT);

        assertThat(rejected.getMarket()).isEqualTo(bid.getMarket());
        assertThat(rejected.getStageId()).isEqualTo(bid.getStageId());
        assertThat(rejected.getAgent()).isEqualTo(bid.getAgent());
        assertThat(rejected.getAmount()).isEqualTo(bid.getAmount());
        assertThat(rejected.getFormat()).isEqualTo(bid.getFormat());
        assertThat(rejected.getDashboardVersion()).isEqualTo(bid.getDashboardVersion());
        assertThat(rejected.getBidId()).isEqualTo(bid.getBidId());
        assertThat(rejected.getMalformedReason()).isNull();
        assertThat(rejected.getRawBytes()).isNull();
        assertThat(rejected.getSourceTopic()).isNull();
        assertThatThrownBy(() -> RejectedBids.refused(bid, RejectReason.MALFORMED_BYTES, "x", SOURCE, AT))
                .hasMessageContaining("RejectedBids.malformed");
    }
}
