package dev.dashmech.schemas.topic;

import java.util.Map;
import org.apache.kafka.clients.producer.Partitioner;
import org.apache.kafka.common.Cluster;

/**
 * A producer {@link Partitioner} (setting {@code partitioner.class}) that places a record by the market
 * segment of its String key ({@link MarketKeys#partitionOfKey}), so {@code market/agent} keys land on the
 * partition of their market, as co-partitioning needs. For market-only keys it agrees with Kafka's default
 * partitioner. Kafka Streams applications get the same with a {@code StreamPartitioner} calling
 * {@link MarketKeys#partitionOfKey}.
 */
public final class MarketPartitioner implements Partitioner {

    @Override
    public int partition(String topic, Object key, byte[] keyBytes, Object value, byte[] valueBytes, Cluster cluster) {
        if (!(key instanceof String k)) {
            throw new IllegalArgumentException("MarketPartitioner places records by their market and needs a String"
                    + " key (market or market/agent...), got " + (key == null ? "null" : key.getClass().getName())
                    + " on topic " + topic);
        }
        Integer partitions = cluster.partitionCountForTopic(topic);
        if (partitions == null || partitions < 1) {
            throw new IllegalStateException("no partition metadata for topic " + topic);
        }
        return MarketKeys.partitionOfKey(k, partitions);
    }

    @Override
    public void configure(Map<String, ?> configs) {
        // no settings
    }

    @Override
    public void close() {
        // nothing held
    }
}
