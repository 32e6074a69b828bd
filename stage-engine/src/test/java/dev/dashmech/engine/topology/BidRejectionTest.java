package dev.dashmech.engine.topology;

import static dev.dashmech.engine.topology.EngineTestKit.MARKET;
import static dev.dashmech.engine.topology.EngineTestKit.bid;
import static dev.dashmech.engine.topology.EngineTestKit.dashboard;
import static dev.dashmech.engine.topology.EngineTestKit.market;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.dashmech.engine.metrics.EngineMetrics;
import dev.dashmech.mechanism.bidding.BidStrategy;
import dev.dashmech.mechanism.bidding.BidTable;
import dev.dashmech.mechanism.rule.AllocationRule;
import dev.dashmech.mechanism.rule.ValueGrid;
import dev.dashmech.schemas.avro.Dashboard;
import dev.dashmech.schemas.avro.DashboardKind;
import dev.dashmech.schemas.avro.RebalancingKind;
import dev.dashmech.schemas.avro.MalformedReason;
import dev.dashmech.schemas.avro.PaymentFormat;
import dev.dashmech.schemas.avro.RejectReason;
import dev.dashmech.schemas.avro.RejectedBid;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every reason a bid is rejected for, each with its detail, source position and meter. */
class BidRejectionTest {

    /** The one rejection the kit has written, after checking the bid did not reach any outcome. */
    private static RejectedBid onlyReject(EngineTestKit kit, RejectReason reason) {
        return onlyReject(kit, reason, true);
    }

    private static RejectedBid onlyReject(EngineTestKit kit, RejectReason reason, boolean noEntries) {
        kit.advanceTo(10_000);
        List<dev.dashmech.schemas.avro.StageOutcome> outcomes = kit.outcomes();
        if (noEntries) {
            outcomes.forEach(o -> assertThat(o.getEntries()).isEmpty());
        } else {
            assertThat(outcomes).singleElement().satisfies(o -> assertThat(o.getEntries()).singleElement()
                    .satisfies(e -> assertThat(e.getInferredValue()).isCloseTo(1, within(1e-9))));
        }
        List<RejectedBid> rejects = kit.rejects();
        assertThat(rejects).hasSize(1);
        RejectedBid r = rejects.get(0);
        assertThat(r.getReason()).isEqualTo(reason);
        assertThat(r.getSourceTopic()).isEqualTo("bids");
        assertThat(r.getSourcePartition()).isEqualTo(0);
        assertThat(r.getSourceOffset()).isNotNull();
        assertThat(kit.counter(EngineMetrics.BIDS_REJECTED, "reason", reason.name())).isEqualTo(1);
        return r;
    }

    @Test
    void shouldRejectMalformedBytesKeepingThem() {
        try (EngineTestKit kit = EngineTestKit.start()) {
            byte[] json = "{\"amount\": 3}".getBytes(StandardCharsets.UTF_8);
            kit.configure().open(1, 0).sendRaw(MARKET, json, 5);

            RejectedBid r = onlyReject(kit, RejectReason.MALFORMED_BYTES);

            assertThat(r.getMalformedReason()).isEqualTo(MalformedReason.WRONG_MAGIC_BYTE);
            assertThat(r.getRawBytes()).isEqualTo(ByteBuffer.wrap(json));
            assertThat(r.getMarket()).isEqualTo(MARKET); // from the record key
            assertThat(r.getAgent()).isNull();
            assertThat(r.getDetail()).isNotBlank();
            assertThat(kit.counter(EngineMetrics.BIDS_IN)).isEqualTo(1);
        }
    }

    @Test
    void shouldRejectABidWhoseRecordKeyIsNotItsMarket() {
        try (EngineTestKit kit = EngineTestKit.start()) {
            kit.configure().open(1, 0);
            byte[] bytes = kit.bytes("bids", bid(1, "a", 2).build());
            kit.sendRaw("m2", bytes, 5);

            RejectedBid r = onlyReject(kit, RejectReason.KEY_MISMATCH);

            assertThat(r.getDetail()).contains("'m2'", "'m1'");
            assertThat(r.getAgent()).isEqualTo("a");
        }
    }

    @Test
    void shouldRejectABidForAnUnknownMarket() {
        try (EngineTestKit kit = EngineTestKit.start()) {
            kit.send(bid(1, "a", 2).setMarket("nowhere").build(), 5);

            RejectedBid r = onlyReject(kit, RejectReason.UNKNOWN_MARKET);

            assertThat(r.getDetail()).contains("'nowhere'");
        }
    }

