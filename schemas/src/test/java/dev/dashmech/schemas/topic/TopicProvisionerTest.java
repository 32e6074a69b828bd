package dev.dashmech.schemas.topic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.errors.InvalidReplicationFactorException;
import org.junit.jupiter.api.Test;

class TopicProvisionerTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final TopicCatalog catalog = TopicCatalog.builder().loopPartitions(6).build();
    private final FakeCluster cluster = new FakeCluster();

    @Test
    void shouldCreateEveryMissingTopicAsSpecified() {
        TopicProvisioner.Result result = TopicProvisioner.ensureTopics(cluster.admin(), catalog, TIMEOUT);

        assertThat(result.created()).containsExactlyElementsOf(catalog.all().stream().map(TopicSpec::name).toList());
        assertThat(result.verified()).isEmpty();
        assertThat(cluster.topics.get("bids").partitions()).isEqualTo(6);
        assertThat(cluster.topics.get("bids").configs()).containsEntry("cleanup.policy", "delete")
                .containsKey("retention.ms");
        assertThat(cluster.topics.get("balances").configs()).containsEntry("cleanup.policy", "compact");
    }

    @Test
    void shouldCreateNothingTheSecondTime() {
        TopicProvisioner.ensureTopics(cluster.admin(), catalog, TIMEOUT);
        cluster.createRequests.clear();

        TopicProvisioner.Result again = TopicProvisioner.ensureTopics(cluster.admin(), catalog, TIMEOUT);

        assertThat(again.created()).isEmpty();
        assertThat(again.verified()).hasSize(8);
        assertThat(again.warnings()).isEmpty();
        assertThat(cluster.createRequests).isEmpty();
    }

    @Test
    void shouldWaitUntilTheLeadersAnswerForTheTopicsItCreated() {
        // given the broker's metadata names a leader for bids a moment before that leader answers for it
        cluster.notLeadingYet.put("bids", 2);

        TopicProvisioner.Result result = TopicProvisioner.ensureTopics(cluster.admin(), catalog, TIMEOUT);

        assertThat(result.created()).contains("bids");
        assertThat(cluster.notLeadingYet.get("bids")).isZero(); // asked until the leader answered
        assertThat(cluster.offsetLookups.get("bids")).isEqualTo(3 * 6); // three rounds, six partitions
    }

    @Test
    void shouldNameTheTopicsTheLeadersNeverAnsweredFor() {
        cluster.notLeadingYet.put("auctions", Integer.MAX_VALUE);

        assertThatThrownBy(() -> TopicProvisioner.ensureTopics(cluster.admin(), catalog, Duration.ofMillis(500)))
                .isInstanceOf(TopicProvisioningException.class)
                .hasMessageContaining("[auctions]")
                .hasMessageContaining("did not serve them");
    }

    @Test
    void shouldAcceptATopicAnotherInstanceCreatedMeanwhileAfterVerifyingIt() {
        // given another instance creates bids, as specified, between our describe and our create
        TopicSpec bids = catalog.bids();
        cluster.createdMeanwhile.put("bids", new ExistingTopic("bids", 6, 1, bids.configs()));

        TopicProvisioner.Result result = TopicProvisioner.ensureTopics(cluster.admin(), catalog, TIMEOUT);

        assertThat(result.created()).hasSize(7).doesNotContain("bids");
        assertThat(result.verified()).containsExactly("bids");
    }

    @Test
    void shouldRefuseWhatAnotherInstanceCreatedWithADifferentCount() {
        cluster.createdMeanwhile.put("bids", new ExistingTopic("bids", 8, 1, catalog.bids().configs()));

        assertThatThrownBy(() -> TopicProvisioner.ensureTopics(cluster.admin(), catalog, TIMEOUT))
                .isInstanceOf(TopicLayoutException.class)
                .hasMessageContaining("bids=8")
                .hasMessageContaining("auctions=6");
    }

    @Test
    void shouldCreateNothingWhenTheExistingLayoutIsWrong() {
        // given stage-outcomes exists with 3 partitions while the other loop topics are missing
        cluster.topics.put("stage-outcomes", new ExistingTopic("stage-outcomes", 3, 1,
                catalog.stageOutcomes().configs()));

        assertThatThrownBy(() -> TopicProvisioner.ensureTopics(cluster.admin(), catalog, TIMEOUT))
                .isInstanceOfSatisfying(TopicLayoutException.class, e -> assertThat(e.problems()).hasSize(1))
                .hasMessageContaining("stage-outcomes=3")
                .hasMessageContaining("bids (to create)=6")
                .hasMessageContaining("set the loop partition count to 3");
        assertThat(cluster.createRequests).isEmpty();
    }

    @Test
    void shouldNameTheTopicAndCauseWhenTheClusterRefusesACreation() {
        cluster.createFailures.put("balances", new InvalidReplicationFactorException(
                "Replication factor: 3 larger than available brokers: 1."));

        assertThatThrownBy(() -> TopicProvisioner.ensureTopics(cluster.admin(),
                TopicCatalog.builder().loopPartitions(6).replicationFactor(3).build(), TIMEOUT))
                .isInstanceOf(TopicProvisioningException.class)
                .hasMessageContaining("balances")
                .hasMessageContaining("replication factor 3")
                .hasMessageContaining("larger than available brokers");
    }

    @Test
    void shouldReportWarningsOfExistingTopics() {
        TopicProvisioner.ensureTopics(cluster.admin(), catalog, TIMEOUT);
        cluster.topics.put("bids", new ExistingTopic("bids", 6, 1, Map.of("cleanup.policy", "delete",
                "retention.ms", "60000")));

        List<String> warnings = TopicProvisioner.ensureTopics(cluster.admin(), catalog, TIMEOUT).warnings();

        assertThat(warnings).singleElement().asString().contains("'bids'", "retention.ms=60000");
    }
}
