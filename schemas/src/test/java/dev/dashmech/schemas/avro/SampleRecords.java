package dev.dashmech.schemas.avro;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** One filled-in instance of every record type, with every optional field set, for tests and benchmarks. */
public final class SampleRecords {

    public static final Instant T0 = Instant.parse("2025-03-01T12:00:00Z");

    private SampleRecords() {
    }

    public static MarketConfig marketConfig() {
        return MarketConfig.newBuilder()
                .setMarket("eu-hotels")
                .setAlgorithm(AllocationAlgorithm.newBuilder()
                        .setType(AlgorithmType.SLOTS)
                        .setTemperature(0.5)
                        .setReserve(0.25)
                        .setClickThroughRates(List.of(0.3, 0.2, 0.1))
                        .setQualityWeights(Map.of("h-1", 1.2, "h-2", 0.8))
                        .build())
                .setValueMax(8.0)
                .setValueMaxByAgent(Map.of("h-2", 6.0))
                .setGridSize(65)
                .setRho(0.25)
                .setEta(0.5)
                .setDashboardKind(DashboardKind.INSTRUMENTED)
                .setLookback(3)
                .setPaymentFormats(List.of(PaymentFormat.WINNER_PAYS_BID, PaymentFormat.ALL_PAY))
                .setRebalancing(RebalancingKind.INDIVIDUALLY_RATIONAL)
                .setHysteresisMultiple(2.0)
                .setStandingBids(true)
                .setStageDeadlineMs(250)
                .setSeed(42L)
                .setDashboardVersionsKept(4)
                .setCadence(PublisherCadence.newBuilder()
                        .setRecomputeAfterSamples(10).setRecomputeAfterMs(5_000).build())
                .setUpdatedAt(T0)
                .setUpdatedBy("ops@example")
                .build();
    }

    public static AuctionOpened auctionOpened() {
        return AuctionOpened.newBuilder()
                .setMarket("eu-hotels")
                .setStageId(1001L)
                .setOpenedAt(T0.plusMillis(5))
                .setTmaxMs(300L)
                .setEligibleAgents(List.of("h-1", "h-2"))
                .build();
    }

    public static Bid bid() {
        return Bid.newBuilder()
                .setMarket("eu-hotels")
                .setStageId(1001L)
                .setAgent("h-1")
                .setAmount(2.75)
                .setFormat(PaymentFormat.WINNER_PAYS_BID)
                .setDashboardVersion(17L)
                .setSubmittedAt(T0.plusMillis(40))
                .setBidId("b-9f3c")
                .build();
    }

    public static RejectedBid rejectedBid() {
        return RejectedBid.newBuilder()
                .setReason(RejectReason.MALFORMED_BYTES)
                .setMalformedReason(MalformedReason.WRONG_MAGIC_BYTE)
                .setDetail("record value starts with byte 0x7b ('{'), not the Confluent magic byte 0x00")
                .setMarket("eu-hotels")
                .setStageId(1001L)
                .setAgent("h-3")
                .setAmount(-1.0)
                .setFormat(PaymentFormat.ALL_PAY)
                .setDashboardVersion(3L)
                .setBidId("b-1")
                .setRawBytes(ByteBuffer.wrap(new byte[] {'{', '"', 'a', '"', '}'}))
                .setSourceTopic("bids")
                .setSourcePartition(2)
                .setSourceOffset(12_345L)
                .setRejectedAt(T0.plusMillis(41))
                .build();
    }

    public static StageOutcome stageOutcome() {
        StageEntry first = StageEntry.newBuilder()
                .setAgent("h-1").setFormat(PaymentFormat.WINNER_PAYS_BID).setBid(2.75).setDashboardVersion(17L)
                .setBidId("b-9f3c").setStanding(false).setInferredValue(5.0).setClamped(false).setInstrumented(true)
                .setDraw(3.5).setWon(true).setPaid(2.75).setTruthfulPayment(1.5968)
                .build();
        StageEntry second = StageEntry.newBuilder()
                .setAgent("h-2").setFormat(PaymentFormat.ALL_PAY).setBid(0.4).setDashboardVersion(9L)
                .setBidId(null).setStanding(true).setInferredValue(3.0).setClamped(true).setInstrumented(false)
                .setDraw(3.0).setWon(false).setPaid(0.4).setTruthfulPayment(0.227)
                .build();
        return StageOutcome.newBuilder()
                .setMarket("eu-hotels")
                .setStageId(1001L)
                .setOpenedAt(T0.plusMillis(5))
                .setClosedAt(T0.plusMillis(305))
                .setCloseReason(CloseReason.DEADLINE)
                .setAlgorithm(AlgorithmType.SOFTMAX)
                .setRho(0.25)
                .setConfigUpdatedAt(T0)
                .setEntries(List.of(first, second))
                .build();
    }

    public static AgentBalance agentBalance() {
        return AgentBalance.newBuilder()
                .setMarket("eu-hotels")
                .setAgent("h-1")
                .setBalance(-1.1532)
                .setStagesCounted(57L)
                .setLastStageId(1001L)
                .setLastResidual(-1.1532)
                .setMaxAbsBalance(4.2)
                .setTotalPaid(80.5)
                .setTotalTruthful(79.3468)
                .setUpdatedAt(T0.plusMillis(305))
                .build();
    }

    public static Dashboard dashboard() {
        return Dashboard.newBuilder()
                .setMarket("eu-hotels")
                .setAgent("h-1")
                .setVersion(18L)
                .setFormat(PaymentFormat.WINNER_PAYS_BID)
                .setKind(DashboardKind.INSTRUMENTED)
                .setValues(List.of(0.0, 2.0, 4.0, 6.0, 8.0))
                .setBids(List.of(0.0, 1.1, 2.3, 3.6, 5.0))
                .setWinProbabilities(List.of(0.5, 0.55, 0.7, 0.85, 0.9))
                .setRebalancing(RebalancingKind.INDIVIDUALLY_RATIONAL)
                .setBalanceUsed(-1.1532)
                .setRho(0.25)
                .setEta(0.5)
                .setVDagger(1.4)
                .setSampleCount(312L)
                .setBasedOnStageId(1001L)
                .setPublishedAt(T0.plusMillis(400))
                .build();
    }

    /** One of each record type, in topic order. */
    public static List<org.apache.avro.specific.SpecificRecord> all() {
        return List.of(marketConfig(), auctionOpened(), bid(), rejectedBid(), stageOutcome(), agentBalance(),
                dashboard());
    }
}