    @Test
    void shouldRejectABidForAStageNotOpenedWhenItCannotWaitForTheAuction() {
        try (EngineTestKit kit = EngineTestKit.start(c -> c.earlyBidHold(Duration.ZERO))) {
            kit.configure().open(1, 0).send(bid(7, "a", 2).build(), 5);

            RejectedBid r = onlyReject(kit, RejectReason.UNKNOWN_STAGE);

            assertThat(r.getDetail()).contains("stage 7", "newest stage opened is 1");
        }
    }

    @Test
    void shouldRejectABidForAStageNotOpenedWhenItsWaitEnds() {
        try (EngineTestKit kit = EngineTestKit.start(c -> c.earlyBidHold(Duration.ofSeconds(1)))) {
            kit.configure().open(1, 0).send(bid(7, "a", 2).build(), 5);
            assertThat(kit.rejects()).isEmpty();

            RejectedBid r = onlyReject(kit, RejectReason.UNKNOWN_STAGE); // the clock moves 10 s on

            assertThat(r.getDetail()).contains("stage 7", "newest stage opened is 1", "waited PT1S");
        }
    }

    @Test
    void shouldRejectABidForAStageIdThatWasSkipped() {
        try (EngineTestKit kit = EngineTestKit.start()) {
            kit.configure().open(1, 0).open(3, 1).send(bid(2, "a", 2).build(), 5);

            RejectedBid r = onlyReject(kit, RejectReason.UNKNOWN_STAGE);

            assertThat(r.getDetail()).contains("never opened");
        }
    }

    @Test
    void shouldRejectABidOfAnAgentNotEligible() {
        try (EngineTestKit kit = EngineTestKit.start()) {
            kit.configure().open(1, 0, "a", "b").send(bid(1, "c", 2).build(), 5);

            RejectedBid r = onlyReject(kit, RejectReason.NOT_ELIGIBLE);

            assertThat(r.getDetail()).contains("'c'");
        }
    }

    @Test
    void shouldRejectABidWithABadAgentId() {
        try (EngineTestKit kit = EngineTestKit.start()) {
            kit.configure().open(1, 0).send(bid(1, "a\u0007b", 2).build(), 5);

            RejectedBid r = onlyReject(kit, RejectReason.BAD_AGENT_ID);

            assertThat(r.getDetail()).contains("control character");
        }
    }

    @ParameterizedTest
    @ValueSource(doubles = {-0.5, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY})
    void shouldRejectABidWhoseAmountIsNegativeOrNotFinite(double amount) {
        try (EngineTestKit kit = EngineTestKit.start()) {
            kit.configure().open(1, 0).send(bid(1, "a", amount).build(), 5);

            RejectedBid r = onlyReject(kit, RejectReason.BAD_AMOUNT);

            assertThat(r.getDetail()).contains("amount " + amount);
            assertThat(r.getAmount()).isEqualTo(Double.valueOf(amount)); // the bad value as sent, NaN included
        }
    }

    @Test
    void shouldTakeANegativeBidWhereTheDashboardOffersItAndRejectOneBelowIt() {
        try (EngineTestKit kit = EngineTestKit.start()) {
            // given an all-pay dashboard rebalancing a negative balance (Def. 9: every bid shifted by L*eta = -1)
            kit.configure(market().setPaymentFormats(List.of(PaymentFormat.ALL_PAY)).build());
            ValueGrid grid = ValueGrid.uniform(EngineTestKit.VMAX, 65);
            BidTable shifted = BidStrategy.of(AllocationRule.sample(grid, z -> z / EngineTestKit.VMAX),
                    dev.dashmech.mechanism.bidding.PaymentFormat.ALL_PAY, -1).table();
            kit.publish(Dashboard.newBuilder().setMarket(MARKET).setAgent("a").setVersion(1)
                    .setFormat(PaymentFormat.ALL_PAY).setKind(DashboardKind.INFERRED_VALUES)
                    .setValues(list(shifted.values())).setBids(list(shifted.bids()))
                    .setWinProbabilities(list(shifted.winProbabilities())).setRebalancing(RebalancingKind.REFERENCE)
                    .setBalanceUsed(-2).setRho(0).setEta(0.5).setSampleCount(1).setPublishedAt(EngineTestKit.T0)
                    .build(), 0);
            kit.open(1, 0, "a", "b");

            // when a follows it with value 1 (a negative bid), and b bids below the prior's lowest bid
            kit.send(bid(1, "a", shifted.bidFor(1)).setFormat(PaymentFormat.ALL_PAY).setDashboardVersion(1).build(), 1)
                    .send(bid(1, "b", -0.25).setFormat(PaymentFormat.ALL_PAY).build(), 2);

            // then a's bid is taken and inferred, b's is BAD_AMOUNT
            assertThat(shifted.bidFor(1)).isNegative();
            RejectedBid r = onlyReject(kit.advanceTo(1_000), RejectReason.BAD_AMOUNT, false);
            assertThat(r.getAgent()).isEqualTo("b");
            assertThat(r.getDetail()).contains("amount -0.25 is negative", "offers no negative bid");
        }
    }

