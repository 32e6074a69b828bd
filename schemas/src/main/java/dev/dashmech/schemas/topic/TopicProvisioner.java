package dev.dashmech.schemas.topic;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.CreateTopicsOptions;
import org.apache.kafka.clients.admin.DescribeConfigsOptions;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * The idempotent "ensure topics" step: describes the catalog's topics with the Kafka {@link Admin} client,
 * plans ({@link TopicPlanner}), refuses a bad layout with a {@link TopicLayoutException}, and creates what is
 * missing. Safe to run at every start of every instance: when another instance creates a topic at the same
 * moment, the step describes again and verifies what was created.
 *
 * <pre>{@code
 * try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
 *     TopicProvisioner.Result r =
 *             TopicProvisioner.ensureTopics(admin, TopicCatalog.defaults(), Duration.ofSeconds(30));
 *     r.warnings().forEach(log::warn);
 * }
 * }</pre>
 */
public final class TopicProvisioner {

    /** First pause after a creation race; doubles each round up to {@link #MAX_BACKOFF_MS}. */
    private static final long FIRST_BACKOFF_MS = 50;
    private static final long MAX_BACKOFF_MS = 1_000;

    private TopicProvisioner() {
    }

    /**
     * What {@link #ensureTopics} did.
     *
     * @param created  topics this call created
     * @param verified topics that existed and fit the catalog
     * @param warnings differences that do not stop the services (see {@link TopicPlanner})
     */
    public record Result(List<String> created, List<String> verified, List<String> warnings) {
        public Result {
            created = List.copyOf(created);
            verified = List.copyOf(verified);
            warnings = List.copyOf(warnings);
        }
    }

    /**
     * Ensures every topic of {@code catalog} exists and fits it.
     *
     * @param timeout the whole step's time limit
     * @throws TopicLayoutException naming topics and counts when existing topics break co-partitioning or
     *     have the wrong cleanup policy
     * @throws TopicProvisioningException when the cluster cannot be asked, refuses a creation, or time runs out
     */
    public static Result ensureTopics(Admin admin, TopicCatalog catalog, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<String> created = new ArrayList<>();
        for (int round = 1; ; round++) {
            Map<String, ExistingTopic> existing = describe(admin, catalog, deadline);
            TopicPlan plan = TopicPlanner.plan(catalog, existing).throwIfInvalid();
            if (plan.toCreate().isEmpty()) {
                List<String> verified = plan.existing().stream().map(TopicSpec::name)
                        .filter(n -> !created.contains(n)).collect(Collectors.toList());
                return new Result(created, verified, plan.warnings());
            }
            if (System.nanoTime() >= deadline) {
                throw new TopicProvisioningException("topics " + names(plan.toCreate()) + " still missing after "
                        + (round - 1) + " attempts to create them within " + timeout, null);
            }
            boolean raced = create(admin, plan.toCreate(), deadline, created);
            if (!raced) {
                // created exactly as planned, and the plan was checked: nothing left to verify, but a client
                // that uses the topics at once must find them, so wait until the cluster serves them
                awaitServed(admin, created, deadline);
                List<String> verified = plan.existing().stream().map(TopicSpec::name).collect(Collectors.toList());
                return new Result(created, verified, plan.warnings());
            }
            // another instance created some of them; a KRaft broker lists a new topic only 100-250 ms after
            // creating it, so describe again after a pause instead of failing on the race
            pause(Math.min(MAX_BACKOFF_MS, FIRST_BACKOFF_MS << Math.min(round - 1, 5)), deadline);
        }
    }

    /** Creates {@code specs}; returns true when some already existed (another instance was quicker). */
    private static boolean create(Admin admin, List<TopicSpec> specs, long deadline, List<String> created) {
        CreateTopicsOptions options = new CreateTopicsOptions().timeoutMs(remainingMs(deadline, specs));
        Map<String, KafkaFuture<Void>> futures = admin.createTopics(
                specs.stream().map(TopicSpec::newTopic).collect(Collectors.toList()), options).values();
        boolean raced = false;
        for (TopicSpec spec : specs) {
            try {
                await(futures.get(spec.name()), deadline, "create topic " + spec.name());
                created.add(spec.name());
            } catch (ExecutionException e) {
                if (e.getCause() instanceof TopicExistsException) {
                    raced = true;
                } else {
                    throw new TopicProvisioningException("could not create topic " + spec.name() + " ("
                            + spec.partitions() + " partitions, replication factor "
                            + spec.replicationFactor().map(String::valueOf).orElse("broker default") + ", "
                            + spec.configs() + "): " + e.getCause(), e.getCause());
                }
            }
        }
        return raced;
    }

    /**
     * Waits (at most {@code timeout}) until the cluster serves every partition of {@code topics}: each has a leader in
     * the metadata (a KRaft broker acknowledges a creation before its metadata lists the topic, and a call in that
     * gap fails with "unknown topic"), and that leader answers for it. The second step matters too: the broker's
     * metadata can name it leader of a new partition a moment before its replica manager leads the partition, and a
     * produce request in that gap fails with NOT_LEADER_OR_FOLLOWER; an idempotent producer with several requests in
     * flight can then wedge itself retrying with an out-of-order sequence number (seen once in an integration test).
     * A latest-offset lookup goes to the leader's replica manager, so once it answers for every partition, so will
     * produce requests.
     *
     * @throws TopicProvisioningException when the time runs out, naming the topics not served, or when a lookup fails
     *     for another reason than "not yet"
     */
    public static void awaitServed(Admin admin, Collection<String> topics, Duration timeout) {
        awaitServed(admin, List.copyOf(topics), System.nanoTime() + timeout.toNanos());
    }

