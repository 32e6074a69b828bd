package dev.dashmech.schemas.reject;

import dev.dashmech.schemas.avro.Bid;
import dev.dashmech.schemas.avro.RejectReason;
import dev.dashmech.schemas.avro.RejectedBid;
import dev.dashmech.schemas.serde.Decoded;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Objects;

/** Factories of {@link RejectedBid}; the source position may be null when the bid did not come from a topic. */
public final class RejectedBids {

    private RejectedBids() {
    }

    /** Where the rejected record was read: topic, partition and offset (each may be null when unknown). */
    public record Source(String topic, Integer partition, Long offset) {

        /** No source: the bid did not come from a topic. */
        public static final Source NONE = new Source(null, null, null);
    }

    /**
     * The rejection of bytes that did not decode as a {@link Bid}: reason MALFORMED_BYTES, the decode failure's
     * reason and detail, the raw bytes, and the market taken from the record key when there is one.
     *
     * @param key the source record's key (the market id), or null
     */
    public static RejectedBid malformed(Decoded.Malformed<?> failure, String key, Source source, Instant at) {
        byte[] raw = failure.rawBytes();
        return RejectedBid.newBuilder()
                .setReason(RejectReason.MALFORMED_BYTES)
                .setMalformedReason(failure.reason())
                .setDetail(failure.detail())
                .setMarket(key)
                .setRawBytes(raw == null ? null : ByteBuffer.wrap(raw))
                .setSourceTopic(source.topic())
                .setSourcePartition(source.partition())
                .setSourceOffset(source.offset())
                .setRejectedAt(Objects.requireNonNull(at, "at"))
                .build();
    }

    /**
     * The rejection of a decoded bid, copying its fields.
     *
     * @param detail a sentence naming the offending value and what to do
     * @throws IllegalArgumentException for MALFORMED_BYTES, which has no decoded bid (use {@link #malformed})
     */
    public static RejectedBid refused(Bid bid, RejectReason reason, String detail, Source source, Instant at) {
        if (reason == RejectReason.MALFORMED_BYTES) {
            throw new IllegalArgumentException("a bid that decoded is not MALFORMED_BYTES; use RejectedBids.malformed"
                    + " for bytes that did not decode");
        }
        return RejectedBid.newBuilder()
                .setReason(Objects.requireNonNull(reason, "reason"))
                .setDetail(Objects.requireNonNull(detail, "detail"))
                .setMarket(bid.getMarket())
                .setStageId(bid.getStageId())
                .setAgent(bid.getAgent())
                .setAmount(bid.getAmount())
                .setFormat(bid.getFormat())
                .setDashboardVersion(bid.getDashboardVersion())
                .setBidId(bid.getBidId())
                .setSourceTopic(source.topic())
                .setSourcePartition(source.partition())
                .setSourceOffset(source.offset())
                .setRejectedAt(Objects.requireNonNull(at, "at"))
                .build();
    }
}
