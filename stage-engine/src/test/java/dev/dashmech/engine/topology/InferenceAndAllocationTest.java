package dev.dashmech.engine.topology;

import static dev.dashmech.engine.topology.EngineTestKit.SEED;
import static dev.dashmech.engine.topology.EngineTestKit.VMAX;
import static dev.dashmech.engine.topology.EngineTestKit.bid;
import static dev.dashmech.engine.topology.EngineTestKit.dashboard;
import static dev.dashmech.engine.topology.EngineTestKit.market;
import static dev.dashmech.engine.topology.EngineTestKit.mechanism;
import static dev.dashmech.engine.topology.EngineTestKit.prior;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.dashmech.engine.metrics.EngineMetrics;
import dev.dashmech.mechanism.algorithm.Softmax;
import dev.dashmech.mechanism.bidding.BidTable;
import dev.dashmech.mechanism.random.StageRandom;
import dev.dashmech.mechanism.rule.ValueGrid;
import dev.dashmech.mechanism.stage.DashboardMechanismStage;
import dev.dashmech.mechanism.stage.StageBids;
import dev.dashmech.schemas.avro.AlgorithmType;
import dev.dashmech.schemas.avro.AllocationAlgorithm;
import dev.dashmech.schemas.avro.Dashboard;
import dev.dashmech.schemas.avro.PaymentFormat;
import dev.dashmech.schemas.avro.StageEntry;
import dev.dashmech.schemas.avro.StageOutcome;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Values inferred by inverting the named dashboard, and the stage the mechanism runs on them. */
class InferenceAndAllocationTest {

    @Test
    void shouldInferTheTrueValuesOfBiddersThatFollowThePrior() {
        try (EngineTestKit kit = EngineTestKit.start()) {
            // given three bidders with values 5, 3 and 7.25 that bid what the prior dashboard says
            BidTable prior = prior(PaymentFormat.WINNER_PAYS_BID);
            kit.configure().open(1, 0, "a", "b", "c");

            kit.send(bid(1, "a", prior.bidFor(5)).build(), 1).send(bid(1, "b", prior.bidFor(3)).build(), 2)
                    .send(bid(1, "c", prior.bidFor(7.25)).build(), 3);

            // then the engine infers the true values
            assertThat(kit.outcomes()).singleElement().satisfies(o -> {
                assertThat(o.getEntries()).extracting(StageEntry::getInferredValue)
                        .satisfiesExactly(v -> assertThat(v).isCloseTo(5, within(1e-9)),
                                v -> assertThat(v).isCloseTo(3, within(1e-9)),
                                v -> assertThat(v).isCloseTo(7.25, within(1e-9)));
                assertThat(o.getEntries()).noneMatch(StageEntry::getClamped);
            });
        }
    }

    @Test
    void shouldInvertTheDashboardVersionTheBidNamesNotTheNewest() {
        try (EngineTestKit kit = EngineTestKit.start()) {
            // given two versions of a's dashboard with different rules
            Dashboard v1 = dashboard("a", 1, PaymentFormat.WINNER_PAYS_BID, z -> z / VMAX).build();
            Dashboard v2 = dashboard("a", 2, PaymentFormat.WINNER_PAYS_BID, z -> Math.pow(z / VMAX, 2)).build();
            kit.configure().publish(v1, 0).publish(v2, 0).open(1, 0, "a");

            // when a bids its version-1 bid for value 5
            double amount = EngineTestKit.tableOf(v1).bidFor(5);
            kit.send(bid(1, "a", amount).setDashboardVersion(1).build(), 1);

            // then the value is 5 (version 2 would have given another)
            assertThat(EngineTestKit.tableOf(v2).inferValue(amount)).isNotCloseTo(5, within(0.1));
            assertThat(kit.outcomes()).singleElement().satisfies(o -> assertThat(o.getEntries()).singleElement()
                    .satisfies(e -> {
                        assertThat(e.getInferredValue()).isCloseTo(5, within(1e-9));
                        assertThat(e.getDashboardVersion()).isEqualTo(1);
                    }));
        }
    }

    @Test
    void shouldClampABidAboveTheDashboardsTopBidToVmaxAndCountIt() {
        try (EngineTestKit kit = EngineTestKit.start()) {
            kit.configure().open(1, 0, "a").send(bid(1, "a", 100).build(), 1);

            assertThat(kit.outcomes()).singleElement().satisfies(o -> assertThat(o.getEntries()).singleElement()
                    .satisfies(e -> {
                        assertThat(e.getInferredValue()).isEqualTo(VMAX);
                        assertThat(e.getClamped()).isTrue();
                        assertThat(e.getBid()).isEqualTo(100);
                    }));
            assertThat(kit.counter(EngineMetrics.BIDS_CLAMPED, "direction", "above")).isEqualTo(1);
        }
    }

