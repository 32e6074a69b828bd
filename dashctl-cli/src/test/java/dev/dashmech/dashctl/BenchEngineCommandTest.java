package dev.dashmech.dashctl;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dashmech.dashctl.output.Json;
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

    /**
     * A small real run: embedded broker, the engine and the pass-through over the same 2,000 bids; every fourth
     * stage's auction comes after its bids, which wait for it.
     */
    @Test
    void shouldMeasureTheEngineAndThePassThroughOverTheSameBids() throws Exception {
        Run r = Run.of("bench", "engine", "--bids", "2000", "--agents-per-stage", "10", "--markets", "2",
                "--partitions", "2", "--late-auctions-every", "4", "--json");

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
    }
}
