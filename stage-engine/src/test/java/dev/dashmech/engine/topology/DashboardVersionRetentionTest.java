package dev.dashmech.engine.topology;

import static dev.dashmech.engine.topology.EngineTestKit.MARKET;
import static dev.dashmech.engine.topology.EngineTestKit.bid;
import static dev.dashmech.engine.topology.EngineTestKit.dashboard;
import static dev.dashmech.engine.topology.EngineTestKit.market;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dashmech.engine.metrics.EngineMetrics;
import dev.dashmech.schemas.avro.PaymentFormat;
import dev.dashmech.schemas.avro.RejectReason;
import dev.dashmech.schemas.avro.RejectedBid;
import dev.dashmech.schemas.avro.StageEntry;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.Test;

/** The engine keeps the newest {@code dashboardVersionsKept} versions per agent and format, the prior first. */
class DashboardVersionRetentionTest {

    private static EngineTestKit keeping(int kept) {
        EngineTestKit kit = EngineTestKit.start();
        kit.configure(market().setDashboardVersionsKept(kept).build());
        return kit;
    }

    private static void publish(EngineTestKit kit, String agent, long... versions) {
        for (long v : versions) {
            kit.publish(dashboard(agent, v, PaymentFormat.WINNER_PAYS_BID, z -> z / 8).build(), 0);
        }
    }

    /** Bids of agent a in stage 1 naming each version; returns the versions taken and the versions rejected. */
    private static List<List<Long>> bidWithVersions(EngineTestKit kit, long... versions) {
        List<Long> taken = new ArrayList<>();
        List<Long> rejected = new ArrayList<>();
        long stage = 1;
        for (long v : versions) {
            kit.open(stage, stage * 10).send(bid(stage, "a", 1).setDashboardVersion(v).build(), stage * 10);
            stage++;
        }
        kit.advanceTo(100_000);
        kit.outcomes().forEach(o -> o.getEntries().stream().map(StageEntry::getDashboardVersion).forEach(taken::add));
        for (RejectedBid r : kit.rejects()) {
            assertThat(r.getReason()).isEqualTo(RejectReason.UNKNOWN_DASHBOARD_VERSION);
            rejected.add(r.getDashboardVersion());
        }
        return List.of(taken, rejected);
    }

    @Test
    void shouldKeepThePriorUntilAsManyVersionsAsKeptArePublished() {
        try (EngineTestKit kit = keeping(2)) {
            publish(kit, "a", 1);
            assertThat(bidWithVersions(kit, 0, 1)).containsExactly(List.of(0L, 1L), List.of());
        }
        try (EngineTestKit kit = keeping(2)) {
            publish(kit, "a", 1, 2);
            assertThat(bidWithVersions(kit, 0, 1, 2)).containsExactly(List.of(1L, 2L), List.of(0L));
        }
    }

    @Test
    void shouldAcceptOnlyTheNewestKeptVersions() {
        try (EngineTestKit kit = keeping(3)) {
            publish(kit, "a", 1, 2, 3, 4, 5);

            assertThat(bidWithVersions(kit, 1, 2, 3, 4, 5, 6))
                    .containsExactly(List.of(3L, 4L, 5L), List.of(1L, 2L, 6L));
        }
    }

    @Test
    void shouldKeepVersionsPerAgent() {
        try (EngineTestKit kit = keeping(1)) {
            publish(kit, "b", 1, 2, 3);

            assertThat(bidWithVersions(kit, 0)).containsExactly(List.of(0L), List.of());
        }
    }

    @Test
    void shouldIgnoreADashboardOlderThanTheVersionsKept() {
        try (EngineTestKit kit = keeping(2)) {
            publish(kit, "a", 3, 4, 1);

            assertThat(kit.counter(EngineMetrics.INPUT_IGNORED, "reason", "older_than_kept")).isEqualTo(1);
            assertThat(bidWithVersions(kit, 1, 3)).containsExactly(List.of(3L), List.of(1L));
        }
    }

    @Test
    void shouldHoldNoMoreThanTheKeptVersionsInItsStore() {
        try (EngineTestKit kit = keeping(2)) {
            publish(kit, "a", 1, 2, 3, 4, 5);

            KeyValueStore<String, byte[]> store = kit.driver.getKeyValueStore(StageEngineTopology.DASHBOARDS_STORE);
            List<String> keys = new ArrayList<>();
            try (KeyValueIterator<String, byte[]> all = store.all()) {
                all.forEachRemaining((KeyValue<String, byte[]> kv) -> keys.add(kv.key));
            }
            assertThat(keys).containsExactlyInAnyOrder(MARKET + "/a/WINNER_PAYS_BID/4",
                    MARKET + "/a/WINNER_PAYS_BID/5");
        }
    }

    @Test
    void shouldRejectAtCloseABidWhoseVersionExpiredWhileItsStageWasOpen() {
        try (EngineTestKit kit = keeping(1)) {
            // given a's bid on the prior in an open stage
            kit.open(1, 0).send(bid(1, "a", 1).build(), 5);

            // when version 1 is published before the stage closes
            kit.publish(dashboard("a", 1, PaymentFormat.WINNER_PAYS_BID, z -> z / 8).build(), 6);
            kit.advanceTo(1_000);

            // then the stage closes without it and the bid is rejected, once
            assertThat(kit.outcomes()).singleElement().satisfies(o -> assertThat(o.getEntries()).isEmpty());
            assertThat(kit.rejects()).singleElement().satisfies(r -> {
                assertThat(r.getReason()).isEqualTo(RejectReason.UNKNOWN_DASHBOARD_VERSION);
                assertThat(r.getDetail()).contains("expired before stage 1 closed");
                assertThat(r.getSourceOffset()).isEqualTo(0);
            });
        }
    }
}
