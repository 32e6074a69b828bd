package dev.dashmech.schemas.topic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TopicPlannerTest {

    private final TopicCatalog catalog = TopicCatalog.builder().loopPartitions(4).build();

    /** The cluster state where every topic exists exactly as the catalog says. */
    private Map<String, ExistingTopic> asSpecified() {
        Map<String, ExistingTopic> existing = new HashMap<>();
        for (TopicSpec spec : catalog.all()) {
            existing.put(spec.name(), new ExistingTopic(spec.name(), spec.partitions(), 1, spec.configs()));
        }
        return existing;
    }

    private static ExistingTopic topic(String name, int partitions, String policy) {
        return new ExistingTopic(name, partitions, 1, Map.of("cleanup.policy", policy,
                "retention.ms", Long.toString(TopicCatalog.DEFAULT_RETENTION.toMillis())));
    }

    @Test
    void shouldCreateEverythingOnAnEmptyCluster() {
        TopicPlan plan = TopicPlanner.plan(catalog, Map.of());

        assertThat(plan.toCreate()).isEqualTo(catalog.all());
        assertThat(plan.existing()).isEmpty();
        assertThat(plan.errors()).isEmpty();
        assertThat(plan.warnings()).isEmpty();
    }

    @Test
    void shouldDoNothingWhenEverythingExistsAsSpecified() {
        TopicPlan plan = TopicPlanner.plan(catalog, asSpecified());

        assertThat(plan.toCreate()).isEmpty();
        assertThat(plan.existing()).hasSize(8);
        assertThat(plan.isValid()).isTrue();
        assertThat(plan.warnings()).isEmpty();
    }

    @Test
    void shouldRefuseCoPartitionedTopicsWithUnequalCountsNamingEachTopicAndCount() {
        // given bids was created with 8 partitions by hand
        Map<String, ExistingTopic> existing = asSpecified();
        existing.put("bids", topic("bids", 8, "delete"));

        TopicPlan plan = TopicPlanner.plan(catalog, existing);

        assertThat(plan.isValid()).isFalse();
        assertThat(plan.errors()).singleElement().asString()
                .contains("bids=8", "markets=4", "auctions=4", "stage-outcomes=4", "balances=4",
                        "dashboards.internal=4", "kafka-topics --alter");
        assertThatThrownBy(plan::throwIfInvalid)
                .isInstanceOfSatisfying(TopicLayoutException.class,
                        e -> assertThat(e.problems()).isEqualTo(plan.errors()))
                .hasMessageContaining("bids=8");
    }

    @Test
    void shouldRefuseCreatingLoopTopicsWithACountTheExistingOnesDoNotHave() {
        // given the loop topics exist with 12 partitions, except auctions, and the catalog says 4
        Map<String, ExistingTopic> existing = new HashMap<>();
        for (TopicSpec spec : catalog.all()) {
            if (!spec.name().equals("auctions")) {
                existing.put(spec.name(), new ExistingTopic(spec.name(), 12, 1, spec.configs()));
            }
        }

        TopicPlan plan = TopicPlanner.plan(catalog, existing);

        assertThat(plan.errors()).singleElement().asString()
                .contains("auctions (to create)=4", "bids=12")
                .contains("set the loop partition count to 12");
    }

    @Test
    void shouldKeepLoopTopicsThatAgreeOnAnotherCountWithAWarning() {
        Map<String, ExistingTopic> existing = new HashMap<>();
        for (TopicSpec spec : catalog.all()) {
            existing.put(spec.name(), new ExistingTopic(spec.name(), 12, 1, spec.configs()));
        }

        TopicPlan plan = TopicPlanner.plan(catalog, existing);

        assertThat(plan.isValid()).isTrue();
        assertThat(plan.warnings()).anySatisfy(w -> assertThat(w).contains("loop topics have 12", "says 4"));
        assertThat(plan.warnings()).anySatisfy(w -> assertThat(w).contains("'dashboards' has 12 partitions"));
    }

    @Test
    void shouldRefuseAStateTopicThatIsNotCompacted() {
        Map<String, ExistingTopic> existing = asSpecified();
        existing.put("balances", topic("balances", 4, "delete"));

        assertThat(TopicPlanner.plan(catalog, existing).errors()).singleElement().asString()
                .contains("'balances'", "cleanup.policy=delete", "must be compacted", "cleanup.policy=compact");
    }

    @Test
    void shouldRefuseAnEventTopicThatIsCompacted() {
        Map<String, ExistingTopic> existing = asSpecified();
        existing.put("bids", topic("bids", 4, "compact"));

        assertThat(TopicPlanner.plan(catalog, existing).errors()).singleElement().asString()
                .contains("'bids'", "must delete old records");
    }

    @Test
    void shouldWarnAboutCompactDeleteRetentionAndReplicationDifferences() {
        TopicCatalog replicated = TopicCatalog.builder().replicationFactor(3).build();
        Map<String, ExistingTopic> existing = new HashMap<>();
        for (TopicSpec spec : replicated.all()) {
            existing.put(spec.name(), new ExistingTopic(spec.name(), spec.partitions(), 3, spec.configs()));
        }
        existing.put("markets", new ExistingTopic("markets", 4, 1, Map.of("cleanup.policy", "compact,delete")));
        existing.put("bids", new ExistingTopic("bids", 4, 3, Map.of("cleanup.policy", "delete",
                "retention.ms", "3600000")));

        TopicPlan plan = TopicPlanner.plan(replicated, existing);

        assertThat(plan.isValid()).isTrue();
        assertThat(plan.warnings()).hasSize(3)
                .anySatisfy(w -> assertThat(w).contains("'markets'", "compact,delete"))
                .anySatisfy(w -> assertThat(w).contains("'markets'", "replication factor 1"))
                .anySatisfy(w -> assertThat(w).contains("'bids'", "retention.ms=3600000", "PT1H"));
    }

    @Test
    void shouldTakeAMissingCleanupPolicyAsKafkasDefaultDelete() {
        Map<String, ExistingTopic> existing = asSpecified();
        existing.put("dashboards", new ExistingTopic("dashboards", 4, 1, Map.of()));

        assertThat(TopicPlanner.plan(catalog, existing).errors()).singleElement().asString()
                .contains("'dashboards'", "must be compacted");
    }
}
