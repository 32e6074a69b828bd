package dev.dashmech.platform.config.internal;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;

/**
 * Which keys Kafka clients and Kafka Streams know, so that a mistyped passthrough setting is an error instead of a
 * setting Kafka silently ignores. The names come from Kafka's own configuration definitions.
 */
public final class PassthroughKeys {

    private static final Set<String> PRODUCER = ProducerConfig.configNames();
    private static final Set<String> CONSUMER = ConsumerConfig.configNames();
    private static final Set<String> ADMIN = AdminClientConfig.configNames();
    private static final Set<String> CLIENT = union(PRODUCER, CONSUMER, ADMIN);
    private static final Set<String> STREAMS = union(StreamsConfig.configDef().names(), CLIENT);
    // Streams passes a prefixed key to one kind of its clients (StreamsConfig.*_PREFIX)
    private static final Map<String, Set<String>> STREAMS_CLIENT_PREFIXES = Map.of(
            StreamsConfig.PRODUCER_PREFIX, PRODUCER,
            StreamsConfig.CONSUMER_PREFIX, CONSUMER,
            StreamsConfig.MAIN_CONSUMER_PREFIX, CONSUMER,
            StreamsConfig.RESTORE_CONSUMER_PREFIX, CONSUMER,
            StreamsConfig.GLOBAL_CONSUMER_PREFIX, CONSUMER,
            StreamsConfig.ADMIN_CLIENT_PREFIX, ADMIN);
    /** Settings that dashmech sets itself, from its own keys. */
    private static final Map<String, String> OWNED = Map.of("bootstrap.servers", "bootstrap.servers");

    private PassthroughKeys() {
    }

    /** Why {@code key} (without the {@code kafka.} prefix) is not a Kafka client setting, or empty when it is one. */
    public static Optional<String> checkClientKey(String key) {
        if (OWNED.containsKey(key)) {
            return Optional.of("set '" + OWNED.get(key) + "' instead");
        }
        return CLIENT.contains(key) ? Optional.empty()
                : Optional.of("'" + key + "' is not a Kafka producer, consumer or admin client setting");
    }

    /** Why {@code key} (without the {@code streams.} prefix) is no Kafka Streams setting; empty if it is one. */
    public static Optional<String> checkStreamsKey(String key) {
        if (OWNED.containsKey(key)) {
            return Optional.of("set '" + OWNED.get(key) + "' instead");
        }
        if (STREAMS.contains(key)) {
            return Optional.empty();
        }
        if (key.startsWith(StreamsConfig.TOPIC_PREFIX) && key.length() > StreamsConfig.TOPIC_PREFIX.length()) {
            return Optional.empty(); // internal-topic settings; the broker checks them when Streams creates the topics
        }
        for (Map.Entry<String, Set<String>> prefix : STREAMS_CLIENT_PREFIXES.entrySet()) {
            if (key.startsWith(prefix.getKey())) {
                String clientKey = key.substring(prefix.getKey().length());
                if (prefix.getValue().contains(clientKey)) {
                    return Optional.empty();
                }
                if (!clientKey.isEmpty() && !STREAMS.contains(key)) {
                    return Optional.of("'" + clientKey + "' is not a setting of the client '" + prefix.getKey()
                            + "' addresses");
                }
            }
        }
        return Optional.of("'" + key + "' is not a Kafka Streams or Kafka client setting");
    }

    @SafeVarargs
    private static Set<String> union(Set<String>... sets) {
        Set<String> all = new TreeSet<>();
        for (Set<String> set : sets) {
            all.addAll(set);
        }
        return Set.copyOf(all);
    }
}
