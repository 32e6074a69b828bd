package dev.dashmech.engine.processor.internal;

import dev.dashmech.schemas.avro.MarketConfig;
import dev.dashmech.schemas.serde.AvroDecoder;
import dev.dashmech.schemas.serde.Decoded;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The market configurations in force, shared by the stream tasks of one Kafka Streams instance: a cache of
 * {@link MarketRuntime}s over the global markets store. The global store's update processor is the only writer of
 * new entries ({@link #configured}, {@link #retired}); tasks read with {@link #runtime}, loading from the global
 * store what the cache lacks (after a restart the global store is restored without its processor). A market with
 * no usable configuration is cached only once it has had one, so ids in bad bids cannot grow the cache.
 * Thread-safe.
 */
public final class MarketDirectory {

    private static final Logger LOG = LoggerFactory.getLogger(MarketDirectory.class);

    /** A configuration and its runtime; the runtime is null when the market is retired or its config unusable. */
    private record Entry(MarketRuntime runtime) {
    }

    private static final Entry UNUSABLE = new Entry(null);

    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
    private final AvroDecoder<MarketConfig> decoder;
    private final String topic;

    public MarketDirectory(AvroDecoder<MarketConfig> decoder, String topic) {
        this.decoder = decoder;
        this.topic = topic;
    }

    /** The global store's processor took a configuration into the store. */
    public void configured(String market, MarketRuntime runtime) {
        entries.put(market, new Entry(runtime));
    }

    /** The global store's processor deleted a market (a tombstone on the markets topic). */
    public void retired(String market) {
        entries.put(market, UNUSABLE);
    }

    /**
     * The runtime of the configuration in force for {@code market}, or null when it has none that the engine can
     * use (never configured, retired, or refused).
     *
     * @param store the global markets store (market to the configuration's bytes as read)
     */
    public MarketRuntime runtime(String market, ReadOnlyKeyValueStore<String, byte[]> store) {
        Entry entry = entries.get(market);
        if (entry == null) {
            byte[] raw = store.get(market);
            if (raw == null) {
                return null;
            }
            Entry loaded = load(market, raw);
            entry = entries.putIfAbsent(market, loaded); // a newer configuration may have arrived meanwhile
            if (entry == null) {
                entry = loaded;
            }
        }
        return entry.runtime();
    }

    private Entry load(String market, byte[] raw) {
        Decoded<MarketConfig> decoded = decoder.decode(topic, raw);
        if (!(decoded instanceof Decoded.Valid<MarketConfig> valid)) {
            LOG.warn("the stored configuration of market {} does not decode ({}); the market is unusable until a"
                    + " good configuration is published", market, decoded);
            return UNUSABLE;
        }
        try {
            return new Entry(MarketRuntime.of(valid.value()));
        } catch (IllegalArgumentException e) {
            LOG.warn("the stored configuration of market {} is refused; the market is unusable until a good"
                    + " configuration is published: {}", market, e.getMessage());
            return UNUSABLE;
        }
    }
}
