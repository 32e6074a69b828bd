package dev.dashmech.engine.topology.internal;

import dev.dashmech.engine.processor.internal.DeferringStore;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.utils.Bytes;
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
 * it evicts), and the first write after each commit is handed on at once, so that the store's changelog partition
 * joins the new transaction while the task works rather than at its commit. Reads never write: {@link #get} looks
 * in the waiting writes first, and ranges and scans return the wrapped store's entries with the waiting writes laid
 * over them (a copy, in the wrapped store's order of UTF-8 bytes; when nothing waits, the wrapped store's own
 * iterator). On close the waiting writes are dropped: a clean close has flushed them in its last commit, and a dirty
 * close must lose them. {@link #query} (interactive queries, v2) reads the wrapped store, i.e. the state as of the
 * last commit.
 *
 * <p>It is also a {@link DeferringStore}: the engine's processor keeps its open stages in memory between commits and
 * writes the ones that changed into this store from the same pre-commit hook, just before the waiting writes are
 * handed on (and from {@link #flush} and {@link #commit}); an early hand-on past {@code maxPending} does not ask it.
 *
 * <p>Interactive queries (v1) call {@link #get} and {@link #all} from other threads than the stream thread that writes,
 * so the methods that touch the waiting writes are synchronized (uncontended but for such a query), and a read only
 * reads: handing writes on from a query thread would send changelog records from outside the stream thread.
 */
public final class WriteBehindStore implements KeyValueStore<String, byte[]>, CachedStateStore<String, byte[]>,
        DeferringStore {

    /** A deletion waiting in {@link #pending} (a null value means "not waiting"). */
    private static final byte[] DELETED = new byte[0];

    private final KeyValueStore<String, byte[]> inner;
    private final int maxPending;
    private final Map<String, byte[]> pending = new HashMap<>();
    private Consumer<KeyValueStore<String, byte[]>> deferredWriter;
    /** Whether the next write is handed on at once: the first since the last commit hook (see {@link #put}). */
    private boolean firstSinceCommit;

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

    @Override
    public synchronized void beforeCommit(Consumer<KeyValueStore<String, byte[]>> writer) {
        this.deferredWriter = writer;
    }

    /** Whether a writer defers writes to this store's commits (see {@link #beforeCommit}). */
    public synchronized boolean hasDeferredWriter() {
        return deferredWriter != null;
    }

    /**
     * What every commit hook does first: takes the deferred writer's writes, hands all waiting writes on, and has the
     * next write handed on at once (see {@link #put}).
     */
    private void handOnForCommit() {
        collectDeferred();
        writePending();
        firstSinceCommit = true;
    }

    /** Takes the deferred writer's writes (they wait with the others). */
    private void collectDeferred() {
        if (deferredWriter != null) {
            deferredWriter.accept(this);
        }
    }

    /** How many keys wait for the next commit. */
    public synchronized int pendingCount() {
        return pending.size();
    }

    @Override
    public synchronized void put(String key, byte[] value) {
        Objects.requireNonNull(key, "key");
        pending.put(key, value == null ? DELETED : value);
        // The first write after a commit is handed on at once: under exactly-once it adds the store's changelog
        // partition to the new transaction now, while the task works, instead of at the commit, where the
        // producer's flush would wait for that extra round trip. Measured on dashctl bench engine (4 runs, 2
        // rounds each, interleaved): the producer's flush time per run fell from 153-325 ms to 88-119 ms.
        if (firstSinceCommit || pending.size() > maxPending) {
            firstSinceCommit = false;
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
        return overlaid(inner.range(from, to), between(from, to), false);
    }

    @Override
    public synchronized KeyValueIterator<String, byte[]> reverseRange(String from, String to) {
        return overlaid(inner.reverseRange(from, to), between(from, to), true);
    }

    @Override
    public synchronized KeyValueIterator<String, byte[]> all() {
        return overlaid(inner.all(), key -> true, false);
    }

    @Override
    public synchronized KeyValueIterator<String, byte[]> reverseAll() {
        return overlaid(inner.reverseAll(), key -> true, true);
    }

    @Override
    public synchronized <S extends Serializer<P>, P> KeyValueIterator<String, byte[]> prefixScan(P prefix,
                                                                                               S prefixKeySerializer) {
        byte[] start = prefixKeySerializer.serialize(null, prefix);
        return overlaid(inner.prefixScan(prefix, prefixKeySerializer), key -> startsWith(key.get(), start), false);
    }

    /** The keys from {@code from} to {@code to}, both included (null: unbounded), in UTF-8 byte order. */
    private static Predicate<Bytes> between(String from, String to) {
        Bytes low = from == null ? null : utf8(from);
        Bytes high = to == null ? null : utf8(to);
        return key -> (low == null || key.compareTo(low) >= 0) && (high == null || key.compareTo(high) <= 0);
    }

    private static boolean startsWith(byte[] key, byte[] prefix) {
        return key.length >= prefix.length && Arrays.equals(key, 0, prefix.length, prefix, 0, prefix.length);
    }

    private static Bytes utf8(String key) {
        return Bytes.wrap(key.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The wrapped store's entries of a range ({@code committed}, closed here) with the waiting writes whose keys are
     * {@code inRange} laid over them, in the wrapped store's order: its keys are Strings serialized as UTF-8 and
     * ordered by their bytes.
     */
    private KeyValueIterator<String, byte[]> overlaid(KeyValueIterator<String, byte[]> committed,
                                                      Predicate<Bytes> inRange, boolean reverse) {
        if (pending.isEmpty()) {
            return committed;
        }
        TreeMap<Bytes, KeyValue<String, byte[]>> view = new TreeMap<>();
        try (committed) {
            committed.forEachRemaining(kv -> view.put(utf8(kv.key), kv));
        }
        pending.forEach((key, value) -> {
            Bytes bytes = utf8(key);
            if (inRange.test(bytes)) {
                if (value == DELETED) {
                    view.remove(bytes);
                } else {
                    view.put(bytes, KeyValue.pair(key, value));
                }
            }
        });
        return new ListIterator(new ArrayList<>(reverse ? view.descendingMap().values() : view.values()));
    }

    /** An iterator over a copy. */
    private static final class ListIterator implements KeyValueIterator<String, byte[]> {
        private final List<KeyValue<String, byte[]>> entries;
        private int next;

        ListIterator(List<KeyValue<String, byte[]>> entries) {
            this.entries = entries;
        }

        @Override
        public boolean hasNext() {
            return next < entries.size();
        }

        @Override
        public KeyValue<String, byte[]> next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return entries.get(next++);
        }

        @Override
        public String peekNextKey() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return entries.get(next).key;
        }

        @Override
        public void close() {
            // a copy: nothing to release
        }
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
        handOnForCommit();
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
        handOnForCommit();
        inner.flush();
    }

    @Override
    public synchronized void commit(Map<TopicPartition, Long> changelogOffsets) {
        handOnForCommit();
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
        deferredWriter = null;
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
