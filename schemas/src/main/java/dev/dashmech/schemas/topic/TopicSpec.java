package dev.dashmech.schemas.topic;

import dev.dashmech.schemas.serde.ConfluentWireFormat;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * Everything needed to create, verify and use one topic.
 *
 * @param role              what the topic is for (key format, value type, co-partitioning)
 * @param name              the topic name (catalog prefix included)
 * @param partitions        partition count, >= 1
 * @param replicationFactor replication factor, or empty for the broker's {@code default.replication.factor}
 * @param cleanupPolicy     {@code cleanup.policy}
 * @param retention         {@code retention.ms} for {@link CleanupPolicy#DELETE} topics; empty for compacted ones
 */
public record TopicSpec(TopicRole role, String name, int partitions, Optional<Short> replicationFactor,
                        CleanupPolicy cleanupPolicy, Optional<Duration> retention) {

    private static final Pattern LEGAL_NAME = Pattern.compile("[a-zA-Z0-9._-]{1,249}");

    public TopicSpec {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(replicationFactor, "replicationFactor");
        Objects.requireNonNull(cleanupPolicy, "cleanupPolicy");
        Objects.requireNonNull(retention, "retention");
        if (!LEGAL_NAME.matcher(name).matches() || name.equals(".") || name.equals("..")) {
            throw new IllegalArgumentException("'" + name + "' is not a legal Kafka topic name: use 1 to 249 of"
                    + " a-z A-Z 0-9 . _ -");
        }
        if (partitions < 1) {
            throw new IllegalArgumentException("topic " + name + " needs at least 1 partition, was " + partitions);
        }
        replicationFactor.ifPresent(rf -> {
            if (rf < 1) {
                throw new IllegalArgumentException("topic " + name + " needs a replication factor >= 1, was " + rf);
            }
        });
        if (cleanupPolicy == CleanupPolicy.COMPACT && retention.isPresent()) {
            throw new IllegalArgumentException("topic " + name + " is compacted and keeps the latest record per key;"
                    + " it takes no retention, was given " + retention.get());
        }
        if (cleanupPolicy == CleanupPolicy.DELETE) {
            Duration r = retention.orElseThrow(() -> new IllegalArgumentException(
                    "topic " + name + " deletes old records and needs a retention"));
            if (r.isNegative() || r.isZero()) {
                throw new IllegalArgumentException("topic " + name + " needs a positive retention, was " + r);
            }
        }
    }

    public KeyFormat keyFormat() {
        return role.keyFormat();
    }

    public Class<? extends SpecificRecord> valueType() {
        return role.valueType();
    }

    public boolean coPartitioned() {
        return role.coPartitioned();
    }

    /**
     * The Avro schema of the values, self-contained (shared named types inlined): what a producer in another
     * language registers or uses, e.g. {@code valueSchema().toString(true)}.
     */
    public Schema valueSchema() {
        return SpecificData.get().getSchema(role.valueType());
    }

    /** The registry subject of the values, {@code <name>-value}. */
    public String valueSubject() {
        return ConfluentWireFormat.subject(name, false);
    }

    /** The topic settings this spec fixes: {@code cleanup.policy}, and {@code retention.ms} when deleting. */
    public Map<String, String> configs() {
        Map<String, String> configs = new LinkedHashMap<>();
        configs.put("cleanup.policy", cleanupPolicy.configValue());
        retention.ifPresent(r -> configs.put("retention.ms", Long.toString(r.toMillis())));
        return Map.copyOf(configs);
    }

    /** The Admin request creating this topic. */
    public NewTopic newTopic() {
        return new NewTopic(name, Optional.of(partitions), replicationFactor).configs(configs());
    }
}
