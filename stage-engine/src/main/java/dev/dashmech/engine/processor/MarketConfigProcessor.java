package dev.dashmech.engine.processor;

import dev.dashmech.engine.metrics.EngineMetrics;
import dev.dashmech.engine.processor.internal.MarketDirectory;
import dev.dashmech.engine.processor.internal.MarketRuntime;
import dev.dashmech.schemas.avro.MarketConfig;
import dev.dashmech.schemas.serde.AvroDecoder;
import dev.dashmech.schemas.serde.Decoded;
import java.util.Objects;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The update processor of the global markets store: takes each record of {@code markets} (the compacted topic of
 * market configurations) into the store as read and into the shared {@link MarketDirectory}. A tombstone retires
 * the market. A record that does not decode, is keyed by another market, or asks for what the engine cannot run is
 * logged, counted ({@value EngineMetrics#INPUT_IGNORED}) and ignored: the configuration in force stays.
 *
 * <p>Markets are global rather than co-partitioned state because the topic is compacted: a replay of old bids finds
 * each market's configuration loaded before the first bid (a co-partitioned source would order the configuration
 * by its timestamp, after the bids it predates). Configuration changes take effect when the global thread reads
 * them, asynchronously to the stage tasks.
 */
public final class MarketConfigProcessor implements Processor<String, byte[], Void, Void> {

    private static final Logger LOG = LoggerFactory.getLogger(MarketConfigProcessor.class);

    private final String storeName;
    private final String topic;
    private final AvroDecoder<MarketConfig> decoder;
    private final MarketDirectory directory;
    private final EngineMetrics metrics;
    private KeyValueStore<String, byte[]> store;

    public MarketConfigProcessor(String storeName, String topic, AvroDecoder<MarketConfig> decoder,
                                 MarketDirectory directory, EngineMetrics metrics) {
        this.storeName = Objects.requireNonNull(storeName, "storeName");
        this.topic = Objects.requireNonNull(topic, "topic");
        this.decoder = Objects.requireNonNull(decoder, "decoder");
        this.directory = Objects.requireNonNull(directory, "directory");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        store = context.getStateStore(storeName);
    }

    @Override
    public void process(Record<String, byte[]> record) {
        String key = record.key();
        if (key == null) {
            ignore("key_mismatch", "a market configuration without a record key; key configurations by market");
            return;
        }
        if (record.value() == null) {
            store.delete(key);
            directory.retired(key);
            LOG.info("market {} retired", key);
            return;
        }
        Decoded<MarketConfig> decoded = decoder.decode(topic, record.value());
        if (!(decoded instanceof Decoded.Valid<MarketConfig> valid)) {
            ignore("malformed", "undecodable configuration of market '" + key + "': " + decoded
                    + "; the configuration in force, if any, stays");
            return;
        }
        MarketConfig config = valid.value();
        if (!config.getMarket().equals(key)) {
            ignore("key_mismatch", "configuration of market '" + config.getMarket() + "' has record key '" + key
                    + "'; key configurations by their market");
            return;
        }
        MarketRuntime runtime;
        try {
            runtime = MarketRuntime.of(config);
        } catch (IllegalArgumentException e) {
            ignore("refused", e.getMessage() + "\nThe configuration in force, if any, stays.");
            return;
        }
        store.put(key, record.value());
        directory.configured(key, runtime);
        LOG.info("market {} configured (updated at {})", key, config.getUpdatedAt());
    }

    private void ignore(String reason, String detail) {
        metrics.ignored(topic, reason);
        LOG.warn("ignored a record of {}: {}", topic, detail);
    }
}