    /**
     * The engine's entries are what the mechanism's stage gives for the same bids and tables with the generator of
     * (market seed, stage id): one instrumented call (ρ > 0, implicit payments) or the uninstrumented call with the
     * counterfactual truthful payments (ρ = 0, Def. 11/12).
     */
    @ParameterizedTest(name = "rho={0}, format={1}")
    @CsvSource({"0, WINNER_PAYS_BID", "0, ALL_PAY", "0.3, WINNER_PAYS_BID", "0.3, ALL_PAY"})
    void shouldReportWhatTheMechanismsStageGivesForTheStagesSeed(double rho, PaymentFormat format) {
        try (EngineTestKit kit = EngineTestKit.start()) {
            kit.configure(market().setRho(rho).setPaymentFormats(List.of(format)).build());
            BidTable table = prior(format);
            double[] values = {5, 3, 6.5, 1};
            String[] agents = {"a", "b", "c", "d"};
            for (long stage = 1; stage <= 20; stage++) {
                kit.open(stage, stage * 10, agents);
                for (int i = 0; i < agents.length; i++) {
                    kit.send(bid(stage, agents[i], table.bidFor(values[i])).setFormat(format).build(), stage * 10 + i);
                }
            }

            List<StageOutcome> outcomes = kit.outcomes();

            assertThat(outcomes).hasSize(20);
            DashboardMechanismStage mechanism = DashboardMechanismStage.of(Softmax.of(1, 0), rho,
                    ValueGrid.uniform(VMAX, 65));
            for (StageOutcome o : outcomes) {
                StageBids bids = new StageBids();
                for (double v : values) {
                    bids.add(table.bidFor(v), mechanism(format), table);
                }
                var expected = mechanism.run(bids, StageRandom.of(SEED, o.getStageId()),
                        new dev.dashmech.mechanism.stage.StageOutcome());
                assertThat(o.getRho()).isEqualTo(rho);
                assertThat(o.getAlgorithm()).isEqualTo(AlgorithmType.SOFTMAX);
                for (int i = 0; i < agents.length; i++) {
                    StageEntry e = o.getEntries().get(i);
                    assertThat(e.getAgent()).isEqualTo(agents[i]);
                    assertThat(e.getInferredValue()).isEqualTo(expected.inferredValue(i));
                    assertThat(e.getInstrumented()).isEqualTo(expected.instrumented(i));
                    assertThat(e.getDraw()).isEqualTo(expected.input(i));
                    assertThat(e.getWon()).isEqualTo(expected.won(i));
                    assertThat(e.getPaid()).isEqualTo(expected.paid(i));
                    assertThat(e.getTruthfulPayment()).isEqualTo(expected.truthful(i));
                    assertThat(e.getPaid()).isEqualTo(format == PaymentFormat.ALL_PAY || e.getWon() ? e.getBid() : 0);
                }
            }
            // the single call realises at most one winner of the single item
            assertThat(outcomes).allSatisfy(o -> assertThat(o.getEntries().stream().filter(StageEntry::getWon).count())
                    .isLessThanOrEqualTo(1));
            assertThat(outcomes).anySatisfy(o -> assertThat(o.getEntries()).anyMatch(StageEntry::getWon));
        }
    }

    @Test
    void shouldWeighAgentsByTheMarketsQualityWeights() {
        try (EngineTestKit kit = EngineTestKit.start()) {
            // given a softmax market where agent b's weight is 3
            kit.configure(market().setAlgorithm(AllocationAlgorithm.newBuilder().setType(AlgorithmType.SOFTMAX)
                    .setTemperature(1).setReserve(0).setQualityWeights(Map.of("b", 3.0)).build()).build());
            BidTable table = prior(PaymentFormat.WINNER_PAYS_BID);
            for (long stage = 1; stage <= 10; stage++) {
                kit.open(stage, stage * 10, "a", "b").send(bid(stage, "a", table.bidFor(4)).build(), stage * 10)
                        .send(bid(stage, "b", table.bidFor(4)).build(), stage * 10 + 1);
            }

            // then each stage is the mechanism's stage with weights (1, 3) in agent order
            DashboardMechanismStage weighted = DashboardMechanismStage.of(Softmax.of(1, 0, 1, 3), 0,
                    ValueGrid.uniform(VMAX, 65));
            for (StageOutcome o : kit.outcomes()) {
                StageBids bids = new StageBids();
                bids.add(table.bidFor(4), mechanism(PaymentFormat.WINNER_PAYS_BID), table);
                bids.add(table.bidFor(4), mechanism(PaymentFormat.WINNER_PAYS_BID), table);
                var expected = weighted.run(bids, StageRandom.of(SEED, o.getStageId()),
                        new dev.dashmech.mechanism.stage.StageOutcome());
                assertThat(o.getEntries()).extracting(StageEntry::getWon)
                        .containsExactly(expected.won(0), expected.won(1));
                assertThat(o.getEntries()).extracting(StageEntry::getTruthfulPayment)
                        .containsExactly(expected.truthful(0), expected.truthful(1));
            }
        }
    }

    @Test
    void shouldRefuseAMarketConfigurationTheEngineCannotRunAndKeepThePrevious() {
        try (EngineTestKit kit = EngineTestKit.start()) {
            // given a valid configuration, then one with per-agent value ranges
            kit.configure().configure(market().setValueMaxByAgent(Map.of("a", 4.0)).setStageDeadlineMs(5).build());

            // when a stage opens: the first configuration (deadline 100) is in force
            kit.open(1, 0).advanceTo(50);

            assertThat(kit.outcomes()).isEmpty();
            assertThat(kit.counter(EngineMetrics.INPUT_IGNORED, "topic", "markets", "reason", "refused")).isEqualTo(1);
        }
    }
}
