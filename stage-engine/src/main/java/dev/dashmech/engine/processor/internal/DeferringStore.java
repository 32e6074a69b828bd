package dev.dashmech.engine.processor.internal;

import java.util.function.Consumer;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.internals.WrappedStateStore;

/**
 * A task store that, just before each commit, asks one writer for the writes it deferred: the writer keeps its
 * changes in memory between commits and writes each changed entry once, instead of once per change. The engine
 * defers its open stages this way (a stage changes with every bid, and most stages open and close between two
 * commits, so most are never written); what the writer has not written yet is not in the store, so only a writer
 * that does not read those entries back between commits may defer (the engine reads its stages only at restore).
 */
public interface DeferringStore {

    /**
     * Sets the writer that this store calls, with itself, before it hands its writes on for a commit (Kafka Streams'
     * pre-commit flush), whatever the processing guarantee; null for none. One writer at a time: the last one set.
     */
    void beforeCommit(Consumer<KeyValueStore<String, byte[]>> writer);

    /**
     * The deferring store under {@code store} as a processor gets it from its context (Kafka Streams wraps the
     * stores it hands to processors; {@link WrappedStateStore} is its internal base of those wrappers), or null
     * when there is none: then the processor must write every change at once.
     */
    static DeferringStore under(StateStore store) {
        StateStore s = store;
        while (true) {
            if (s instanceof DeferringStore deferring) {
                return deferring;
            }
            if (!(s instanceof WrappedStateStore<?, ?, ?> wrapped)) {
                return null;
            }
            s = wrapped.wrapped();
        }
    }
}