    @Test
    void shouldRejectABidInAFormatTheMarketDoesNotTake() {
        try (EngineTestKit kit = EngineTestKit.start()) {
            kit.configure().open(1, 0).send(bid(1, "a", 2).setFormat(PaymentFormat.ALL_PAY).build(), 5);

            RejectedBid r = onlyReject(kit, RejectReason.WRONG_FORMAT);

            assertThat(r.getDetail()).contains("ALL_PAY", "[WINNER_PAYS_BID]");
        }
    }

    @Test
    void shouldRejectABidWhoseFormatIsNotThatOfTheDashboardItNames() {
        try (EngineTestKit kit = EngineTestKit.start()) {
            // given a market with both formats and an all-pay dashboard version 1 of agent a
            kit.configure(market().setPaymentFormats(List.of(PaymentFormat.WINNER_PAYS_BID, PaymentFormat.ALL_PAY))
                    .build());
            kit.publish(dashboard("a", 1, PaymentFormat.ALL_PAY, z -> z / 8).build(), 0).open(1, 0);

            // when a bids winner-pays-bid following version 1
            kit.send(bid(1, "a", 2).setDashboardVersion(1).build(), 5);

            // then
            RejectedBid r = onlyReject(kit, RejectReason.WRONG_FORMAT);
            assertThat(r.getDetail()).contains("version 1", "is for ALL_PAY", "WINNER_PAYS_BID");
        }
    }

    @Test
    void shouldRejectABidNamingADashboardVersionNotPublishedWhenItCannotWait() {
        try (EngineTestKit kit = EngineTestKit.start(c -> c.earlyBidHold(Duration.ZERO))) {
            kit.configure().open(1, 0).send(bid(1, "a", 2).setDashboardVersion(3).build(), 5);

            RejectedBid r = onlyReject(kit, RejectReason.UNKNOWN_DASHBOARD_VERSION);

            assertThat(r.getDetail()).contains("version 3", "has not been published");
        }
    }

    @Test
    void shouldRejectABidNamingADashboardVersionNotReceivedWhenItsStageCloses() {
        try (EngineTestKit kit = EngineTestKit.start()) {
            kit.configure().open(1, 0).send(bid(1, "a", 2).setDashboardVersion(3).build(), 5);
            assertThat(kit.rejects()).isEmpty();

            RejectedBid r = onlyReject(kit, RejectReason.UNKNOWN_DASHBOARD_VERSION); // stage 1 closes at 100

            assertThat(r.getDetail()).contains("version 3", "had not reached the engine when stage 1");
        }
    }

    @Test
    void shouldRejectABidNamingAnExpiredDashboardVersion() {
        try (EngineTestKit kit = EngineTestKit.start()) {
            // given a market keeping 2 versions, and versions 1, 2, 3 of agent a's dashboard
            kit.configure(market().setDashboardVersionsKept(2).build());
            for (long v = 1; v <= 3; v++) {
                kit.publish(dashboard("a", v, PaymentFormat.WINNER_PAYS_BID, z -> z / 8).build(), 0);
            }
            kit.open(1, 0);

            // when a bids following version 1
            kit.send(bid(1, "a", 2).setDashboardVersion(1).build(), 5);

            // then
            RejectedBid r = onlyReject(kit, RejectReason.UNKNOWN_DASHBOARD_VERSION);
            assertThat(r.getDetail()).contains("version 1", "expired", "[2, 3]");
        }
    }

