package dev.dashmech.engine.topology.internal;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.query.Position;
import org.apache.kafka.streams.query.PositionBound;
import org.apache.kafka.streams.query.Query;
import org.apache.kafka.streams.query.QueryConfig;
import org.apache.kafka.streams.query.QueryResult;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.internals.CacheFlushListener;
import org.apache.kafka.streams.state.internals.CachedStateStore;

/**
 * A key-value store that keeps the writes since the last commit in a hash map and writes them, the last value of each
 * key once, to the store it wraps (metered and changelogged, without Kafka Streams' record cache) when Kafka Streams
 * prepares a commit. It takes the record cache's place for the engine's task stores.
 *
 * <p>Why by hand: the engine writes an open stage once per bid (the stage with all its bids so far, so that a
 * restarted task has every bid it took), and Kafka Streams' record cache costs per write a lock, a position update,
 * a sorted-map insert and the dirty-key bookkeeping: measured with JFR on {@code dashctl bench engine} (warm), 15% of
 * the stream thread. A hash-map put does the same job here, because the engine never reads these keys back between
 * commits except through this store, and nothing downstream listens to the store.
 *
 * <p>The hook is Kafka Streams' internal {@link CachedStateStore}: before every commit, whatever the processing
 * guarantee, the task calls {@link #flushCache()} on each store that implements it, and the writes it makes then
 * belong to the commit (under exactly-once, to its transaction). This is how the record cache itself reaches the
 * changelog; the engine's restore tests fail if a Kafka Streams upgrade stopped calling it. Writes are also handed
 * on early once more than {@code maxPending} keys wait (still inside the transaction, as the record cache does when
 * it evicts). Ranges and full scans hand on the waiting writes first and then read the wrapped store. On close the
 * waiting writes are dropped: a clean close has flushed them in its last commit, and a dirty close must lose them.
 * {@link #query} (interactive queries, v2) reads the wrapped store, i.e. the state as of the last commit.
 *
 * <p>Interactive queries (v1) call {@link #get} and {@link #all} from other threads than the stream thread that writes,
 * so the methods that touch the waiting writes are synchronized (uncontended but for such a query; the wrapped
 * in-memory and RocksDB stores are safe for concurrent reads themselves).
 */
public final class WriteBehindStore implements KeyValueStore<String, byte[]>, CachedStateStore<String, byte[]> {

    /** A deletion waiting in {@link #pending} (a null value means "not waiting"). */
    private static final byte[] DELETED = new byte[0];

    private final KeyValueStore<String, byte[]> inner;
    private final int maxPending;
    private final Map<String, byte[]> pending = new HashMap<>();

    /**
     * @param inner      the store written at commit: metered and changelogged, with Kafka Streams' caching off
     * @param maxPending how many distinct keys may wait before they are handed on early (at least 1)
     */
    public WriteBehindStore(KeyValueStore<String, byte[]> inner, int maxPending) {
        this.inner = Objects.requireNonNull(inner, "inner");
        if (maxPending < 1) {
            throw new IllegalArgumentException("maxPending must be at least 1, was " + maxPending);
        }
        this.maxPending = maxPending;
    }

    /** How many keys wait for the next commit. */
    public synchronized int pendingCount() {
        return pending.size();
    }

    @Override
    public synchronized void put(String key, byte[] value) {
        Objects.requireNonNull(key, "key");
        pending.put(key, value == null ? DELETED : value);
        if (pending.size() > maxPending) {
            writePending();
        }
    }

    @Override
    public synchronized byte[] putIfAbsent(String key, byte[] value) {
        byte[] current = get(key);
        if (current == null) {
            put(key, value);
        }
        return current;
    }

    @Override
    public synchronized void putAll(List<KeyValue<String, byte[]>> entries) {
        for (KeyValue<String, byte[]> entry : entries) {
            put(entry.key, entry.value);
        }
    }

    @Override
    public synchronized byte[] delete(String key) {
        byte[] current = get(key);
        put(key, null);
        return current;
    }

    @Override
    public synchronized byte[] get(String key) {
        byte[] waiting = pending.get(key);
        if (waiting != null) {
            return waiting == DELETED ? null : waiting;
        }
        return inner.get(key);
    }

    @Override
    public synchronized KeyValueIterator<String, byte[]> range(String from, String to) {
        writePending();
        return inner.range(from, to);
    }

    @Override
    public synchronized KeyValueIterator<String, byte[]> reverseRange(String from, String to) {
        writePending();
        return inner.reverseRange(from, to);
    }

    @Override
    public synchronized KeyValueIterator<String, byte[]> all() {
        writePending();
        return inner.all();
    }

    @Override
    public synchronized KeyValueIterator<String, byte[]> reverseAll() {
        writePending();
        return inner.reverseAll();
    }

    @Override
    public synchronized <S extends Serializer<P>, P> KeyValueIterator<String, byte[]> prefixScan(P prefix,
                                                                                               S prefixKeySerializer) {
        writePending();
        return inner.prefixScan(prefix, prefixKeySerializer);
    }

    @Override
    public synchronized long approximateNumEntries() {
        return inner.approximateNumEntries() + pending.size();
    }

    /** Hands the waiting writes to the wrapped store, each key's last value once. */
    private void writePending() {
        if (pending.isEmpty()) {
            return;
        }
        for (Map.Entry<String, byte[]> entry : pending.entrySet()) {
            byte[] value = entry.getValue();
            if (value == DELETED) {
                inner.delete(entry.getKey());
            } else {
                inner.put(entry.getKey(), value);
            }
        }
        pending.clear();
    }

    // --- Kafka Streams' commit hook (internal interface; see the class comment)

    @Override
    public synchronized void flushCache() {
        writePending();
        if (inner instanceof CachedStateStore<?, ?> cached) {
            cached.flushCache();
        }
    }

    @Override
    public synchronized void clearCache() {
        pending.clear();
        if (inner instanceof CachedStateStore<?, ?> cached) {
            cached.clearCache();
        }
    }

    @Override
    public boolean setFlushListener(CacheFlushListener<String, byte[]> listener, boolean sendOldValues) {
        return false; // nothing downstream of the engine's stores
    }

    // --- StateStore: the wrapped store's, registered as this one

    @Override
    public String name() {
        return inner.name();
    }

    @Override
    public void init(StateStoreContext context, StateStore root) {
        inner.init(context, root);
    }

    @Override
    @SuppressWarnings("deprecation")
    public synchronized void flush() {
        writePending();
        inner.flush();
    }

    @Override
    public synchronized void commit(Map<TopicPartition, Long> changelogOffsets) {
        writePending();
        inner.commit(changelogOffsets);
    }

    @Override
    public Long committedOffset(TopicPartition partition) {
        return inner.committedOffset(partition);
    }

    @Override
    public boolean managesOffsets() {
        return inner.managesOffsets();
    }

    @Override
    public synchronized void close() {
        pending.clear();
        inner.close();
    }

    @Override
    public boolean persistent() {
        return inner.persistent();
    }

    @Override
    public boolean isOpen() {
        return inner.isOpen();
    }

    @Override
    public <R> QueryResult<R> query(Query<R> query, PositionBound positionBound, QueryConfig config) {
        return inner.query(query, positionBound, config);
    }

    @Override
    public Position getPosition() {
        return inner.getPosition();
    }

    @Override
    public long approximateNumUncommittedBytes() {
        return inner.approximateNumUncommittedBytes();
    }
}
