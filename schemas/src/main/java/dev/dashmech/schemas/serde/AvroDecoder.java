package dev.dashmech.schemas.serde;

import dev.dashmech.schemas.registry.SchemaRegistryClient;
import dev.dashmech.schemas.serde.internal.RecordReader;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;

/**
 * Decodes Confluent-framed bytes into a record of one generated class without throwing for bad bytes: the
 * API a Kafka Streams topology uses to route malformed input aside with its bytes. For example the stage
 * engine reads {@code bids} as bytes and does
 * <pre>{@code
 * AvroDecoder<Bid> bids = AvroDecoder.of(Bid.class, serdeConfig);
 * builder.stream("bids", Consumed.with(Serdes.String(), Serdes.ByteArray()))
 *        .mapValues(bytes -> bids.decode("bids", bytes))
 *        .split()
 *        .branch((market, decoded) -> decoded.isValid(), ...)   // decoded.orElseThrow() is the Bid
 *        .defaultBranch(...);                                  // Decoded.Malformed: reason, detail, rawBytes
 * }</pre>
 * Records written with an older version of the schema are resolved to the class's schema (BACKWARD
 * evolution). Thread-safe.
 *
 * @param <T> the generated record class
 */
public final class AvroDecoder<T extends SpecificRecord> {

    private final RecordReader<T> reader;

    private AvroDecoder(RecordReader<T> reader) {
        this.reader = reader;
    }

    /** A decoder for {@code type} fetching writer schemas from {@code registry}. */
    public static <T extends SpecificRecord> AvroDecoder<T> of(Class<T> type, SchemaRegistryClient registry) {
        return new AvroDecoder<>(new RecordReader<>(registry, type));
    }

    /** A decoder for {@code type} with the registry of a serde configuration ({@link AvroSerdeConfig}). */
    public static <T extends SpecificRecord> AvroDecoder<T> of(Class<T> type, Map<String, ?> serdeConfig) {
        return of(type, new AvroSerdeConfig(serdeConfig).connectRegistry());
    }

    /**
     * Decodes one record value.
     *
     * @param topic the topic it was read from, named in the failure detail (may be null)
     * @param bytes the value as read; null gives {@code Malformed(EMPTY)}
     * @return {@link Decoded.Valid} or {@link Decoded.Malformed}; never null
     * @throws dev.dashmech.schemas.registry.SchemaRegistryException only when the registry cannot answer
     *     (unreachable, server error), which says nothing about the record: retry, do not reject
     */
    public Decoded<T> decode(String topic, byte[] bytes) {
        return reader.read(topic, bytes);
    }

    /** The record class decoded into. */
    public Class<T> type() {
        return reader.type();
    }
}
