package dev.dashmech.engine.topology;

import static dev.dashmech.engine.topology.EngineTestKit.bid;
import static dev.dashmech.engine.topology.EngineTestKit.dashboard;
import static dev.dashmech.engine.topology.EngineTestKit.market;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dashmech.engine.metrics.EngineMetrics;
import dev.dashmech.schemas.avro.CloseReason;
import dev.dashmech.schemas.avro.PaymentFormat;
import dev.dashmech.schemas.avro.StageEntry;
import dev.dashmech.schemas.avro.StageOutcome;
import java.util.List;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

/** Markets with standing bids: an agent's latest bid stands for every later stage until replaced. */
class StandingBidsTest {

    private static EngineTestKit standingMarket() {
        EngineTestKit kit = EngineTestKit.start();
        kit.configure(market().setStandingBids(true).build());
        return kit;
    }

    private static List<Tuple> entries(StageOutcome o) {
        return o.getEntries().stream().map(e -> Tuple.tuple(e.getAgent(), e.getBid(), e.getStanding())).toList();
    }

    @Test
    void shouldEnterEachAgentsLatestBidInLaterStages() {
        try (EngineTestKit kit = standingMarket()) {
            // given stage 1 with bids of a and b, then stage 2 where only b bids anew, then stage 3 with no bids
            kit.open(1, 0).send(bid(1, "a", 2).build(), 1).send(bid(1, "b", 1).build(), 2);
            kit.open(2, 200).send(bid(2, "b", 1.5).build(), 201);
            kit.open(3, 400);

            kit.advanceTo(1_000);

            // then fresh bids come first in arrival order, standing ones after them in agent order
            List<StageOutcome> outcomes = kit.outcomes();
            assertThat(outcomes).hasSize(3);
            assertThat(entries(outcomes.get(0))).containsExactly(Tuple.tuple("a", 2.0, false),
                    Tuple.tuple("b", 1.0, false));
            assertThat(entries(outcomes.get(1))).containsExactly(Tuple.tuple("b", 1.5, false),
                    Tuple.tuple("a", 2.0, true));
            assertThat(entries(outcomes.get(2))).containsExactly(Tuple.tuple("a", 2.0, true),
                    Tuple.tuple("b", 1.5, true));
            assertThat(kit.counter(EngineMetrics.OUTCOME_ENTRIES, "standing", "true")).isEqualTo(3);
        }
    }

    @Test
    void shouldEnterOnlyTheStandingBidsOfEligibleAgents() {
        try (EngineTestKit kit = standingMarket()) {
            kit.open(1, 0).send(bid(1, "a", 2).build(), 1).send(bid(1, "b", 1).build(), 2);
            kit.open(2, 200, "b", "c");

            kit.advanceTo(1_000);

            assertThat(entries(kit.outcomes().get(1))).containsExactly(Tuple.tuple("b", 1.0, true));
        }
    }

    @Test
    void shouldCloseEarlyOnlyWhenEveryEligibleAgentBidInTheStageItself() {
        try (EngineTestKit kit = standingMarket()) {
            // given a standing bid of a, and stage 2 for a and b
            kit.open(1, 0).send(bid(1, "a", 2).build(), 1);
            kit.open(2, 200, "a", "b");

            // when b bids: a's standing bid does not close the stage early
            kit.send(bid(2, "b", 1).build(), 210);
            assertThat(kit.outcomes()).extracting(StageOutcome::getStageId).containsExactly(1L);
            kit.advanceTo(1_000);

            // then it closes at its deadline with both
            assertThat(kit.outcomes()).singleElement().satisfies(o -> {
                assertThat(o.getCloseReason()).isEqualTo(CloseReason.DEADLINE);
                assertThat(o.getEntries()).extracting(StageEntry::getAgent).containsExactly("b", "a");
            });
        }
    }

    @Test
    void shouldLeaveOutAStandingBidWhoseDashboardVersionExpired() {
        try (EngineTestKit kit = EngineTestKit.start()) {
            // given a market keeping one version, and a's standing bid on the prior (version 0)
            kit.configure(market().setStandingBids(true).setDashboardVersionsKept(1).build());
            kit.open(1, 0).send(bid(1, "a", 2).build(), 1).advanceTo(150);

            // when version 1 of a's dashboard is published before stage 2
            kit.publish(dashboard("a", 1, PaymentFormat.WINNER_PAYS_BID, z -> z / 8).build(), 160);
            kit.open(2, 200).advanceTo(1_000);

            // then stage 2 has no entry for a
            List<StageOutcome> outcomes = kit.outcomes();
            assertThat(outcomes.get(0).getEntries()).hasSize(1);
            assertThat(outcomes.get(1).getEntries()).isEmpty();
            assertThat(kit.counter(EngineMetrics.STANDING_EXPIRED)).isEqualTo(1);
        }
    }

    @Test
    void shouldNotKeepStandingBidsInMarketsWithout() {
        try (EngineTestKit kit = EngineTestKit.start()) {
            kit.configure().open(1, 0).send(bid(1, "a", 2).build(), 1).open(2, 200).advanceTo(1_000);

            assertThat(kit.outcomes().get(1).getEntries()).isEmpty();
        }
    }
}
