package dev.dashmech.engine.topology.internal;

import java.util.Map;
import java.util.Objects;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;

/**
 * Builds a {@link WriteBehindStore} around the store of {@code inner}, which it builds with Kafka Streams' caching off
 * (the write-behind map takes the cache's place); logging settings and the name are {@code inner}'s.
 */
public final class WriteBehindStoreBuilder implements StoreBuilder<KeyValueStore<String, byte[]>> {

    /** Keys that may wait for a commit before they are handed on early: ~0.8 KB each for open stages. */
    public static final int DEFAULT_MAX_PENDING = 10_000;

    private final StoreBuilder<KeyValueStore<String, byte[]>> inner;
    private final int maxPending;

    public WriteBehindStoreBuilder(StoreBuilder<KeyValueStore<String, byte[]>> inner, int maxPending) {
        this.inner = Objects.requireNonNull(inner, "inner").withCachingDisabled();
        this.maxPending = maxPending;
    }

    @Override
    public StoreBuilder<KeyValueStore<String, byte[]>> withCachingEnabled() {
        return this; // the write-behind map is the cache
    }

    @Override
    public StoreBuilder<KeyValueStore<String, byte[]>> withCachingDisabled() {
        throw new UnsupportedOperationException("a write-behind store caches by design; build the inner store"
                + " without WriteBehindStoreBuilder for a store without a cache");
    }

    @Override
    public StoreBuilder<KeyValueStore<String, byte[]>> withLoggingEnabled(Map<String, String> config) {
        inner.withLoggingEnabled(config);
        return this;
    }

    @Override
    public StoreBuilder<KeyValueStore<String, byte[]>> withLoggingDisabled() {
        inner.withLoggingDisabled();
        return this;
    }

    @Override
    public KeyValueStore<String, byte[]> build() {
        return new WriteBehindStore(inner.build(), maxPending);
    }

    @Override
    public Map<String, String> logConfig() {
        return inner.logConfig();
    }

    @Override
    public boolean loggingEnabled() {
        return inner.loggingEnabled();
    }

    @Override
    public String name() {
        return inner.name();
    }
}
