package dev.dashmech.schemas.serde.internal;

import dev.dashmech.schemas.avro.MalformedReason;
import dev.dashmech.schemas.registry.SchemaNotFoundException;
import dev.dashmech.schemas.registry.SchemaRegistryClient;
import dev.dashmech.schemas.registry.UnsupportedSchemaException;
import dev.dashmech.schemas.registry.internal.Incompatibilities;
import dev.dashmech.schemas.serde.ConfluentWireFormat;
import dev.dashmech.schemas.serde.Decoded;
import java.io.IOException;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.apache.avro.Schema;
import org.apache.avro.io.DatumReader;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;

/**
 * Decodes Confluent-framed bytes into a generated record class, resolving the writer schema (fetched by id)
 * to the class's schema with Avro schema resolution: how records written with an older version of a schema
 * are read with the current classes. Every problem with the bytes becomes a {@link Decoded.Malformed};
 * only a registry that cannot answer throws. Thread-safe; caches one resolving reader per schema id.
 */
public final class RecordReader<T extends SpecificRecord> {

    /** How long an id the registry did not know is answered from memory, so garbage cannot flood it. */
    private static final long UNKNOWN_ID_TTL_NANOS = 30_000_000_000L;
    private static final int MAX_REMEMBERED_UNKNOWN_IDS = 10_000;
    private static final int PREVIEW_BYTES = 16;

    private final SchemaRegistryClient registry;
    private final Class<T> type;
    private final SpecificData model;
    private final Schema readerSchema;
    private final ConcurrentHashMap<Integer, Resolution<T>> byId = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Integer, Long> unknownIdsUntil = new ConcurrentHashMap<>();
    /** The resolution used last: a topic's records nearly all name one id, so most reads skip the map. */
    private volatile Resolution<T> last;

    /**
     * A writer schema id either resolves to a reader, or to the reason its records cannot be read.
     *
     * @param precheck whether {@code check} must walk the bytes before they are read ({@link PrecheckRule})
     */
    private record Resolution<T>(int id, AvroBytesCheck check, boolean precheck, DatumReader<T> reader,
                                 String mismatch) {
    }