    @Test
    void shouldRejectASecondBidOfAnAgentInOneStage() {
        try (EngineTestKit kit = EngineTestKit.start()) {
            kit.configure().open(1, 0).send(bid(1, "a", 2).setBidId("first").build(), 5)
                    .send(bid(1, "a", 3).setBidId("retry").build(), 6).advanceTo(1_000);

            assertThat(kit.outcomes()).singleElement().satisfies(o -> assertThat(o.getEntries()).singleElement()
                    .satisfies(e -> assertThat(e.getBidId()).isEqualTo("first")));
            assertThat(kit.rejects()).singleElement().satisfies(r -> {
                assertThat(r.getReason()).isEqualTo(RejectReason.DUPLICATE_BID);
                assertThat(r.getBidId()).isEqualTo("retry");
                assertThat(r.getSourceOffset()).isEqualTo(1);
            });
        }
    }

    @Test
    void shouldRejectABidForAClosedStageAsLate() {
        try (EngineTestKit kit = EngineTestKit.start()) {
            // given stage 1 closed at its deadline
            kit.configure().open(1, 0).open(2, 200).advanceTo(200);
            kit.outcomes();

            // when a bid for stage 1 arrives (stamped before the deadline, but processed after the close)
            kit.send(bid(1, "a", 2).build(), 50);

            RejectedBid r = onlyLateReject(kit);
            assertThat(r.getDetail()).contains("stage 1", "has closed");
        }
    }

    @Test
    void shouldRejectABidForAStageThatClosedLongAgoAsLate() {
        try (EngineTestKit kit = EngineTestKit.start(c -> c.skippedIdRetention(Duration.ofMillis(500)))) {
            // given stage 1 closed hours of stream time ago: closed stages need no record to be recognised
            kit.configure().open(1, 0).open(2, 10_000_000);
            kit.outcomes();

            kit.send(bid(1, "a", 2).build(), 10_000_000);

            RejectedBid r = onlyLateReject(kit);
            assertThat(r.getDetail()).contains("stage 1", "has closed");
        }
    }

    @Test
    void shouldTellASkippedStageIdFromAClosedOneForTheRetention() {
        try (EngineTestKit kit = EngineTestKit.start(c -> c.skippedIdRetention(Duration.ofMillis(500)))) {
            // given stage ids 1, 3 (2 skipped at 100), then 5 at 1000 (4 skipped; 2 forgotten: older than 500 ms)
            kit.configure().open(1, 0).open(3, 100).open(5, 1_000).advanceTo(2_000);
            kit.outcomes();

            // when bids for the skipped ids arrive
            kit.send(bid(4, "a", 2).build(), 2_000).send(bid(2, "a", 2).build(), 2_000);

            // then 4 is still known as skipped, 2 is past the retention and counts as closed long ago
            List<RejectedBid> rejects = kit.rejects();
            assertThat(rejects).extracting(RejectedBid::getReason)
                    .containsExactly(RejectReason.UNKNOWN_STAGE, RejectReason.LATE_BID);
            assertThat(rejects.get(0).getDetail()).contains("stage 4", "never opened");
            assertThat(rejects.get(1).getDetail()).contains("stage 2", "more than PT0.5S of stream time ago");
        }
    }

    private static List<Double> list(double[] xs) {
        return java.util.Arrays.stream(xs).boxed().toList();
    }

    private static RejectedBid onlyLateReject(EngineTestKit kit) {
        List<RejectedBid> rejects = kit.rejects();
        assertThat(rejects).hasSize(1);
        assertThat(rejects.get(0).getReason()).isEqualTo(RejectReason.LATE_BID);
        assertThat(kit.counter(EngineMetrics.BIDS_REJECTED, "reason", "LATE_BID")).isEqualTo(1);
        return rejects.get(0);
    }

    @Test
    void shouldRejectTheBidsOfOpenStagesWhenTheMarketIsRetired() {
        try (EngineTestKit kit = EngineTestKit.start()) {
            kit.configure().open(1, 0).send(bid(1, "a", 2).build(), 5);

            kit.markets.pipeInput(MARKET, null, EngineTestKit.T0.plusMillis(6));
            kit.advanceTo(1_000);

            assertThat(kit.outcomes()).isEmpty();
            assertThat(kit.rejects()).singleElement().satisfies(r -> {
                assertThat(r.getReason()).isEqualTo(RejectReason.UNKNOWN_MARKET);
                assertThat(r.getDetail()).contains("retired");
                assertThat(r.getSourceOffset()).isEqualTo(0);
            });
        }
    }
}
