package dev.dashmech.schemas.serde;

import dev.dashmech.schemas.avro.MalformedReason;
import java.util.Objects;
import org.apache.kafka.common.errors.SerializationException;

/**
 * The bytes of a record are not a record of the deserializer's type: wrong magic byte, unknown schema id,
 * truncated or undecodable Avro, a foreign schema. Carries the {@link MalformedReason}, the topic and the raw
 * bytes, so a handler (e.g. a Kafka Streams {@code DeserializationExceptionHandler}) can route the record
 * aside. A {@link SerializationException}, as Kafka expects from a deserializer. Never thrown for a registry
 * that cannot answer: that is a {@link dev.dashmech.schemas.registry.SchemaRegistryException} cause.
 */
public final class MalformedRecordException extends SerializationException {

    private static final long serialVersionUID = 1L;

    private final MalformedReason reason;
    private final String topic;
    private final transient byte[] rawBytes;
    private final Integer schemaId;

    public MalformedRecordException(MalformedReason reason, String topic, String detail, byte[] rawBytes,
                                    Integer schemaId, Throwable cause) {
        super(detail, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
        this.topic = topic;
        this.rawBytes = rawBytes == null ? null : rawBytes.clone();
        this.schemaId = schemaId;
    }

    public MalformedReason reason() {
        return reason;
    }

    /** The topic the bytes were read from, or null when not known. */
    public String topic() {
        return topic;
    }

    /** The human-readable explanation, naming the offending value. */
    public String detail() {
        return getMessage();
    }

    /** A copy of the record's bytes exactly as read; null when the value was null. */
    public byte[] rawBytes() {
        return rawBytes == null ? null : rawBytes.clone();
    }

    /** The schema id of the header when there was one, else null. */
    public Integer schemaId() {
        return schemaId;
    }
}
