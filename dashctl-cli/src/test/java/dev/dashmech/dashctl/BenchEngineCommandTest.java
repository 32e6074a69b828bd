package dev.dashmech.dashctl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dashmech.dashctl.output.Json;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BenchEngineCommandTest {

    @Test
    void shouldRefuseBidsThatDoNotFillWholeStages() {
        Run r = Run.of("bench", "engine", "--bids", "15", "--agents-per-stage", "10");

        assertThat(r.exitCode()).isEqualTo(BadInputException.EXIT_CODE);
        assertThat(r.err()).contains("--bids 15", "--agents-per-stage 10");
    }

    @Test
    void shouldRefuseANegativeLateAuctionPeriod() {
        Run r = Run.of("bench", "engine", "--bids", "20", "--late-auctions-every", "-1");

        assertThat(r.exitCode()).isEqualTo(BadInputException.EXIT_CODE);
        assertThat(r.err()).contains("--late-auctions-every must be >= 0", "-1");
    }

    @Test
    void shouldRefuseNoRounds() {
        Run r = Run.of("bench", "engine", "--bids", "20", "--rounds", "0");

        assertThat(r.exitCode()).isEqualTo(BadInputException.EXIT_CODE);
        assertThat(r.err()).contains("--rounds must be between 1 and 99, was 0");
    }

    @Test
    void shouldRefuseNegativeWarmupRounds() {
        Run r = Run.of("bench", "engine", "--bids", "20", "--warmup-rounds", "-1");

        assertThat(r.exitCode()).isEqualTo(BadInputException.EXIT_CODE);
        assertThat(r.err()).contains("--warmup-rounds must be between 0 and 99, was -1");
    }

    @Test
    void shouldRefuseAnEngineSettingThatChangesTheGuarantee() {
        Run r = Run.of("bench", "engine", "--bids", "20", "--engine-config", "processing.guarantee=at_least_once");

        assertThat(r.exitCode()).isEqualTo(BadInputException.EXIT_CODE);
        assertThat(r.err()).contains("processing.guarantee", "at_least_once");
    }

    /**
     * A small real run: embedded broker, the engine and the pass-through over the same 2,000 bids; every fourth
     * stage's auction comes after its bids, which wait for it; a warm-up round and two counted ones, the engine with
     * one setting of its own.
     */
    @Test
    void shouldMeasureTheEngineAndThePassThroughOverTheSameBids() throws Exception {
        Run r = Run.of("bench", "engine", "--bids", "2000", "--agents-per-stage", "10", "--markets", "2",
                "--partitions", "2", "--late-auctions-every", "4", "--warmup-rounds", "1", "--rounds", "2",
                "--engine-config",
                "max.task.idle.ms=50", "--json");

        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode json = Json.MAPPER.readTree(r.out());
        assertThat(json.get("engineBidsPerSecond").asDouble()).isPositive();
        assertThat(json.get("passThroughBidsPerSecond").asDouble()).isPositive();
        assertThat(json.get("ratio").asDouble()).isEqualTo(json.get("engineBidsPerSecond").asDouble()
                / json.get("passThroughBidsPerSecond").asDouble());
        assertThat(json.get("stagesClosed").asLong()).isEqualTo(200);
        assertThat(json.get("bidsRejected").asLong()).isZero();
        // at most 50 late auctions × 10 bids wait (Kafka Streams reads in time order, so normally all of them)
        assertThat(json.get("bidsHeld").asLong()).isBetween(1L, 500L);
        assertThat(json.get("engineConfig").get("max.task.idle.ms").asText()).isEqualTo("50");
        assertThat(json.get("jvmArguments").isArray()).isTrue();
        JsonNode rounds = json.get("rounds");
        assertThat(rounds).hasSize(3);
        double engineSum = 0;
        double passSum = 0;
        double ratioSum = 0;
        List<Double> countedCpuRatios = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            JsonNode round = rounds.get(i);
            assertThat(round.get("warmup").asBoolean()).isEqualTo(i == 0);
            assertThat(round.get("stagesClosed").asLong()).isEqualTo(200);
            assertThat(round.get("bidsRejected").asLong()).isZero();
            // stream-thread CPU per bid: null only when a run was too short to see (2,000 bids can be)
            JsonNode engineCpu = round.get("engineCpuNanosPerBid");
            JsonNode passCpu = round.get("passThroughCpuNanosPerBid");
            assertThat(round.has("cpuRatio")).isTrue();
            if (!engineCpu.isNull() && !passCpu.isNull()) {
                assertThat(engineCpu.asDouble()).isPositive();
                assertThat(round.get("cpuRatio").asDouble()).isCloseTo(passCpu.asDouble() / engineCpu.asDouble(),
                        within(1e-9));
            }
            // blocked and GC time over the timed window (a block or pause that began before it counts whole)
            for (String key : List.of("engineBlockedSeconds", "passThroughBlockedSeconds", "engineGcSeconds",
                    "passThroughGcSeconds")) {
                assertThat(round.get(key).isNumber()).as(key).isTrue();
                assertThat(round.get(key).asDouble()).as(key).isBetween(0.0, 60.0);
            }
            if (i > 0 && !round.get("cpuRatio").isNull()) {
                countedCpuRatios.add(round.get("cpuRatio").asDouble());
            }
            if (i > 0) {
                ratioSum += round.get("ratio").asDouble();
                engineSum += round.get("engineBidsPerSecond").asDouble();
                passSum += round.get("passThroughBidsPerSecond").asDouble();
            }
        }
        // the warm-up round is not counted; the median of the two counted rounds is their mean
        assertThat(json.get("engineBidsPerSecond").asDouble()).isCloseTo(engineSum / 2, within(1e-6 * engineSum));
        assertThat(json.get("passThroughBidsPerSecond").asDouble()).isCloseTo(passSum / 2, within(1e-6 * passSum));
        assertThat(json.get("medianRoundRatio").asDouble()).isCloseTo(ratioSum / 2, within(1e-9));
        // the CPU ratio is the median of the counted rounds that measured it
        if (countedCpuRatios.isEmpty()) {
            assertThat(json.get("cpuRatio").isNull()).isTrue();
        } else {
            double expected = countedCpuRatios.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
            assertThat(json.get("cpuRatio").asDouble()).isCloseTo(expected, within(1e-9));
        }
    }
}
