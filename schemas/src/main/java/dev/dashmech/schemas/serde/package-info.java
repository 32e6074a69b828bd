/**
 * Kafka serdes for the Avro records of {@link dev.dashmech.schemas.avro} in the Confluent wire format
 * (magic byte 0, 4-byte big-endian schema id, Avro binary), so that any Confluent-compatible client in any
 * language can produce and consume dashmech topics.
 *
 * <ul>
 *   <li>{@link dev.dashmech.schemas.serde.ConfluentAvroSerializer} and
 *       {@link dev.dashmech.schemas.serde.ConfluentAvroDeserializer}: Kafka {@code Serializer} /
 *       {@code Deserializer}, configured like Confluent's ({@link dev.dashmech.schemas.serde.AvroSerdeConfig});
 *       {@link dev.dashmech.schemas.serde.AvroSerdes#specific} wraps them as a {@code Serde}.</li>
 *   <li>{@link dev.dashmech.schemas.serde.AvroDecoder}: the non-throwing decode a Kafka Streams topology
 *       branches on, giving {@link dev.dashmech.schemas.serde.Decoded.Valid} or
 *       {@link dev.dashmech.schemas.serde.Decoded.Malformed} (reason, detail, raw bytes).</li>
 *   <li>{@link dev.dashmech.schemas.serde.MalformedRecordException}: what the deserializer throws for bytes
 *       that are not a record of its type.</li>
 * </ul>
 *
 * <p>Two kinds of failure are kept apart on purpose. Bytes that cannot be a record (wrong magic byte,
 * unknown schema id, truncated...) are the record's fault: they are reported as malformed, with the bytes,
 * so they can be routed aside. A registry that cannot answer (unreachable, 5xx) is nobody's record's fault:
 * it is thrown as a {@link dev.dashmech.schemas.registry.SchemaRegistryException} (wrapped in a Kafka
 * {@code SerializationException} by the deserializer), so the consumer retries or stops instead of
 * rejecting good records.
 */
package dev.dashmech.schemas.serde;
