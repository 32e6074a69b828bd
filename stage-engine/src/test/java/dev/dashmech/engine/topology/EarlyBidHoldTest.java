package dev.dashmech.engine.topology;

import static dev.dashmech.engine.topology.EngineTestKit.auction;
import static dev.dashmech.engine.topology.EngineTestKit.bid;
import static dev.dashmech.engine.topology.EngineTestKit.dashboard;
import static dev.dashmech.engine.topology.EngineTestKit.market;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dashmech.engine.metrics.EngineMetrics;
import dev.dashmech.mechanism.bidding.BidTable;
import dev.dashmech.schemas.avro.CloseReason;
import dev.dashmech.schemas.avro.Dashboard;
import dev.dashmech.schemas.avro.PaymentFormat;
import dev.dashmech.schemas.avro.RejectReason;
import dev.dashmech.schemas.avro.RejectedBid;
import dev.dashmech.schemas.avro.StageEntry;
import dev.dashmech.schemas.avro.StageOutcome;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Kafka Streams reads the engine's inputs as they are fetched (max.task.idle.ms waits only so long), so a bid can
 * overtake its auction or its dashboard version: the engine holds it until that record arrives, bounded in time and
 * number, and decides deadlines and lateness by the bids' own clock, so a stage's outcome does not depend on the
 * interleaving.
 */
class EarlyBidHoldTest {

    @Test
    void shouldTakeABidThatArrivesBeforeItsAuction() {
        try (EngineTestKit kit = EngineTestKit.start()) {
            // given a bid for stage 1 before the stage is opened
            kit.configure().send(bid(1, "a", 2).build(), 5);
            assertThat(kit.rejects()).isEmpty();
            assertThat(kit.meters.get(EngineMetrics.BIDS_WAITING).gauge().value()).isEqualTo(1);

            // when its auction arrives and the stage closes
            kit.open(1, 0).advanceTo(1_000);

            // then the bid is in the outcome, and nothing waits any more
            assertThat(kit.outcomes()).singleElement().satisfies(o -> assertThat(o.getEntries())
                    .extracting(StageEntry::getAgent).containsExactly("a"));
            assertThat(kit.rejects()).isEmpty();
            assertThat(kit.counter(EngineMetrics.BIDS_HELD, "waiting_for", "auction")).isEqualTo(1);
            assertThat(kit.meters.get(EngineMetrics.BIDS_WAITING).gauge().value()).isZero();
        }
    }

    @Test
    void shouldCloseAStageWhoseEligibleAgentsAllBidBeforeItOpened() {
        try (EngineTestKit kit = EngineTestKit.start()) {
            kit.configure().send(bid(1, "a", 2).build(), 5).send(bid(1, "b", 3).build(), 6);

            kit.open(1, 0, "a", "b");

            assertThat(kit.outcomes()).singleElement().satisfies(o -> {
                assertThat(o.getCloseReason()).isEqualTo(CloseReason.ALL_BID);
                assertThat(o.getClosedAt()).isEqualTo(EngineTestKit.T0.plusMillis(6)); // the clock when b's bid came
                assertThat(o.getEntries()).extracting(StageEntry::getAgent).containsExactly("a", "b");
            });
        }
    }

    @Test
    void shouldRejectAHeldBidAsUnknownWhenALaterStageOpensInstead() {
        try (EngineTestKit kit = EngineTestKit.start()) {
            kit.configure().open(1, 0).send(bid(2, "a", 2).build(), 5);

            kit.open(3, 10);

            assertThat(kit.rejects()).singleElement().satisfies(r -> {
                assertThat(r.getReason()).isEqualTo(RejectReason.UNKNOWN_STAGE);
                assertThat(r.getDetail()).contains("stage 2", "never opened");
            });
        }
    }

