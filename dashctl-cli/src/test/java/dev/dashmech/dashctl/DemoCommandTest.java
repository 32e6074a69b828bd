package dev.dashmech.dashctl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dashmech.dashctl.output.Json;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DemoCommandTest {

    @Test
    void shouldRefuseAPublishingCadenceThatOverResolvesBalances() {
        Run r = Run.of("demo", "--republish-every", "50", "--eta", "0.05");

        assertThat(r.exitCode()).isEqualTo(BadInputException.EXIT_CODE);
        assertThat(r.err()).contains("--republish-every", "50 × 0.05");
    }

    /** The whole loop on an embedded broker: engine, followers, stand-in publisher, deliberate bad bids. */
    @Test
    void shouldInferTrueValuesAndAccountForEveryBidOnARealBroker() throws Exception {
        Run r = Run.of("demo", "--stages", "60", "--agents", "4", "--republish-every", "20", "--json");

        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode json = Json.MAPPER.readTree(r.out());
        // 60 stages plus the fault stage, each closed because every eligible agent bid
        assertThat(json.get("stages").asLong()).isEqualTo(61);
        assertThat(json.get("stagesClosed").get("ALL_BID").asLong()).isEqualTo(61);
        // 4 agents × 60 stages + 2 good bids in the fault stage reach outcomes; each bad bid is rejected once
        assertThat(json.get("outcomeEntries").asLong()).isEqualTo(242);
        assertThat(Json.MAPPER.convertValue(json.get("rejected"), Map.class)).containsOnly(
                Map.entry("MALFORMED_BYTES", 1), Map.entry("UNKNOWN_STAGE", 1), Map.entry("LATE_BID", 1),
                Map.entry("BAD_AMOUNT", 1), Map.entry("UNKNOWN_DASHBOARD_VERSION", 1),
                Map.entry("DUPLICATE_BID", 1));
        assertThat(json.get("bidsSent").asLong()).isEqualTo(248);
        for (JsonNode agent : json.get("agents")) {
            // eq. 5 / Prop. 1: a follower's inferred value is its true value
            assertThat(agent.get("maxAbsInferenceError").asDouble()).as(agent.toString()).isCloseTo(0, within(1e-6));
            // Cor. 2 (ours for all-pay): the balance stays within vmax/(ρη)
            assertThat(agent.get("maxAbsBalance").asDouble()).isLessThanOrEqualTo(agent.get("balanceBound").asDouble());
            // three republications after the batches: the stand-in publisher's versions reach the bidders
            assertThat(agent.get("dashboardVersion").asLong()).isEqualTo(3);
        }
    }
}