    private static void awaitServed(Admin admin, List<String> names, long deadline) {
        for (int round = 1; ; round++) {
            List<String> missing = new ArrayList<>();
            List<TopicPartition> led = new ArrayList<>();
            Map<String, KafkaFuture<TopicDescription>> descriptions = admin.describeTopics(names,
                    new DescribeTopicsOptions().timeoutMs(remainingMs(deadline, names))).topicNameValues();
            for (String name : names) {
                try {
                    TopicDescription d = await(descriptions.get(name), deadline, "describe topic " + name);
                    if (d.partitions().isEmpty() || d.partitions().stream().anyMatch(p -> p.leader() == null)) {
                        missing.add(name);
                    } else {
                        d.partitions().forEach(p -> led.add(new TopicPartition(name, p.partition())));
                    }
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                        throw new TopicProvisioningException("could not describe topic " + name + ": "
                                + e.getCause(), e.getCause());
                    }
                    missing.add(name);
                }
            }
            if (missing.isEmpty()) {
                missing.addAll(notAnsweredByTheirLeaders(admin, led, deadline));
            }
            if (missing.isEmpty()) {
                return;
            }
            pause(Math.min(MAX_BACKOFF_MS, FIRST_BACKOFF_MS << Math.min(round - 1, 5)), deadline);
            if (TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()) <= 0) { // as remainingMs counts
                throw new TopicProvisioningException("topics " + missing + " were created but the cluster did not"
                        + " serve them (a leader answering for every partition) within the time limit", null);
            }
        }
    }

    /** The topics of {@code partitions} (all with a leader in the metadata) whose leader does not answer yet. */
    private static Set<String> notAnsweredByTheirLeaders(Admin admin, List<TopicPartition> partitions,
                                                         long deadline) {
        Map<TopicPartition, OffsetSpec> latest = new LinkedHashMap<>();
        partitions.forEach(tp -> latest.put(tp, OffsetSpec.latest()));
        ListOffsetsResult offsets = admin.listOffsets(latest,
                new ListOffsetsOptions().timeoutMs(remainingMs(deadline, partitions)));
        Set<String> unanswered = new LinkedHashSet<>();
        for (TopicPartition tp : partitions) {
            try {
                await(offsets.partitionResult(tp), deadline, "look up the latest offset of " + tp);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof RetriableException)) {
                    throw new TopicProvisioningException("could not look up the latest offset of " + tp + ": "
                            + e.getCause(), e.getCause());
                }
                unanswered.add(tp.topic());
            }
        }
        return unanswered;
    }

    private static void pause(long millis, long deadline) {
        long remaining = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        try {
            Thread.sleep(Math.max(0, Math.min(millis, remaining)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TopicProvisioningException("interrupted while waiting for topics to appear", e);
        }
    }

    private static Map<String, ExistingTopic> describe(Admin admin, TopicCatalog catalog, long deadline) {
        List<String> names = catalog.all().stream().map(TopicSpec::name).collect(Collectors.toList());
        Map<String, KafkaFuture<TopicDescription>> descriptions = admin.describeTopics(names,
                new DescribeTopicsOptions().timeoutMs(remainingMs(deadline, names))).topicNameValues();
        Map<String, TopicDescription> found = new LinkedHashMap<>();
        for (String name : names) {
            try {
                found.put(name, await(descriptions.get(name), deadline, "describe topic " + name));
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                    throw new TopicProvisioningException("could not describe topic " + name + ": " + e.getCause(),
                            e.getCause());
                }
            }
        }
        Map<String, ExistingTopic> existing = new HashMap<>();
        if (found.isEmpty()) {
            return existing;
        }
        List<ConfigResource> resources = found.keySet().stream()
                .map(n -> new ConfigResource(ConfigResource.Type.TOPIC, n)).collect(Collectors.toList());
        Map<ConfigResource, KafkaFuture<Config>> configs = admin.describeConfigs(resources,
                new DescribeConfigsOptions().timeoutMs(remainingMs(deadline, names))).values();
        for (ConfigResource resource : resources) {
            String name = resource.name();
            Config config;
            try {
                config = await(configs.get(resource), deadline, "describe the settings of topic " + name);
            } catch (ExecutionException e) {
                throw new TopicProvisioningException("could not describe the settings of topic " + name + ": "
                        + e.getCause(), e.getCause());
            }
            Map<String, String> settings = new HashMap<>();
            for (String key : List.of("cleanup.policy", "retention.ms")) {
                ConfigEntry entry = config.get(key);
                if (entry != null && entry.value() != null) {
                    settings.put(key, entry.value());
                }
            }
            TopicDescription d = found.get(name);
            int replication = d.partitions().isEmpty() ? 0 : d.partitions().get(0).replicas().size();
            existing.put(name, new ExistingTopic(name, d.partitions().size(), replication, settings));
        }
        return existing;
    }

    private static <T> T await(KafkaFuture<T> future, long deadline, String what) throws ExecutionException {
        if (future == null) {
            throw new TopicProvisioningException("the Admin client returned no answer to " + what, null);
        }
        try {
            return future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TopicProvisioningException("interrupted while waiting to " + what, e);
        } catch (TimeoutException e) {
            throw new TopicProvisioningException("timed out waiting to " + what + "; is the cluster reachable?", e);
        }
    }

    private static int remainingMs(long deadline, List<?> what) {
        long ms = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        if (ms <= 0) {
            throw new TopicProvisioningException("ran out of time ensuring topics " + what, null);
        }
        return (int) Math.min(Integer.MAX_VALUE, ms);
    }

    private static String names(List<TopicSpec> specs) {
        return specs.stream().map(TopicSpec::name).collect(Collectors.joining(", "));
    }
}