    @Test
    void shouldRejectAHeldBidAsLateWhenTheClockHadPassedItsDeadlineWhenItArrived() {
        try (EngineTestKit kit = EngineTestKit.start()) {
            // given a bid for stage 1 arriving at bid clock 500, then the auction of stage 1: opened at 0, tmax 100
            kit.configure().send(bid(1, "a", 2).build(), 500);

            kit.open(1, 0);

            assertThat(kit.rejects()).singleElement().satisfies(r -> {
                assertThat(r.getReason()).isEqualTo(RejectReason.LATE_BID);
                assertThat(r.getDetail()).contains("stage 1", "had its deadline", "waited for the stage's auction");
            });
            assertThat(kit.outcomes()).singleElement().satisfies(o -> assertThat(o.getEntries()).isEmpty());
        }
    }

    @Test
    void shouldRejectABidAtOnceWhenTheTaskHoldsItsMaximum() {
        try (EngineTestKit kit = EngineTestKit.start(c -> c.maxHeldBids(1))) {
            kit.configure().send(bid(1, "a", 2).build(), 5).send(bid(1, "b", 2).build(), 6);

            assertThat(kit.rejects()).singleElement().satisfies(r -> {
                assertThat(r.getReason()).isEqualTo(RejectReason.UNKNOWN_STAGE);
                assertThat(r.getAgent()).isEqualTo("b");
                assertThat(r.getDetail()).contains("already holds 1 bids, its maximum");
            });

            kit.open(1, 0).advanceTo(1_000);
            assertThat(kit.outcomes()).singleElement().satisfies(o -> assertThat(o.getEntries())
                    .extracting(StageEntry::getAgent).containsExactly("a"));
        }
    }

    @Test
    void shouldTakeABidWhoseDashboardVersionArrivesAfterIt() {
        try (EngineTestKit kit = EngineTestKit.start()) {
            Dashboard v1 = dashboard("a", 1, PaymentFormat.WINNER_PAYS_BID, z -> z / EngineTestKit.VMAX).build();
            double amount = EngineTestKit.tableOf(v1).bidFor(5);
            kit.configure().open(1, 0).send(bid(1, "a", amount).setDashboardVersion(1).build(), 5);
            assertThat(kit.rejects()).isEmpty();

            kit.publish(v1, 6).advanceTo(1_000);

            assertThat(kit.outcomes()).singleElement().satisfies(o -> assertThat(o.getEntries()).singleElement()
                    .satisfies(e -> {
                        assertThat(e.getDashboardVersion()).isEqualTo(1);
                        assertThat(e.getInferredValue()).isCloseTo(5, org.assertj.core.api.Assertions.within(1e-9));
                    }));
            assertThat(kit.counter(EngineMetrics.BIDS_HELD, "waiting_for", "dashboard")).isEqualTo(1);
        }
    }

    @Test
    void shouldEndAHoldOnWallClockTimeWhenNoMoreBidsCome() {
        try (EngineTestKit kit = EngineTestKit.start(c -> c.idleCloseInterval(Duration.ofMillis(50))
                .earlyBidHold(Duration.ofMillis(500)))) {
            // given a live engine holding a bid for stage 1, whose auction never comes, and no further records
            kit.configure().send(bid(1, "a", 2).build(), 10);

            // when wall-clock time passes: the first period saw the bid, then idle periods until 500 ms are over
            for (int k = 0; k < 12; k++) {
                kit.driver.advanceWallClockTime(Duration.ofMillis(50));
            }

            // then the hold ended and the bid is rejected, saying it waited
            assertThat(kit.rejects()).singleElement().satisfies(r -> {
                assertThat(r.getReason()).isEqualTo(RejectReason.UNKNOWN_STAGE);
                assertThat(r.getDetail()).contains("waited PT0.5S");
            });
        }
    }

