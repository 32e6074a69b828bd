package dev.dashmech.schemas.topic;

import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The topics of one dashmech deployment, in one place (see {@link TopicRole} for what each is for):
 *
 * <table>
 *   <caption>default catalog</caption>
 *   <tr><th>name</th><th>key</th><th>value</th><th>partitions</th><th>cleanup</th></tr>
 *   <tr><td>markets</td><td>market</td><td>MarketConfig</td><td>loop</td><td>compact</td></tr>
 *   <tr><td>auctions</td><td>market</td><td>AuctionOpened</td><td>loop</td><td>delete, 7 d</td></tr>
 *   <tr><td>bids</td><td>market</td><td>Bid</td><td>loop</td><td>delete, 7 d</td></tr>
 *   <tr><td>rejected-bids</td><td>market or null</td><td>RejectedBid</td><td>own (default: loop)</td>
 *       <td>delete, 7 d</td></tr>
 *   <tr><td>stage-outcomes</td><td>market</td><td>StageOutcome</td><td>loop</td><td>delete, 7 d</td></tr>
 *   <tr><td>balances</td><td>market/agent</td><td>AgentBalance</td><td>loop</td><td>compact</td></tr>
 *   <tr><td>dashboards.internal</td><td>market</td><td>Dashboard</td><td>loop</td><td>delete, 7 d</td></tr>
 *   <tr><td>dashboards</td><td>market/agent/FORMAT</td><td>Dashboard</td><td>own (default: loop)</td>
 *       <td>compact</td></tr>
 * </table>
 *
 * <p>The loop topics share one partition count ({@link Builder#loopPartitions}); the two outward topics may
 * have their own. A prefix (e.g. {@code test-42.}) may be put before every name to run several deployments
 * on one cluster. Immutable.
 */
public final class TopicCatalog {

    /** Partition count of the loop topics unless configured. */
    public static final int DEFAULT_LOOP_PARTITIONS = 4;
    /** Retention of the topics that delete old records unless configured. */
    public static final Duration DEFAULT_RETENTION = Duration.ofDays(7);

    private static final Pattern LEGAL_PREFIX = Pattern.compile("[a-zA-Z0-9._-]*");

    private final String prefix;
    private final int loopPartitions;
    private final Map<TopicRole, TopicSpec> specs;

    private TopicCatalog(Builder b) {
        this.prefix = b.prefix;
        this.loopPartitions = b.loopPartitions;
        Map<TopicRole, TopicSpec> built = new EnumMap<>(TopicRole.class);
        for (TopicRole role : TopicRole.values()) {
            int partitions = role.coPartitioned()
                    ? b.loopPartitions : b.partitions.getOrDefault(role, b.loopPartitions);
            Optional<Duration> retention = role.cleanupPolicy() == CleanupPolicy.DELETE
                    ? Optional.of(b.retention.getOrDefault(role, DEFAULT_RETENTION)) : Optional.empty();
            built.put(role, new TopicSpec(role, b.prefix + role.baseName(), partitions, b.replicationFactor,
                    role.cleanupPolicy(), retention));
        }
        this.specs = Collections.unmodifiableMap(built);
    }

    /** The default catalog: no prefix, {@value #DEFAULT_LOOP_PARTITIONS} loop partitions, 7-day retention. */
    public static TopicCatalog defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The spec of the topic playing {@code role}. */
    public TopicSpec spec(TopicRole role) {
        return specs.get(Objects.requireNonNull(role, "role"));
    }

    /** Every topic, in {@link TopicRole} order. */
    public List<TopicSpec> all() {
        return List.copyOf(specs.values());
    }

    /** The loop topics that must share one partition count. */
    public List<TopicSpec> coPartitioned() {
        return specs.values().stream().filter(TopicSpec::coPartitioned).collect(Collectors.toUnmodifiableList());
    }

    /** The spec named {@code name}, if it is one of the catalog's. */
    public Optional<TopicSpec> byName(String name) {
        return specs.values().stream().filter(s -> s.name().equals(name)).findFirst();
    }

    public String prefix() {
        return prefix;
    }

    /** The configured partition count of the loop topics. */
    public int loopPartitions() {
        return loopPartitions;
    }

    public TopicSpec markets() {
        return spec(TopicRole.MARKETS);
    }

    public TopicSpec auctions() {
        return spec(TopicRole.AUCTIONS);
    }

    public TopicSpec bids() {
        return spec(TopicRole.BIDS);
    }

    public TopicSpec rejectedBids() {
        return spec(TopicRole.REJECTED_BIDS);
    }

    public TopicSpec stageOutcomes() {
        return spec(TopicRole.STAGE_OUTCOMES);
    }

    public TopicSpec balances() {
        return spec(TopicRole.BALANCES);
    }

    public TopicSpec dashboardsInternal() {
        return spec(TopicRole.DASHBOARDS_INTERNAL);
    }

    public TopicSpec dashboards() {
        return spec(TopicRole.DASHBOARDS);
    }

    @Override
    public String toString() {
        return specs.values().stream()
                .map(s -> s.name() + "(" + s.partitions() + "p, " + s.cleanupPolicy().configValue() + ")")
                .collect(Collectors.joining(", ", "TopicCatalog[", "]"));
    }

    /** Settings of a catalog; each setter checks its argument. */
    public static final class Builder {
        private String prefix = "";
        private int loopPartitions = DEFAULT_LOOP_PARTITIONS;
        private Optional<Short> replicationFactor = Optional.empty();
        private final Map<TopicRole, Integer> partitions = new EnumMap<>(TopicRole.class);
        private final Map<TopicRole, Duration> retention = new EnumMap<>(TopicRole.class);

        private Builder() {
        }

        /** Put before every topic name (legal topic characters only), e.g. {@code "it-7."}. */
        public Builder prefix(String prefix) {
            Objects.requireNonNull(prefix, "prefix");
            if (!LEGAL_PREFIX.matcher(prefix).matches()) {
                throw new IllegalArgumentException("topic prefix '" + prefix + "' may only use a-z A-Z 0-9 . _ -");
            }
            this.prefix = prefix;
            return this;
        }

        /** The partition count shared by the co-partitioned loop topics, >= 1. */
        public Builder loopPartitions(int count) {
            if (count < 1) {
                throw new IllegalArgumentException("loop topics need at least 1 partition, was " + count);
            }
            this.loopPartitions = count;
            return this;
        }

        /** The partition count of a topic outside the loop ({@code rejected-bids}, {@code dashboards}). */
        public Builder partitions(TopicRole role, int count) {
            if (role.coPartitioned()) {
                throw new IllegalArgumentException(role.baseName() + " is co-partitioned with "
                        + Arrays.stream(TopicRole.values()).filter(TopicRole::coPartitioned)
                        .filter(r -> r != role).map(TopicRole::baseName).collect(Collectors.joining(", "))
                        + "; set their shared count with loopPartitions(" + count + ")");
            }
            if (count < 1) {
                throw new IllegalArgumentException(role.baseName() + " needs at least 1 partition, was " + count);
            }
            partitions.put(role, count);
            return this;
        }

        /** The retention of a topic that deletes old records; compacted topics take none. */
        public Builder retention(TopicRole role, Duration duration) {
            Objects.requireNonNull(duration, "duration");
            if (role.cleanupPolicy() != CleanupPolicy.DELETE) {
                throw new IllegalArgumentException(role.baseName() + " is compacted (the latest record per key is"
                        + " state) and takes no retention");
            }
            if (duration.isNegative() || duration.isZero()) {
                throw new IllegalArgumentException("retention of " + role.baseName() + " must be positive, was "
                        + duration);
            }
            retention.put(role, duration);
            return this;
        }

        /** The replication factor of every topic; unset uses the broker's {@code default.replication.factor}. */
        public Builder replicationFactor(int factor) {
            if (factor < 1 || factor > Short.MAX_VALUE) {
                throw new IllegalArgumentException("replication factor must be between 1 and " + Short.MAX_VALUE
                        + ", was " + factor);
            }
            this.replicationFactor = Optional.of((short) factor);
            return this;
        }

        public TopicCatalog build() {
            return new TopicCatalog(this);
        }
    }
}
