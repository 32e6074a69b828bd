package dev.dashmech.schemas.topic;

import java.util.Map;
import java.util.Objects;

/**
 * What the cluster says about a topic that exists: the input of {@link TopicPlanner}.
 *
 * @param name              topic name
 * @param partitions        partition count
 * @param replicationFactor replicas of its first partition
 * @param configs           its effective settings (at least {@code cleanup.policy} and {@code retention.ms}
 *                          when known; a missing {@code cleanup.policy} is taken as Kafka's default, delete)
 */
public record ExistingTopic(String name, int partitions, int replicationFactor, Map<String, String> configs) {

    public ExistingTopic {
        Objects.requireNonNull(name, "name");
        configs = Map.copyOf(configs);
    }
}