    @Test
    void shouldRejectTheHeldBidsOfAMarketThatRetires() {
        try (EngineTestKit kit = EngineTestKit.start()) {
            // given two bids waiting for stage 1, then the market's configuration is deleted
            kit.configure().send(bid(1, "a", 2).build(), 5).send(bid(1, "b", 2).build(), 6);
            kit.markets.pipeInput(EngineTestKit.MARKET, null, EngineTestKit.T0.plusMillis(7));

            // when the auction of stage 1 arrives (ignored: the market is unknown) and the holds end
            kit.open(1, 0).advanceTo(60_000);

            // then both bids are rejected, once each, and nothing waits any more
            assertThat(kit.outcomes()).isEmpty();
            assertThat(kit.rejects()).extracting(RejectedBid::getAgent, RejectedBid::getReason).containsExactly(
                    org.assertj.core.groups.Tuple.tuple("a", RejectReason.UNKNOWN_MARKET),
                    org.assertj.core.groups.Tuple.tuple("b", RejectReason.UNKNOWN_MARKET));
            assertThat(kit.meters.get(EngineMetrics.BIDS_WAITING).gauge().value()).isZero();
        }
    }

    @Test
    void shouldNotCloseStagesOnTheTimestampsOfAuctions() {
        try (EngineTestKit kit = EngineTestKit.start()) {
            // given stage 1 (deadline 100) and an auction stamped far later
            kit.configure().open(1, 0).open(2, 5_000);

            // then stage 1 is still open: only the bids' clock closes stages
            assertThat(kit.outcomes()).isEmpty();
            kit.send(bid(1, "a", 2).build(), 50).send(bid(2, "a", 2).build(), 150);
            assertThat(kit.outcomes()).singleElement().satisfies(o -> {
                assertThat(o.getStageId()).isEqualTo(1);
                assertThat(o.getEntries()).extracting(StageEntry::getAgent).containsExactly("a");
            });
        }
    }

    // ------------------------------------------------------------------------------------------ interleavings

    private record In(String topic, Object record, long at) {
    }

    /**
     * A log of 150 overlapping stages of an instrumented market (every third with an eligibility list, so it closes
     * when all have bid), bids from 5 agents some of them late, duplicates and bad amounts, and dashboards; as three
     * per-topic sequences.
     */
    private static List<List<In>> log() {
        List<In> auctions = new ArrayList<>();
        List<In> bids = new ArrayList<>();
        List<In> dashboards = new ArrayList<>();
        SplittableRandom random = new SplittableRandom(77);
        String[] agents = {"a", "b", "c", "d", "e"};
        long[] versions = new long[agents.length];
        BidTable[] tables = new BidTable[agents.length];
        java.util.Arrays.fill(tables, EngineTestKit.prior(PaymentFormat.WINNER_PAYS_BID));
        for (long stage = 1; stage <= 150; stage++) {
            long t = stage * 40;
            if (stage % 25 == 0) {
                int i = random.nextInt(agents.length);
                double power = 0.5 + random.nextDouble();
                Dashboard d = dashboard(agents[i], ++versions[i], PaymentFormat.WINNER_PAYS_BID,
                        z -> Math.pow(z / EngineTestKit.VMAX, power)).build();
                dashboards.add(new In("dashboards", d, t));
                tables[i] = EngineTestKit.tableOf(d);
            }
            var auction = auction(stage, t);
            if (stage % 3 == 0) {
                auction.setEligibleAgents(List.of("a", "b", "c"));
            }
            auctions.add(new In("auctions", auction.build(), t));
            for (int i = 0; i < agents.length; i++) {
                if (random.nextDouble() < 0.7) {
                    double amount = tables[i].bidFor(random.nextDouble() * EngineTestKit.VMAX);
                    if (random.nextDouble() < 0.03) {
                        amount = -1 - amount;
                    }
                    int copies = random.nextDouble() < 0.03 ? 2 : 1;
                    for (int k = 0; k < copies; k++) {
                        bids.add(new In("bids", bid(stage, agents[i], amount).setDashboardVersion(versions[i])
                                .build(), t + random.nextInt(140)));
                    }
                }
            }
        }
        bids.sort(Comparator.comparingLong(In::at)); // one producer's bids, in time order
        return List.of(auctions, bids, dashboards);
    }

