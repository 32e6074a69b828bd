package dev.dashmech.schemas.topic;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.CreateTopicsResult;
import org.apache.kafka.clients.admin.DescribeConfigsResult;
import org.apache.kafka.clients.admin.DescribeTopicsResult;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicCollection;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.NotLeaderOrFollowerException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.internals.KafkaFutureImpl;

/**
 * The topic metadata of a cluster behind the three {@link Admin} calls that ensuring topics makes
 * (describe topics, describe configs, create topics), answering as a broker does, including
 * {@link UnknownTopicOrPartitionException} and {@link TopicExistsException}. Other Admin calls fail. Lets
 * the provisioner's handling of Admin futures be tested without a broker; the real-broker test runs in
 * platform / integration-tests.
 */
final class FakeCluster {

    private final Node node = new Node(0, "127.0.0.1", 9092);
    final Map<String, ExistingTopic> topics = new ConcurrentHashMap<>();
    /** Topics another instance creates just before ours asks (so ours gets TopicExistsException). */
    final Map<String, ExistingTopic> createdMeanwhile = new HashMap<>();
    /** Creation errors by topic name. */
    final Map<String, RuntimeException> createFailures = new HashMap<>();
    final List<String> createRequests = new ArrayList<>();
    /** How many more latest-offset lookups of a topic's partitions fail as "not the leader yet", by topic name. */
    final Map<String, Integer> notLeadingYet = new HashMap<>();
    /** The latest-offset lookups asked for, by topic name. */
    final Map<String, Integer> offsetLookups = new HashMap<>();

    Admin admin() {
        return (Admin) Proxy.newProxyInstance(Admin.class.getClassLoader(), new Class<?>[] {Admin.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "describeTopics" -> describeTopics(args[0]);
                    case "describeConfigs" -> describeConfigs(cast(args[0]));
                    case "createTopics" -> createTopics(cast(args[0]));
                    case "listOffsets" -> listOffsets(castMap(args[0]));
                    case "close" -> null;
                    default -> throw new UnsupportedOperationException("FakeCluster does not serve " + method);
                });
    }

    @SuppressWarnings("unchecked")
    private static <T> Collection<T> cast(Object o) {
        return (Collection<T>) o;
    }

    @SuppressWarnings("unchecked")
    private static Map<TopicPartition, OffsetSpec> castMap(Object o) {
        return (Map<TopicPartition, OffsetSpec>) o;
    }

    private ListOffsetsResult listOffsets(Map<TopicPartition, OffsetSpec> partitions) {
        Map<TopicPartition, KafkaFuture<ListOffsetsResult.ListOffsetsResultInfo>> futures = new LinkedHashMap<>();
        Map<String, Boolean> failing = new HashMap<>();
        for (TopicPartition tp : partitions.keySet()) {
            offsetLookups.merge(tp.topic(), 1, Integer::sum);
            boolean fail = failing.computeIfAbsent(tp.topic(), t -> notLeadingYet.getOrDefault(t, 0) > 0);
            if (!topics.containsKey(tp.topic())) {
                futures.put(tp, failed(new UnknownTopicOrPartitionException(tp.toString())));
            } else if (fail) {
                futures.put(tp, failed(new NotLeaderOrFollowerException("not the leader of " + tp + " yet")));
            } else {
                futures.put(tp, KafkaFuture.completedFuture(
                        new ListOffsetsResult.ListOffsetsResultInfo(0, 0, Optional.empty())));
            }
        }
        failing.forEach((topic, failed) -> {
            if (failed) {
                notLeadingYet.merge(topic, -1, Integer::sum);
            }
        });
        return new ListOffsetsResult(futures);
    }

    private DescribeTopicsResult describeTopics(Object names) {
        Collection<String> wanted = names instanceof TopicCollection.TopicNameCollection c
                ? c.topicNames() : cast(names);
        Map<String, KafkaFuture<TopicDescription>> futures = new LinkedHashMap<>();
        for (String name : wanted) {
            ExistingTopic topic = topics.get(name);
            if (topic == null) {
                futures.put(name, failed(new UnknownTopicOrPartitionException("This server does not host this"
                        + " topic-partition.")));
            } else {
                List<TopicPartitionInfo> partitions = new ArrayList<>();
                List<Node> replicas = new ArrayList<>();
                for (int r = 0; r < topic.replicationFactor(); r++) {
                    replicas.add(node);
                }
                for (int p = 0; p < topic.partitions(); p++) {
                    partitions.add(new TopicPartitionInfo(p, node, replicas, replicas));
                }
                futures.put(name, KafkaFuture.completedFuture(new TopicDescription(name, false, partitions)));
            }
        }
        return new DescribeTopicsResult(null, futures) {
        };
    }

    private DescribeConfigsResult describeConfigs(Collection<ConfigResource> resources) {
        Map<ConfigResource, KafkaFuture<Config>> futures = new LinkedHashMap<>();
        for (ConfigResource resource : resources) {
            ExistingTopic topic = topics.get(resource.name());
            if (topic == null) {
                futures.put(resource, failed(new UnknownTopicOrPartitionException(resource.name())));
            } else {
                List<ConfigEntry> entries = new ArrayList<>();
                topic.configs().forEach((k, v) -> entries.add(new ConfigEntry(k, v)));
                entries.add(new ConfigEntry("segment.bytes", "1073741824"));
                futures.put(resource, KafkaFuture.completedFuture(new Config(entries)));
            }
        }
        return new DescribeConfigsResult(futures) {
        };
    }

    private CreateTopicsResult createTopics(Collection<NewTopic> newTopics) {
        Map<String, KafkaFuture<CreateTopicsResult.TopicMetadataAndConfig>> futures = new LinkedHashMap<>();
        for (NewTopic t : newTopics) {
            createRequests.add(t.name());
            ExistingTopic racer = createdMeanwhile.remove(t.name());
            if (racer != null) {
                topics.put(t.name(), racer);
            }
            RuntimeException failure = createFailures.get(t.name());
            if (failure != null) {
                futures.put(t.name(), failed(failure));
            } else if (topics.containsKey(t.name())) {
                futures.put(t.name(), failed(new TopicExistsException("Topic '" + t.name() + "' already exists.")));
            } else {
                int replicas = t.replicationFactor() < 0 ? 1 : t.replicationFactor();
                topics.put(t.name(), new ExistingTopic(t.name(), t.numPartitions(), replicas, t.configs()));
                futures.put(t.name(), KafkaFuture.completedFuture(null));
            }
        }
        return new CreateTopicsResult(futures) {
        };
    }

    private static <T> KafkaFuture<T> failed(Throwable cause) {
        KafkaFutureImpl<T> future = new KafkaFutureImpl<>();
        future.completeExceptionally(cause);
        return future;
    }
}
