package dev.dashmech.schemas.serde;

import dev.dashmech.schemas.registry.SchemaRegistryClient;
import dev.dashmech.schemas.registry.SchemaRegistryException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A Kafka {@link Serializer} writing generated Avro records in the Confluent wire format: magic byte 0, the
 * record schema's registry id (4 bytes, big-endian), the Avro binary encoding. The id is that of the record's
 * schema under subject {@code <topic>-value} (or {@code -key}), registered on first use when
 * {@value AvroSerdeConfig#AUTO_REGISTER_SCHEMAS} is true (the default), else looked up (and an unregistered
 * schema is an error). Configure it like Confluent's {@code KafkaAvroSerializer}
 * ({@link AvroSerdeConfig}), or construct it with a client. A null record is written as null (a tombstone).
 * Thread-safe, as a producer shared by threads needs.
 *
 * @param <T> the generated record class
 */
public class ConfluentAvroSerializer<T extends SpecificRecord> implements Serializer<T> {

    /** Per-thread scratch buffers above this size are dropped after use rather than kept. */
    private static final int MAX_RETAINED_BUFFER = 1 << 20;
    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    private final ConcurrentHashMap<Schema, DatumWriter<T>> writers = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<SubjectSchema, Integer> ids = new ConcurrentHashMap<>();
    /** The last schema written to each topic, with its id and writer: the hot path is one map lookup. */
    private final ConcurrentHashMap<String, Target<T>> lastByTopic = new ConcurrentHashMap<>();
    private SchemaRegistryClient registry;
    private boolean autoRegister = true;
    private boolean isKey;

    private record SubjectSchema(String subject, Schema schema) {
    }

    private record Target<T>(Schema schema, byte[] header, DatumWriter<T> writer) {
    }

    /** A serializer to be configured by {@link #configure}, as Kafka does for a class name in properties. */
    public ConfluentAvroSerializer() {
    }

    /** A value serializer using {@code registry}; {@link #configure} may still set key/value and flags. */
    public ConfluentAvroSerializer(SchemaRegistryClient registry, boolean autoRegister) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.autoRegister = autoRegister;
    }

    /**
     * Reads {@link AvroSerdeConfig} settings; connects to {@value AvroSerdeConfig#SCHEMA_REGISTRY_URL} unless a
     * client was given to the constructor.
     */
    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        this.isKey = isKey;
        lastByTopic.clear();
        if (registry == null) {
            AvroSerdeConfig config = new AvroSerdeConfig(configs);
            this.autoRegister = config.autoRegisterSchemas();
            this.registry = config.connectRegistry();
        } else if (configs.containsKey(AvroSerdeConfig.AUTO_REGISTER_SCHEMAS)) {
            Object flag = configs.get(AvroSerdeConfig.AUTO_REGISTER_SCHEMAS);
            this.autoRegister = Boolean.parseBoolean(String.valueOf(flag).trim());
        }
    }

    @Override
    public byte[] serialize(String topic, T record) {
        if (record == null) {
            return null;
        }
        if (registry == null) {
            throw new IllegalStateException("ConfluentAvroSerializer is not configured: call configure() with "
                    + AvroSerdeConfig.SCHEMA_REGISTRY_URL + ", or construct it with a SchemaRegistryClient");
        }
        Schema schema = record.getSchema();
        String topicKey = topic == null ? "" : topic; // Kafka passes a topic; Confluent would use "null-value"
        Target<T> target = lastByTopic.get(topicKey);
        if (target == null || target.schema != schema) {
            int id = schemaId(ConfluentWireFormat.subject(topic, isKey), schema);
            target = new Target<>(schema, ConfluentWireFormat.frame(id, new byte[0]),
                    writers.computeIfAbsent(schema, ConfluentAvroSerializer::writerFor));
            lastByTopic.put(topicKey, target);
        }
        Scratch scratch = SCRATCH.get();
        try {
            byte[] bytes = scratch.write(target.header, record, target.writer);
            if (scratch.out.capacity() > MAX_RETAINED_BUFFER) {
                SCRATCH.remove();
            }
            return bytes;
        } catch (IOException | RuntimeException e) {
            SCRATCH.remove();
            throw new SerializationException("could not write " + schema.getFullName() + " for topic '" + topic
                    + "' in Avro: " + e.getMessage() + " (a required field left null, or a value of the wrong"
                    + " type?)", e);
        }
    }

    private int schemaId(String subject, Schema schema) {
        SubjectSchema key = new SubjectSchema(subject, schema);
        Integer id = ids.get(key);
        if (id != null) {
            return id;
        }
        try {
            id = autoRegister ? registry.register(subject, schema) : registry.idOf(subject, schema);
        } catch (SchemaRegistryException e) {
            throw new SerializationException("could not " + (autoRegister ? "register" : "look up") + " schema "
                    + schema.getFullName() + " under subject '" + subject + "' in registry " + registry.url()
                    + ": " + e.getMessage(), e);
        }
        ids.put(key, id);
        return id;
    }

    /**
     * A writer for records of {@code schema}, which is always the generated class's own ({@code getSchema()}), so
     * the classes' generated {@code customEncode} methods may write them: Avro's generic path boxes every double and
     * long through {@code get(int)} (measured with JFR: {@code StageEntry}'s doubles were ~4% of the stage engine's
     * stream thread). Classes with logical types have no custom coders and take the generic path, with the
     * class's conversions.
     */
    @SuppressWarnings("unchecked")
    private static <T> DatumWriter<T> writerFor(Schema schema) {
        SpecificData classModel = SpecificData.getForSchema(schema);
        SpecificData model = new SpecificData(classModel.getClassLoader());
        classModel.getConversions().forEach(model::addLogicalTypeConversion);
        model.setCustomCoders(true);
        return (DatumWriter<T>) new SpecificDatumWriter<>(schema, model);
    }

    /** The registry this serializer uses, once configured. */
    public SchemaRegistryClient registry() {
        return registry;
    }

    @Override
    public void close() {
        // the registry client may be shared (mock://NAME); nothing of our own to release
    }

    /** A per-thread output buffer and encoder, reused across records. */
    private static final class Scratch {
        final Out out = new Out();
        BinaryEncoder encoder;

        <T> byte[] write(byte[] header, T record, DatumWriter<T> writer) throws IOException {
            out.reset();
            out.write(header, 0, header.length);
            encoder = EncoderFactory.get().binaryEncoder(out, encoder);
            writer.write(record, encoder);
            encoder.flush();
            return out.toByteArray();
        }
    }

    private static final class Out extends ByteArrayOutputStream {
        Out() {
            super(256);
        }

        int capacity() {
            return buf.length;
        }
    }
}
