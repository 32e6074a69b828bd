package dev.dashmech.schemas.serde;

import dev.dashmech.schemas.registry.SchemaRegistryClient;
import dev.dashmech.schemas.registry.SchemaRegistryException;
import dev.dashmech.schemas.serde.internal.RecordReader;
import java.util.Map;
import java.util.Objects;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * A Kafka {@link Deserializer} reading Confluent-framed Avro into a generated record class. The writer schema
 * is fetched by the id in the header and resolved to the class's schema with Avro schema resolution, so
 * records written with an older compatible version still read (BACKWARD evolution). Configure it like
 * Confluent's ({@link AvroSerdeConfig}; the class comes from the constructor or from
 * {@value AvroSerdeConfig#SPECIFIC_AVRO_VALUE_TYPE} / {@value AvroSerdeConfig#SPECIFIC_AVRO_KEY_TYPE}).
 *
 * <p>A null value deserializes to null (a tombstone). Bytes that are not a record of the type throw a
 * {@link MalformedRecordException} with the reason and the raw bytes; a registry that cannot answer throws a
 * plain {@link SerializationException} whose cause is the
 * {@link dev.dashmech.schemas.registry.SchemaRegistryException}. To branch instead of throwing, use
 * {@link AvroDecoder}. Thread-safe.
 *
 * @param <T> the generated record class
 */
public class ConfluentAvroDeserializer<T extends SpecificRecord> implements Deserializer<T> {

    private Class<T> type;
    private SchemaRegistryClient registry;
    private RecordReader<T> reader;

    /** A deserializer to be configured by {@link #configure}, as Kafka does for a class name in properties. */
    public ConfluentAvroDeserializer() {
    }

    /** A deserializer into {@code type}, connecting to the configured registry in {@link #configure}. */
    public ConfluentAvroDeserializer(Class<T> type) {
        this.type = Objects.requireNonNull(type, "type");
    }

    /** A ready deserializer into {@code type} using {@code registry}; {@link #configure} is not needed. */
    public ConfluentAvroDeserializer(SchemaRegistryClient registry, Class<T> type) {
        this.type = Objects.requireNonNull(type, "type");
        this.registry = Objects.requireNonNull(registry, "registry");
        this.reader = new RecordReader<>(registry, type);
    }

    @Override
    @SuppressWarnings("unchecked")
    public void configure(Map<String, ?> configs, boolean isKey) {
        if (reader != null) {
            return;
        }
        AvroSerdeConfig config = new AvroSerdeConfig(configs);
        if (type == null) {
            Class<?> configured = config.specificType(isKey);
            String key = isKey ? AvroSerdeConfig.SPECIFIC_AVRO_KEY_TYPE : AvroSerdeConfig.SPECIFIC_AVRO_VALUE_TYPE;
            if (configured == null) {
                throw new ConfigException(key, null, "set it to the generated record class to read into, e.g. "
                        + "dev.dashmech.schemas.avro.Bid, or construct the deserializer with the class");
            }
            if (!SpecificRecord.class.isAssignableFrom(configured)) {
                throw new ConfigException(key, configured.getName(), "not a generated Avro record class");
            }
            type = (Class<T>) configured;
        }
        registry = config.connectRegistry();
        reader = new RecordReader<>(registry, type);
    }

    /**
     * @throws MalformedRecordException when the bytes are not a record of the type
     * @throws SerializationException with a {@link SchemaRegistryException} cause when the registry cannot
     *     answer
     */
    @Override
    public T deserialize(String topic, byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        if (reader == null) {
            throw new IllegalStateException("ConfluentAvroDeserializer is not configured: call configure() with "
                    + AvroSerdeConfig.SCHEMA_REGISTRY_URL + ", or construct it with a SchemaRegistryClient");
        }
        Decoded<T> decoded;
        try {
            decoded = reader.read(topic, bytes);
        } catch (SchemaRegistryException e) {
            throw new SerializationException("could not read a " + type.getSimpleName() + " from topic '" + topic
                    + "': " + e.getMessage(), e);
        }
        return decoded.orElseThrow();
    }

    /** The record class read into, once known. */
    public Class<T> type() {
        return type;
    }

    /** The registry this deserializer uses, once configured. */
    public SchemaRegistryClient registry() {
        return registry;
    }

    @Override
    public void close() {
        // the registry client may be shared (mock://NAME); nothing of our own to release
    }
}
