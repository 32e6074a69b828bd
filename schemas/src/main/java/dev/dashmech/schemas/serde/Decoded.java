package dev.dashmech.schemas.serde;

import dev.dashmech.schemas.avro.MalformedReason;
import java.util.Arrays;
import java.util.Objects;
import java.util.function.Function;

/**
 * The outcome of decoding a record's bytes without throwing: {@link Valid} with the record, or
 * {@link Malformed} with the reason and the raw bytes. A Kafka Streams topology reads a topic as bytes, maps
 * each value through {@link AvroDecoder#decode} and branches on {@link #isValid()}, routing malformed input
 * (e.g. to {@code rejected-bids}) with its bytes instead of dying on it.
 *
 * @param <T> the record type
 */
public sealed interface Decoded<T> permits Decoded.Valid, Decoded.Malformed {

    /** True for {@link Valid}. */
    boolean isValid();

    /**
     * The record.
     *
     * @throws MalformedRecordException when this is {@link Malformed}
     */
    T orElseThrow();

    /** Applies {@code onValid} to the record or {@code onMalformed} to the failure. */
    <R> R fold(Function<? super T, ? extends R> onValid, Function<? super Malformed<T>, ? extends R> onMalformed);

    /** The bytes decoded into {@code value}, written with schema {@code schemaId}. */
    record Valid<T>(T value, int schemaId) implements Decoded<T> {

        public Valid {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public boolean isValid() {
            return true;
        }

        @Override
        public T orElseThrow() {
            return value;
        }

        @Override
        public <R> R fold(Function<? super T, ? extends R> onValid,
                          Function<? super Malformed<T>, ? extends R> onMalformed) {
            return onValid.apply(value);
        }
    }

    /**
     * The bytes are not a record of the expected type.
     *
     * @param reason   what was wrong, as recorded in {@code RejectedBid.malformedReason}
     * @param detail   a human-readable explanation naming the offending value
     * @param rawBytes the bytes exactly as read (null when the value was null); accessor returns a copy
     * @param topic    the topic read from, or null
     * @param schemaId the header's schema id when the header was readable, else null
     */
    record Malformed<T>(MalformedReason reason, String detail, byte[] rawBytes, String topic, Integer schemaId)
            implements Decoded<T> {

        public Malformed {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(detail, "detail");
            rawBytes = rawBytes == null ? null : rawBytes.clone();
        }

        @Override
        public byte[] rawBytes() {
            return rawBytes == null ? null : rawBytes.clone();
        }

        @Override
        public boolean isValid() {
            return false;
        }

        @Override
        public T orElseThrow() {
            throw toException();
        }

        @Override
        public <R> R fold(Function<? super T, ? extends R> onValid,
                          Function<? super Malformed<T>, ? extends R> onMalformed) {
            return onMalformed.apply(this);
        }

        /** The same failure as the exception a deserializer throws. */
        public MalformedRecordException toException() {
            return new MalformedRecordException(reason, topic, detail, rawBytes, schemaId, null);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Malformed<?> m && reason == m.reason && detail.equals(m.detail)
                    && Arrays.equals(rawBytes, m.rawBytes) && Objects.equals(topic, m.topic)
                    && Objects.equals(schemaId, m.schemaId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(reason, detail, Arrays.hashCode(rawBytes), topic, schemaId);
        }

        @Override
        public String toString() {
            return "Malformed[" + reason + ": " + detail + " ("
                    + (rawBytes == null ? "null value" : rawBytes.length + " bytes") + ")]";
        }
    }
}
