package dev.dashmech.schemas.topic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dashmech.schemas.avro.PaymentFormat;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.apache.kafka.common.Cluster;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.junit.jupiter.api.Test;

class MarketKeysTest {

    @Test
    void shouldPartitionAMarketAsKafkasDefaultPartitionerPartitionsItsKey() {
        for (String market : List.of("eu-hotels", "us-search", "m", "marché-ünïcode", "a.b_c-d", "x".repeat(200))) {
            for (int partitions : new int[] {1, 2, 3, 4, 12, 50}) {
                assertThat(MarketKeys.partition(market, partitions)).as(market + " over " + partitions)
                        .isEqualTo(BuiltInPartitioner.partitionForKey(market.getBytes(StandardCharsets.UTF_8),
                                partitions));
            }
        }
    }

    @Test
    void shouldPlaceAgentAndDashboardKeysOnTheirMarketsPartition() {
        int market = MarketKeys.partition("eu-hotels", 12);

        assertThat(MarketKeys.partitionOfKey("eu-hotels/h-1", 12)).isEqualTo(market);
        assertThat(MarketKeys.partitionOfKey(DashboardKey.of("eu-hotels", "h/2", PaymentFormat.ALL_PAY).key(), 12))
                .isEqualTo(market);
    }

    @Test
    void shouldPartitionThroughTheProducerPartitionerLikeTheMarket() {
        Node node = new Node(0, "127.0.0.1", 9092);
        List<PartitionInfo> parts = new java.util.ArrayList<>();
        for (int p = 0; p < 6; p++) {
            parts.add(new PartitionInfo("balances", p, node, new Node[] {node}, new Node[] {node}));
        }
        Cluster cluster = new Cluster("c", List.of(node), parts, java.util.Set.of(), java.util.Set.of());

        int partition = new MarketPartitioner().partition("balances", "eu-hotels/h-1", null, null, null, cluster);

        assertThat(partition).isEqualTo(MarketKeys.partition("eu-hotels", 6));
        assertThatThrownBy(() -> new MarketPartitioner().partition("balances", null, null, null, null, cluster))
                .hasMessageContaining("String key");
    }

    @Test
    void shouldRoundTripAgentAndDashboardKeys() {
        assertThat(AgentKey.of("eu-hotels", "h-1").key()).isEqualTo("eu-hotels/h-1");
        assertThat(AgentKey.parse("eu-hotels/h/1")).isEqualTo(AgentKey.of("eu-hotels", "h/1"));
        DashboardKey key = DashboardKey.of("eu-hotels", "h/1", PaymentFormat.WINNER_PAYS_BID);
        assertThat(key.key()).isEqualTo("eu-hotels/h/1/WINNER_PAYS_BID");
        assertThat(DashboardKey.parse(key.key())).isEqualTo(key);
        assertThat(key.agentKey()).isEqualTo(AgentKey.of("eu-hotels", "h/1"));
        assertThat(MarketKeys.marketOf(key.key())).isEqualTo("eu-hotels");
    }

    @Test
    void shouldRefuseBadIdsAndKeysNamingThem() {
        assertThatThrownBy(() -> MarketKeys.requireMarketId("eu/hotels")).hasMessageContaining("'eu/hotels'");
        assertThatThrownBy(() -> MarketKeys.requireMarketId("")).hasMessageContaining("empty");
        assertThatThrownBy(() -> MarketKeys.requireAgentId("h\u00011")).hasMessageContaining("control character");
        assertThatThrownBy(() -> MarketKeys.requireAgentId("a".repeat(201))).hasMessageContaining("201 characters");
        assertThatThrownBy(() -> AgentKey.parse("no-slash")).hasMessageContaining("'no-slash'");
        assertThatThrownBy(() -> DashboardKey.parse("m/a/CASH")).hasMessageContaining("'CASH'");
        assertThatThrownBy(() -> DashboardKey.parse("m/ALL_PAY")).hasMessageContaining("market/agent/FORMAT");
    }
}
