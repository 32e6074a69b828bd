package dev.dashmech.schemas.topic;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Compares a {@link TopicCatalog} with the topics that exist and says what to do ({@link TopicPlan}). Pure:
 * the Admin calls live in {@link TopicProvisioner}.
 *
 * <p>Rules. A missing topic is created as specified. An existing topic is kept as it is, and checked:
 * <ul>
 *   <li>error: the co-partitioned loop topics, existing and to be created, do not all have one partition
 *       count (a market's stages, bids, dashboards and balances would land in different tasks);</li>
 *   <li>error: a topic that must be compacted is not, or one that must delete old records is compacted (a
 *       compacted {@code bids} keyed by market would keep one bid per market);</li>
 *   <li>warning: the loop topics agree on a count other than the configured one, an outward topic's
 *       partition count, a retention or a replication factor differs from the catalog.</li>
 * </ul>
 */
public final class TopicPlanner {

    private TopicPlanner() {
    }

    /** Plans the catalog against {@code existing}, keyed by topic name (topics not in the catalog are ignored). */
    public static TopicPlan plan(TopicCatalog catalog, Map<String, ExistingTopic> existing) {
        List<TopicSpec> toCreate = new ArrayList<>();
        List<TopicSpec> present = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        List<String> errors = new ArrayList<>();

        for (TopicSpec spec : catalog.all()) {
            ExistingTopic topic = existing.get(spec.name());
            if (topic == null) {
                toCreate.add(spec);
            } else {
                present.add(spec);
                checkExisting(spec, topic, warnings, errors);
            }
        }
        checkCoPartitioning(catalog, existing, warnings, errors);
        return new TopicPlan(toCreate, present, warnings, errors);
    }

    private static void checkExisting(TopicSpec spec, ExistingTopic topic, List<String> warnings, List<String> errors) {
        String policy = topic.configs().getOrDefault("cleanup.policy", "delete");
        Set<String> policies = Arrays.stream(policy.split(","))
                .map(p -> p.trim().toLowerCase(Locale.ROOT)).filter(p -> !p.isEmpty())
                .collect(Collectors.toCollection(TreeSet::new));
        if (spec.cleanupPolicy() == CleanupPolicy.COMPACT) {
            if (!policies.contains("compact")) {
                errors.add("topic '" + spec.name() + "' has cleanup.policy=" + policy + " but must be compacted: the"
                        + " latest " + spec.valueType().getSimpleName() + " per key is state that must never expire."
                        + " Fix: kafka-configs --alter --entity-type topics --entity-name " + spec.name()
                        + " --add-config cleanup.policy=compact");
            } else if (policies.contains("delete")) {
                warnings.add("topic '" + spec.name() + "' has cleanup.policy=" + policy + ": old keys are deleted"
                        + " after retention.ms, so long-idle state can disappear; the catalog uses compact only");
            }
        } else {
            if (policies.contains("compact")) {
                errors.add("topic '" + spec.name() + "' has cleanup.policy=" + policy + " but must delete old"
                        + " records: it is an event stream keyed by " + spec.keyFormat().pattern() + ", and"
                        + " compaction would keep only the latest record per key. Fix: kafka-configs --alter"
                        + " --entity-type topics --entity-name " + spec.name() + " --add-config cleanup.policy=delete");
            }
            spec.retention().ifPresent(r -> {
                String actual = topic.configs().get("retention.ms");
                if (actual != null && !actual.equals(Long.toString(r.toMillis()))) {
                    warnings.add("topic '" + spec.name() + "' has retention.ms=" + actual + " ("
                            + describe(actual) + "), the catalog says " + r.toMillis() + " (" + r + "); keeping it");
                }
            });
        }
        if (!spec.coPartitioned() && topic.partitions() != spec.partitions()) {
            warnings.add("topic '" + spec.name() + "' has " + topic.partitions() + " partitions, the catalog says "
                    + spec.partitions() + "; keeping " + topic.partitions());
        }
        spec.replicationFactor().ifPresent(rf -> {
            if (topic.replicationFactor() < rf) {
                warnings.add("topic '" + spec.name() + "' has replication factor " + topic.replicationFactor()
                        + ", below the catalog's " + rf);
            }
        });
    }

    private static String describe(String retentionMs) {
        try {
            long ms = Long.parseLong(retentionMs);
            return ms < 0 ? "forever" : Duration.ofMillis(ms).toString();
        } catch (NumberFormatException e) {
            return "unreadable";
        }
    }

    private static void checkCoPartitioning(TopicCatalog catalog, Map<String, ExistingTopic> existing,
                                            List<String> warnings, List<String> errors) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        Map<String, Integer> existingCounts = new LinkedHashMap<>();
        for (TopicSpec spec : catalog.coPartitioned()) {
            ExistingTopic topic = existing.get(spec.name());
            if (topic == null) {
                counts.put(spec.name() + " (to create)", spec.partitions());
            } else {
                counts.put(spec.name(), topic.partitions());
                existingCounts.put(spec.name(), topic.partitions());
            }
        }
        Set<Integer> distinct = new TreeSet<>(counts.values());
        if (distinct.size() > 1) {
            String listing = counts.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining(", "));
            Set<Integer> existingDistinct = new TreeSet<>(existingCounts.values());
            String fix = existingDistinct.size() == 1
                    ? "the existing loop topics all have " + existingDistinct.iterator().next() + " partitions: set"
                    + " the loop partition count to " + existingDistinct.iterator().next()
                    : "make them equal, e.g. kafka-topics --alter --topic NAME --partitions "
                    + Math.max(catalog.loopPartitions(), ((TreeSet<Integer>) distinct).last())
                    + " on the smaller ones (this moves markets between partitions: do it before the topics hold"
                    + " data you need, or recreate them)";
            errors.add("co-partitioned topics must all have the same number of partitions, so that one market's"
                    + " records meet in one task, but they have: " + listing + ". Fix: " + fix);
        } else if (!existingCounts.isEmpty() && distinct.iterator().next() != catalog.loopPartitions()) {
            warnings.add("the loop topics have " + distinct.iterator().next() + " partitions, the catalog says "
                    + catalog.loopPartitions() + "; keeping " + distinct.iterator().next());
        }
    }
}