    public RecordReader(SchemaRegistryClient registry, Class<T> type) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.type = Objects.requireNonNull(type, "type");
        this.model = SpecificData.getForClass(type);
        this.readerSchema = model.getSchema(type);
        if (readerSchema == null || readerSchema.getType() != Schema.Type.RECORD) {
            throw new IllegalArgumentException(type.getName() + " is not a generated Avro record class");
        }
    }

    public Class<T> type() {
        return type;
    }

    public SchemaRegistryClient registry() {
        return registry;
    }

    /**
     * Decodes {@code bytes} read from {@code topic}.
     *
     * @throws dev.dashmech.schemas.registry.SchemaRegistryException only when the registry cannot answer
     *     (unreachable, server error): a later attempt may succeed, so the record must not be called bad
     */
    public Decoded<T> read(String topic, byte[] bytes) {
        if (bytes == null) {
            return malformed(MalformedReason.EMPTY, topic, bytes, null,
                    "record value is null (a tombstone) where a " + type.getSimpleName() + " was expected");
        }
        if (bytes.length < ConfluentWireFormat.HEADER_SIZE) {
            MalformedReason reason = bytes.length == 0 ? MalformedReason.EMPTY : MalformedReason.TOO_SHORT;
            return malformed(reason, topic, bytes, null, "record value has " + bytes.length + " bytes ("
                    + preview(bytes) + "), fewer than the 5-byte Confluent header (magic byte 0 + schema id)");
        }
        if (bytes[0] != ConfluentWireFormat.MAGIC_BYTE) {
            return malformed(MalformedReason.WRONG_MAGIC_BYTE, topic, bytes, null, "record value starts with byte "
                    + hexByte(bytes[0]) + printable(bytes[0]) + ", not the Confluent magic byte 0x00: it was not"
                    + " written by a Confluent-compatible Avro serializer (" + preview(bytes) + ")");
        }
        int id = ConfluentWireFormat.schemaId(bytes);
        Resolution<T> resolution = last;
        if (resolution == null || resolution.id != id) {
            resolution = byId.get(id);
            if (resolution == null) {
                Decoded<T> unknown = rememberedUnknown(topic, bytes, id);
                if (unknown != null) {
                    return unknown;
                }
                try {
                    resolution = resolve(id);
                } catch (SchemaNotFoundException e) {
                    rememberUnknown(id);
                    return unknownId(topic, bytes, id, e.getMessage());
                }
                Resolution<T> first = byId.putIfAbsent(id, resolution);
                resolution = first != null ? first : resolution;
            }
            last = resolution;
        }
        if (resolution.mismatch != null) {
            return malformed(MalformedReason.SCHEMA_MISMATCH, topic, bytes, id, resolution.mismatch);
        }
        return decode(topic, bytes, id, resolution);
    }

    /**
     * Reads the record through a {@link BoundedDecoder}, which refuses every length or count beyond the bytes
     * present before Avro allocates what it claims. {@link AvroBytesCheck} walks the bytes first only for
     * writer schemas where the decoder's checks are not enough ({@link PrecheckRule}); for the others it walks
     * them only when the read fails, to name the first bad value exactly as it would have first (a record is
     * rejected for the same reason with the same detail either way).
     */
    private Decoded<T> decode(String topic, byte[] bytes, int id, Resolution<T> resolution) {
        int length = bytes.length - ConfluentWireFormat.HEADER_SIZE;
        if (resolution.precheck) {
            Decoded<T> bad = check(topic, bytes, id, resolution);
            if (bad != null) {
                return bad;
            }
        }
        BoundedDecoder decoder =
                new BoundedDecoder(bytes, ConfluentWireFormat.HEADER_SIZE, length, resolution.precheck);
        T value;
        try {
            value = resolution.reader.read(null, decoder);
        } catch (IOException | RuntimeException e) {
            Decoded<T> bad = resolution.precheck ? null : check(topic, bytes, id, resolution);
            return bad != null ? bad : undecodable(topic, bytes, id, length, e);
        }
        int used = decoder.position() - ConfluentWireFormat.HEADER_SIZE;
        if (used != length) {
            return trailing(topic, bytes, id, used, length);
        }
        return new Decoded.Valid<>(value, id);
    }

    /**
     * The verdict of {@link AvroBytesCheck} on the bytes after the header: null when they are exactly one datum
     * of the writer schema, else the malformed outcome naming the first bad value.
     */
    private Decoded<T> check(String topic, byte[] bytes, int id, Resolution<T> resolution) {
        int length = bytes.length - ConfluentWireFormat.HEADER_SIZE;
        int used;
        try {
            used = resolution.check.check(bytes, ConfluentWireFormat.HEADER_SIZE, length);
        } catch (AvroBytesCheck.BadBytes e) {
            return undecodable(topic, bytes, id, length, e);
        }
        return used != length ? trailing(topic, bytes, id, used, length) : null;
    }

    private Decoded<T> trailing(String topic, byte[] bytes, int id, int used, int length) {
        return malformed(MalformedReason.TRAILING_BYTES, topic, bytes, id, "a " + type.getSimpleName()
                + " decoded with schema id " + id + " from " + used + " of the " + length + " bytes after the"
                + " header, leaving " + (length - used) + ": the record was written with a different schema"
                + " than its header names, or corrupted");
    }

    private Decoded<T> undecodable(String topic, byte[] bytes, int id, int length, Exception e) {
        return malformed(MalformedReason.UNDECODABLE, topic, bytes, id, "the " + length + " Avro bytes after the"
                + " header do not decode with schema id " + id + " as " + type.getSimpleName() + ": "
                + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage())
                + " (truncated or corrupt record?)");
    }

    private Resolution<T> resolve(int id) {
        Schema writer;
        try {
            writer = registry.schemaById(id);
        } catch (UnsupportedSchemaException e) {
            return new Resolution<>(id, null, false, null, "schema id " + id + " cannot be read as "
                    + type.getSimpleName() + ": " + e.getMessage());
        }
        List<String> incompatibilities = Incompatibilities.of(readerSchema, writer);
        if (!incompatibilities.isEmpty()) {
            String why = incompatibilities.stream().limit(3).collect(Collectors.joining("; "));
            return new Resolution<>(id, null, false, null, "the record was written with schema id " + id + " ("
                    + writer.getFullName() + "), which cannot be read as " + readerSchema.getFullName() + ": " + why
                    + ". Is a foreign record type on this topic?");
        }
        return new Resolution<>(id, AvroBytesCheck.of(writer), PrecheckRule.needed(writer, readerSchema, model),
                new SpecificDatumReader<>(writer, readerSchema, model), null);
    }

    private Decoded<T> rememberedUnknown(String topic, byte[] bytes, int id) {
        Long until = unknownIdsUntil.get(id);
        if (until == null) {
            return null;
        }
        if (System.nanoTime() - until > 0) {
            unknownIdsUntil.remove(id, until);
            return null;
        }
        return unknownId(topic, bytes, id, "registry " + registry.url() + " did not know it when asked less than"
                + " 30 s ago");
    }

    private void rememberUnknown(int id) {
        if (unknownIdsUntil.size() >= MAX_REMEMBERED_UNKNOWN_IDS) {
            unknownIdsUntil.clear();
        }
        unknownIdsUntil.put(id, System.nanoTime() + UNKNOWN_ID_TTL_NANOS);
    }

    private Decoded<T> unknownId(String topic, byte[] bytes, int id, String registryMessage) {
        return malformed(MalformedReason.UNKNOWN_SCHEMA_ID, topic, bytes, id, "the record names schema id " + id
                + ", unknown to the registry (" + registryMessage + "): written against another registry, or not"
                + " a Confluent-framed record");
    }

    private Decoded<T> malformed(MalformedReason reason, String topic, byte[] bytes, Integer id, String detail) {
        String where = topic == null ? "" : "topic '" + topic + "': ";
        return new Decoded.Malformed<>(reason, where + detail, bytes, topic, id);
    }

    private static String hexByte(byte b) {
        return String.format("0x%02x", b & 0xff);
    }

    private static String printable(byte b) {
        return b >= 0x20 && b < 0x7f ? " ('" + (char) b + "')" : "";
    }

    /** The first bytes in hex, for messages. */
    static String preview(byte[] bytes) {
        StringBuilder out = new StringBuilder(bytes.length == 0 ? "empty" : "bytes");
        int n = Math.min(bytes.length, PREVIEW_BYTES);
        for (int k = 0; k < n; k++) {
            out.append(' ').append(String.format("%02x", bytes[k] & 0xff));
        }
        if (bytes.length > n) {
            out.append(" ...");
        }
        return out.toString();
    }
}
