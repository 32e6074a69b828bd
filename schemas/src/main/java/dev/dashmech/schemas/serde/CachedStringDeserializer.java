package dev.dashmech.schemas.serde;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * A UTF-8 string {@link Deserializer} for record keys drawn from a small set, such as the market ids that key every
 * topic of the pipeline: it hands back the same {@link String} for the same bytes from a small direct-mapped cache,
 * so a key costs a hash and a comparison of its bytes instead of a new string, and the string's own hash, which the
 * consumer's map lookups by market need, is computed once per cache entry instead of once per record.
 *
 * <p>Keys longer than {@value #MAX_CACHED_BYTES} bytes are decoded as by {@code StringDeserializer} and not kept;
 * keys whose slots collide replace each other, so an unbounded key set costs one comparison more per record and
 * the memory stays bounded ({@value #SLOTS} entries). Malformed UTF-8 becomes U+FFFD, as with
 * {@code StringDeserializer}.
 *
 * <p>Thread-safe without locks: Kafka Streams shares one deserializer instance among the tasks of all its stream
 * threads. The slots are written racily, but an entry is immutable with final fields, so a reader sees either a
 * whole entry or the one it replaced, and compares its bytes before using it. Hand-written: Kafka has no caching
 * deserializer, and a general-purpose cache (Caffeine, Guava) costs more per lookup than the decoding it saves.
 */
public final class CachedStringDeserializer implements Deserializer<String> {

    /** Keys up to this many bytes are cached. */
    public static final int MAX_CACHED_BYTES = 64;
    /** The number of cache slots (a power of two). */
    public static final int SLOTS = 1024;

    private final Entry[] slots = new Entry[SLOTS];

    private static final class Entry {
        final byte[] bytes;
        final String value;

        Entry(byte[] bytes, String value) {
            this.bytes = bytes;
            this.value = value;
        }
    }

    @Override
    public String deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        if (data.length > MAX_CACHED_BYTES) {
            return new String(data, StandardCharsets.UTF_8);
        }
        int hash = Arrays.hashCode(data);
        int slot = (hash ^ (hash >>> 16)) & (SLOTS - 1);
        Entry entry = slots[slot];
        if (entry != null && Arrays.equals(entry.bytes, data)) {
            return entry.value;
        }
        String value = new String(data, StandardCharsets.UTF_8);
        slots[slot] = new Entry(data.clone(), value); // a copy: the caller may reuse its array
        return value;
    }
}
