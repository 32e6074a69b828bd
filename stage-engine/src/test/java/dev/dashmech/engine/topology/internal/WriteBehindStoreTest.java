package dev.dashmech.engine.topology.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;

class WriteBehindStoreTest {

    private final KeyValueStore<String, byte[]> inner = Stores.keyValueStoreBuilder(
            Stores.inMemoryKeyValueStore("s"), Serdes.String(), Serdes.ByteArray()).withLoggingDisabled().build();

    private WriteBehindStore open(int maxPending) {
        WriteBehindStore store = new WriteBehindStore(inner, maxPending);
        store.init(new MockProcessorContext<>().getStateStoreContext(), store);
        return store;
    }

    private static byte[] b(int x) {
        return new byte[] {(byte) x};
    }

    @Test
    void shouldReadItsOwnWritesBeforeTheyReachTheInnerStore() {
        WriteBehindStore store = open(100);
        store.put("k", b(1));
        store.put("k", b(2));
        store.put("gone", b(3));
        assertThat(store.delete("gone")).containsExactly(3);

        assertThat(store.get("k")).containsExactly(2);
        assertThat(store.get("gone")).isNull();
        assertThat(store.putIfAbsent("k", b(9))).containsExactly(2);
        assertThat(store.putIfAbsent("new", b(4))).isNull();
        assertThat(inner.get("k")).isNull(); // nothing handed on yet
        assertThat(store.pendingCount()).isEqualTo(3);
    }

    @Test
    void shouldHandOnEachKeysLastWriteOnceAtTheCommitHook() {
        WriteBehindStore store = open(100);
        inner.put("old", b(7));
        store.put("k", b(1));
        store.put("k", b(2));
        store.delete("old");
        store.putAll(List.of(KeyValue.pair("x", b(5)), KeyValue.pair("x", null)));

        store.flushCache();

        assertThat(store.pendingCount()).isZero();
        assertThat(inner.get("k")).containsExactly(2);
        assertThat(inner.get("old")).isNull();
        assertThat(inner.get("x")).isNull();
        assertThat(inner.approximateNumEntries()).isEqualTo(1);
    }

    @Test
    void shouldHandOnTheFirstWriteAfterEachCommitAtOnceAndTheRestAtTheCommit() {
        WriteBehindStore store = open(100);
        store.put("before", b(1)); // before the first commit hook: waits like any other
        assertThat(inner.get("before")).isNull();
        store.flushCache();

        store.put("first", b(2)); // the first after the commit: handed on now (it joins the transaction early)
        store.put("second", b(3));
        store.delete("before");
        assertThat(inner.get("first")).containsExactly(2);
        assertThat(inner.get("second")).isNull();
        assertThat(inner.get("before")).containsExactly(1);
        assertThat(store.pendingCount()).isEqualTo(2);

        store.commit(Map.of()); // every commit hook starts over
        assertThat(inner.get("second")).containsExactly(3);
        assertThat(inner.get("before")).isNull();
        store.delete("first");
        assertThat(inner.get("first")).isNull();
        store.put("third", b(4));
        assertThat(inner.get("third")).isNull();
    }

    @Test
    void shouldHandOnEarlyBeyondMaxPendingButNotForAScan() {
        WriteBehindStore store = open(2);
        store.put("a", b(1));
        store.put("b", b(2));
        assertThat(inner.get("a")).isNull();
        store.put("c", b(3)); // a third key waits: all are handed on
        assertThat(store.pendingCount()).isZero();
        assertThat(inner.get("a")).containsExactly(1);

        store.put("d", b(4));
        List<String> keys = new ArrayList<>();
        try (KeyValueIterator<String, byte[]> all = store.all()) {
            all.forEachRemaining(kv -> keys.add(kv.key));
        }
        assertThat(keys).containsExactly("a", "b", "c", "d");
        try (KeyValueIterator<String, byte[]> range = store.range("b", "c")) {
            assertThat(range.next().key).isEqualTo("b");
        }
        assertThat(store.pendingCount()).isEqualTo(1); // a read hands nothing on
        assertThat(inner.get("d")).isNull();
    }

    @Test
    void shouldLayTheWaitingWritesOverEveryKindOfScan() {
        WriteBehindStore store = open(100);
        for (String k : List.of("m/1", "m/2", "m/3", "n/1")) {
            inner.put(k, b(0));
        }
        store.put("m/2", b(2));   // overwritten
        store.delete("m/3");      // deleted
        store.put("m/25", b(25)); // new, inside the range
        store.put("z", b(9));     // new, outside it

        assertThat(keys(store.range("m/1", "m/3"))).containsExactly("m/1", "m/2", "m/25");
        assertThat(keys(store.reverseRange("m/1", "m/3"))).containsExactly("m/25", "m/2", "m/1");
        assertThat(keys(store.all())).containsExactly("m/1", "m/2", "m/25", "n/1", "z");
        assertThat(keys(store.reverseAll())).containsExactly("z", "n/1", "m/25", "m/2", "m/1");
        assertThat(keys(store.prefixScan("m/", new StringSerializer()))).containsExactly("m/1", "m/2", "m/25");
        try (KeyValueIterator<String, byte[]> range = store.range("m/2", "m/2")) {
            assertThat(range.peekNextKey()).isEqualTo("m/2");
            assertThat(range.next().value).containsExactly(2);
            assertThat(range.hasNext()).isFalse();
        }
        assertThat(store.pendingCount()).isEqualTo(4);
    }

    private static List<String> keys(KeyValueIterator<String, byte[]> it) {
        List<String> out = new ArrayList<>();
        try (it) {
            it.forEachRemaining(kv -> out.add(kv.key));
        }
        return out;
    }

    @Test
    void shouldDropWaitingWritesOnClearAndOnClose() {
        WriteBehindStore store = open(100);
        store.put("k", b(1));
        store.clearCache();
        assertThat(store.get("k")).isNull();

        store.put("k", b(2));
        store.close();
        assertThat(store.pendingCount()).isZero();
        assertThat(store.isOpen()).isFalse();
    }

    @Test
    void shouldRefuseAnEmptyBound() {
        assertThatThrownBy(() -> new WriteBehindStore(inner, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxPending must be at least 1, was 0");
    }
}
