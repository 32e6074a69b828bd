package dev.dashmech.engine.topology;

import static dev.dashmech.engine.topology.EngineTestKit.bid;
import static dev.dashmech.engine.topology.EngineTestKit.dashboard;
import static dev.dashmech.engine.topology.EngineTestKit.market;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dashmech.mechanism.bidding.BidTable;
import dev.dashmech.schemas.avro.Dashboard;
import dev.dashmech.schemas.avro.PaymentFormat;
import dev.dashmech.schemas.avro.StageEntry;
import dev.dashmech.schemas.avro.StageOutcome;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;

/** Replaying the same log gives bit-identical outcomes: every draw comes from (market seed, stage id). */
class DeterminismTest {

    private static final long LOG_SEED = 20250301L;

    /** A log of 300 stages of an instrumented two-format market with standing bids, some bad bids and dashboards. */
    private static void playLog(EngineTestKit kit, long marketSeed) {
        kit.configure(market().setSeed(marketSeed).setRho(0.2).setStandingBids(true)
                .setPaymentFormats(List.of(PaymentFormat.WINNER_PAYS_BID, PaymentFormat.ALL_PAY)).build());
        SplittableRandom random = new SplittableRandom(LOG_SEED);
        String[] agents = {"a", "b", "c", "d", "e"};
        long[] versions = new long[agents.length];
        BidTable[] tables = new BidTable[agents.length];
        BidTable prior = EngineTestKit.prior(PaymentFormat.WINNER_PAYS_BID);
        java.util.Arrays.fill(tables, prior);
        for (long stage = 1; stage <= 300; stage++) {
            long t = stage * 50;
            if (stage % 40 == 0) {
                int i = random.nextInt(agents.length);
                double power = 0.5 + random.nextDouble();
                Dashboard d = dashboard(agents[i], ++versions[i], PaymentFormat.WINNER_PAYS_BID,
                        z -> Math.pow(z / EngineTestKit.VMAX, power)).build();
                kit.publish(d, t);
                tables[i] = EngineTestKit.tableOf(d);
            }
            kit.open(stage, t);
            for (int i = 0; i < agents.length; i++) {
                if (random.nextDouble() < 0.6) {
                    double amount = tables[i].bidFor(random.nextDouble() * EngineTestKit.VMAX);
                    if (random.nextDouble() < 0.03) {
                        amount = -amount; // a bad amount now and then
                    }
                    kit.send(bid(stage, agents[i], amount).setDashboardVersion(versions[i]).build(),
                            t + 1 + random.nextInt(60)); // some after the deadline: late
                }
            }
        }
        kit.advanceTo(1_000_000);
    }

    private static List<byte[]> outcomeBytes(EngineTestKit kit) {
        List<byte[]> out = new ArrayList<>();
        for (TestRecord<String, byte[]> r : kit.outcomeBytes.readRecordsToList()) {
            out.add(r.value());
        }
        return out;
    }

    @Test
    void shouldGiveTheSameOutcomesOnRocksDbAsInMemory() {
        List<byte[]> inMemory;
        List<byte[]> rocksDb;
        try (EngineTestKit kit = EngineTestKit.start(c -> c.storeType(StoreType.IN_MEMORY))) {
            playLog(kit, EngineTestKit.SEED);
            inMemory = outcomeBytes(kit);
        }
        try (EngineTestKit kit = EngineTestKit.start(c -> c.storeType(StoreType.ROCKSDB))) {
            playLog(kit, EngineTestKit.SEED);
            rocksDb = outcomeBytes(kit);
        }

        assertThat(inMemory).hasSize(300);
        assertThat(rocksDb).hasSize(inMemory.size());
        for (int i = 0; i < inMemory.size(); i++) {
            assertThat(rocksDb.get(i)).as("outcome %d", i).isEqualTo(inMemory.get(i));
        }
    }

    @Test
    void shouldGiveByteIdenticalOutcomesWhenTheSameLogIsReplayed() {
        List<byte[]> first;
        List<byte[]> second;
        List<StageOutcome> decoded;
        try (EngineTestKit kit = EngineTestKit.start()) {
            playLog(kit, EngineTestKit.SEED);
            first = outcomeBytes(kit);
        }
        try (EngineTestKit kit = EngineTestKit.start()) {
            playLog(kit, EngineTestKit.SEED);
            second = outcomeBytes(kit);
        }
        try (EngineTestKit kit = EngineTestKit.start()) {
            playLog(kit, EngineTestKit.SEED);
            decoded = kit.outcomes();
        }

        assertThat(first).hasSize(300);
        assertThat(second).hasSize(first.size());
        for (int i = 0; i < first.size(); i++) {
            assertThat(second.get(i)).as("outcome %d", i).isEqualTo(first.get(i));
        }
        // the log exercises the random draws: instrumented entries and wins
        assertThat(decoded).flatExtracting(StageOutcome::getEntries).anyMatch(StageEntry::getInstrumented)
                .anyMatch(StageEntry::getWon).anyMatch(StageEntry::getStanding);
    }

    @Test
    void shouldDrawDifferentlyForAnotherMarketSeed() {
        List<StageOutcome> first;
        List<StageOutcome> other;
        try (EngineTestKit kit = EngineTestKit.start()) {
            playLog(kit, EngineTestKit.SEED);
            first = kit.outcomes();
        }
        try (EngineTestKit kit = EngineTestKit.start()) {
            playLog(kit, EngineTestKit.SEED + 1);
            other = kit.outcomes();
        }

        // the same bids and inferred values, other draws
        assertThat(other).flatExtracting(StageOutcome::getEntries).extracting(StageEntry::getInferredValue)
                .isEqualTo(first.stream().flatMap(o -> o.getEntries().stream()).map(StageEntry::getInferredValue)
                        .toList());
        assertThat(other).flatExtracting(StageOutcome::getEntries).extracting(StageEntry::getDraw)
                .isNotEqualTo(first.stream().flatMap(o -> o.getEntries().stream()).map(StageEntry::getDraw)
                        .toList());
    }
}