    /**
     * Merges the auctions and bids with {@code pickAuction} deciding at each step; a dashboard goes just before the
     * first bid that names it (an agent bids on a version it has seen).
     */
    private static List<In> merge(List<List<In>> log, java.util.function.BooleanSupplier pickAuction) {
        List<In> auctions = log.get(0);
        List<In> bids = log.get(1);
        List<In> dashboards = new ArrayList<>(log.get(2));
        List<In> out = new ArrayList<>();
        int a = 0;
        int b = 0;
        while (a < auctions.size() || b < bids.size()) {
            if (b >= bids.size() || (a < auctions.size() && pickAuction.getAsBoolean())) {
                out.add(auctions.get(a++));
            } else {
                In bid = bids.get(b++);
                var record = (dev.dashmech.schemas.avro.Bid) bid.record();
                dashboards.removeIf(d -> {
                    Dashboard dash = (Dashboard) d.record();
                    boolean needed = dash.getAgent().equals(record.getAgent())
                            && dash.getVersion() <= record.getDashboardVersion();
                    if (needed) {
                        out.add(d);
                    }
                    return needed;
                });
                out.add(bid);
            }
        }
        return out;
    }

    private record Played(List<StageOutcome> outcomes, List<String> rejects) {
    }

    private static Played play(List<In> inputs) {
        return play(inputs, c -> { });
    }

    private static Played play(List<In> inputs, Consumer<StageEngineConfig.Builder> settings) {
        try (EngineTestKit kit = EngineTestKit.start(settings)) {
            kit.configure(market().setRho(0.2).build());
            for (In in : inputs) {
                switch (in.topic()) {
                    case "auctions" -> kit.open((dev.dashmech.schemas.avro.AuctionOpened) in.record());
                    case "bids" -> kit.send((dev.dashmech.schemas.avro.Bid) in.record(), in.at());
                    default -> kit.publish((Dashboard) in.record(), in.at());
                }
            }
            kit.advanceTo(1_000_000);
            List<StageOutcome> outcomes = new ArrayList<>(kit.outcomes());
            outcomes.sort(Comparator.comparingLong(StageOutcome::getStageId));
            List<String> rejects = kit.rejects().stream()
                    .map(r -> r.getAgent() + "@" + r.getStageId() + "#" + r.getAmount() + ":" + r.getReason())
                    .sorted().toList();
            return new Played(outcomes, rejects);
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void shouldGiveTheSameOutcomesHoweverAuctionsAndBidsInterleave(long seed) {
        List<List<In>> log = log();
        // auctions as far ahead as they can be; then every bid before every auction; then a random interleaving
        Played auctionsFirst = play(merge(log, () -> true));
        Played bidsFirst = play(merge(log, () -> false));
        SplittableRandom random = new SplittableRandom(seed);
        Played mixed = play(merge(log, () -> random.nextDouble() < 0.1));

        assertThat(auctionsFirst.outcomes()).hasSize(150);
        assertThat(auctionsFirst.outcomes()).flatExtracting(StageOutcome::getEntries).hasSizeGreaterThan(300);
        assertThat(auctionsFirst.rejects()).anyMatch(r -> r.endsWith("LATE_BID"))
                .anyMatch(r -> r.endsWith("DUPLICATE_BID")).anyMatch(r -> r.endsWith("BAD_AMOUNT"));
        assertThat(bidsFirst).as("every bid before its auction").isEqualTo(auctionsFirst);
        assertThat(mixed).as("random interleaving, seed %d", seed).isEqualTo(auctionsFirst);
    }

    @Test
    void shouldLoseTheBidsAheadOfTheirAuctionWhenHoldingIsOff() {
        // the check above can fail: without holds, every bid ahead of its auction is UNKNOWN_STAGE
        Played bidsFirst = play(merge(log(), () -> false), c -> c.earlyBidHold(Duration.ZERO));

        assertThat(bidsFirst.outcomes()).flatExtracting(StageOutcome::getEntries).isEmpty();
        assertThat(bidsFirst.rejects()).filteredOn(r -> r.endsWith("UNKNOWN_STAGE")).hasSizeGreaterThan(300);
    }
}
