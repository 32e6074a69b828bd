package dev.dashmech.dashctl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dashmech.dashctl.output.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DashboardCommandTest {

    @TempDir
    Path dir;

    /** The rule y(v) = v / 4 on [0, 4]: winner-pays-bid bids v/2, all-pay bids v²/8. */
    private String linearRule() throws Exception {
        Path p = dir.resolve("y.csv");
        Files.writeString(p, "value,probability\n0,0\n1,0.25\n2,0.5\n3,0.75\n4,1\n");
        return p.toString();
    }

    private static JsonNode json(Run r) throws Exception {
        assertThat(r.exitCode()).as(r.err()).isZero();
        return Json.MAPPER.readTree(r.out());
    }

    @Test
    void shouldPrintTheWinnerPaysBidBidOfEveryValue() throws Exception {
        JsonNode d = json(Run.of("dashboard", "--format", "wpb", "--allocation-csv", linearRule(), "--json"));

        assertThat(d.get("format").asText()).isEqualTo("wpb");
        assertThat(d.get("values")).hasSize(5);
        for (int k = 1; k < 5; k++) {
            assertThat(d.get("bids").get(k).asDouble()).isCloseTo(k / 2.0, within(1e-4));
            assertThat(d.get("winProbabilities").get(k).asDouble()).isCloseTo(k / 4.0, within(1e-4));
        }
        assertThat(d.get("vDagger").isNull()).isTrue();
    }

    @Test
    void shouldPrintTheAllPayBidOfEveryValue() throws Exception {
        JsonNode d = json(Run.of("dashboard", "--format", "all-pay", "--allocation-csv", linearRule(), "--json"));

        for (int k = 1; k < 5; k++) {
            assertThat(d.get("bids").get(k).asDouble()).isCloseTo(k * k / 8.0, within(1e-4));
        }
    }

    @Test
    void shouldPrintAnAlignedTable() throws Exception {
        Run r = Run.of("dashboard", "--format", "wpb", "--allocation-csv", linearRule());

        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("wpb dashboard", "value", "bid", "winProbability");
        assertThat(r.out().lines().filter(l -> l.matches("\\s*\\d.*"))).hasSize(5);
    }

    @Test
    void shouldResampleTheRuleOnTheRequestedGrid() throws Exception {
        JsonNode d = json(Run.of("dashboard", "--format", "wpb", "--allocation-csv", linearRule(), "--grid", "9",
                "--json"));

        assertThat(d.get("values")).hasSize(9);
        assertThat(d.get("values").get(1).asDouble()).isEqualTo(0.5);
    }

    @Test
    void shouldPublishVDaggerForIndividuallyRationalRebalancing() throws Exception {
        JsonNode d = json(Run.of("dashboard", "--format", "wpb", "--allocation-csv", linearRule(), "--balance", "0.2",
                "--eta", "0.1", "--json"));

        assertThat(d.get("rebalancing").asText()).isEqualTo("individually-rational");
        assertThat(d.get("balance").asDouble()).isEqualTo(0.2);
        assertThat(d.get("vDagger").asDouble()).isPositive();
        Run table = Run.of("dashboard", "--format", "wpb", "--allocation-csv", linearRule(), "--balance", "0.2",
                "--eta", "0.1");
        assertThat(table.out()).contains("v† =", "<- v†");
    }

    @Test
    void shouldShiftAllPayBidsByTheReferenceRebalancing() throws Exception {
        JsonNode d = json(Run.of("dashboard", "--format", "all-pay", "--allocation-csv", linearRule(), "--balance",
                "2", "--eta", "0.5", "--json"));

        assertThat(d.get("rebalancing").asText()).isEqualTo("reference");
        assertThat(d.get("bids").get(2).asDouble()).isCloseTo(0.5 + 1.0, within(1e-4)); // c(2) + Lη
    }

    @Test
    void shouldExitWithTwoAndNameTheLineOfABadCsv() throws Exception {
        Path p = dir.resolve("bad.csv");
        Files.writeString(p, "0,0\n1,0.5\n2,0.4\n");

        Run r = Run.of("dashboard", "--format", "wpb", "--allocation-csv", p.toString());

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("bad.csv line 3", "0.4", "monotone");
    }

    @Test
    void shouldExitWithTwoForAnUnknownFormat() throws Exception {
        Run r = Run.of("dashboard", "--format", "vcg", "--allocation-csv", linearRule());

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("--format", "'vcg'");
    }

    @Test
    void shouldExitWithTwoForIndividuallyRationalRebalancingOfAnAllPayRule() throws Exception {
        Run r = Run.of("dashboard", "--format", "all-pay", "--allocation-csv", linearRule(), "--balance", "1",
                "--rebalancing", "ir");

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("--rebalancing", "winner-pays-bid");
    }

    @Test
    void shouldExitWithTwoForAnEtaOutsideTheUnitInterval() throws Exception {
        Run r = Run.of("dashboard", "--format", "wpb", "--allocation-csv", linearRule(), "--balance", "1",
                "--eta", "1.5");

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("--eta", "1.5");
    }
}
