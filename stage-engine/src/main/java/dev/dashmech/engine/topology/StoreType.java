package dev.dashmech.engine.topology;

/**
 * Where the engine's state stores keep their data. Either way every store is backed by a compacted changelog
 * topic, so a task restarted elsewhere restores it; the choice trades restore time for heap.
 */
public enum StoreType {

    /**
     * On the heap (Kafka Streams' in-memory key-value store): the fastest, and enough because every store of the
     * engine is bounded (see the module README, "State stores"). Restored from the changelog on every start.
     */
    IN_MEMORY,

    /** RocksDB on local disk under {@code state.dir}: off-heap and kept across restarts of the same instance. */
    ROCKSDB
}
