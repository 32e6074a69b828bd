package dev.dashmech.schemas.topic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dashmech.schemas.avro.AgentBalance;
import dev.dashmech.schemas.avro.Bid;
import dev.dashmech.schemas.avro.Dashboard;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;

class TopicCatalogTest {

    @Test
    void shouldListTheEightTopicsWithTheirNamesAndPolicies() {
        TopicCatalog catalog = TopicCatalog.defaults();

        assertThat(catalog.all()).extracting(TopicSpec::name).containsExactly("markets", "auctions", "bids",
                "rejected-bids", "stage-outcomes", "balances", "dashboards.internal", "dashboards");
        assertThat(catalog.all()).filteredOn(s -> s.cleanupPolicy() == CleanupPolicy.COMPACT)
                .extracting(TopicSpec::name).containsExactly("markets", "balances", "dashboards");
        assertThat(catalog.coPartitioned()).extracting(TopicSpec::name).containsExactly("markets", "auctions", "bids",
                "stage-outcomes", "balances", "dashboards.internal");
    }

    @Test
    void shouldTieEachTopicToItsKeyFormatAndRecordType() {
        TopicCatalog catalog = TopicCatalog.defaults();

        assertThat(catalog.bids().valueType()).isEqualTo(Bid.class);
        assertThat(catalog.bids().keyFormat()).isEqualTo(KeyFormat.MARKET);
        assertThat(catalog.balances().valueType()).isEqualTo(AgentBalance.class);
        assertThat(catalog.balances().keyFormat()).isEqualTo(KeyFormat.MARKET_AGENT);
        assertThat(catalog.dashboards().valueType()).isEqualTo(Dashboard.class);
        assertThat(catalog.dashboards().keyFormat()).isEqualTo(KeyFormat.MARKET_AGENT_FORMAT);
        assertThat(catalog.bids().valueSubject()).isEqualTo("bids-value");
        assertThat(catalog.bids().valueSchema()).isEqualTo(Bid.getClassSchema());
        assertThat(catalog.bids().valueSchema().toString()).contains("\"name\":\"PaymentFormat\"");
        assertThat(catalog.byName("stage-outcomes")).contains(catalog.stageOutcomes());
        assertThat(catalog.byName("nope")).isEmpty();
    }

    @Test
    void shouldGiveDeleteTopicsARetentionAndCompactedTopicsNone() {
        TopicCatalog catalog = TopicCatalog.builder().retention(TopicRole.BIDS, Duration.ofDays(2)).build();

        assertThat(catalog.bids().configs()).isEqualTo(Map.of("cleanup.policy", "delete",
                "retention.ms", Long.toString(Duration.ofDays(2).toMillis())));
        assertThat(catalog.auctions().retention()).contains(TopicCatalog.DEFAULT_RETENTION);
        assertThat(catalog.balances().configs()).isEqualTo(Map.of("cleanup.policy", "compact"));
    }

    @Test
    void shouldApplyPrefixLoopPartitionsAndOutwardPartitions() {
        TopicCatalog catalog = TopicCatalog.builder()
                .prefix("it-7.")
                .loopPartitions(12)
                .partitions(TopicRole.DASHBOARDS, 3)
                .replicationFactor(3)
                .build();

        assertThat(catalog.bids().name()).isEqualTo("it-7.bids");
        assertThat(catalog.coPartitioned()).allSatisfy(s -> assertThat(s.partitions()).isEqualTo(12));
        assertThat(catalog.dashboards().partitions()).isEqualTo(3);
        assertThat(catalog.rejectedBids().partitions()).isEqualTo(12);
        assertThat(catalog.balances().replicationFactor()).contains((short) 3);

        NewTopic request = catalog.balances().newTopic();
        assertThat(request.name()).isEqualTo("it-7.balances");
        assertThat(request.numPartitions()).isEqualTo(12);
        assertThat(request.replicationFactor()).isEqualTo((short) 3);
        assertThat(request.configs()).containsEntry("cleanup.policy", "compact");
    }

    @Test
    void shouldLeaveTheReplicationFactorToTheBrokerUnlessSet() {
        assertThat(TopicCatalog.defaults().bids().replicationFactor()).isEmpty();
        assertThat(TopicCatalog.defaults().bids().newTopic().replicationFactor()).isEqualTo((short) -1);
    }

    @Test
    void shouldRefuseSettingsThatBreakTheLayout() {
        assertThatThrownBy(() -> TopicCatalog.builder().partitions(TopicRole.BIDS, 8))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("co-partitioned")
                .hasMessageContaining("loopPartitions(8)");
        assertThatThrownBy(() -> TopicCatalog.builder().retention(TopicRole.BALANCES, Duration.ofDays(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("compacted");
        assertThatThrownBy(() -> TopicCatalog.builder().loopPartitions(0))
                .hasMessageContaining("at least 1 partition");
        assertThatThrownBy(() -> TopicCatalog.builder().prefix("bad prefix/"))
                .hasMessageContaining("'bad prefix/'");
        assertThatThrownBy(() -> new TopicSpec(TopicRole.BIDS, "bids", 1, Optional.empty(), CleanupPolicy.DELETE,
                Optional.empty())).hasMessageContaining("needs a retention");
    }
}
