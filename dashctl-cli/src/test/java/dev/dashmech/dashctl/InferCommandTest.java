package dev.dashmech.dashctl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dashmech.dashctl.output.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InferCommandTest {

    @TempDir
    Path dir;

    /** Footnote 3's bid-allocation rule x̃(b) = b / (b + 2), tabulated on [0, 4]. */
    private String footnoteCurve() throws Exception {
        StringBuilder sb = new StringBuilder("bid,probability\n");
        for (int k = 0; k <= 80; k++) {
            double b = k * 0.05;
            sb.append(String.format(Locale.ROOT, "%.4f,%.10f%n", b, b / (b + 2)));
        }
        Path p = dir.resolve("x.csv");
        Files.writeString(p, sb);
        return p.toString();
    }

    private static JsonNode json(Run r) throws Exception {
        assertThat(r.exitCode()).as(r.err()).isZero();
        return Json.MAPPER.readTree(r.out());
    }

    @Test
    void shouldInferFootnoteThreesValueByEquationFive() throws Exception {
        JsonNode r = json(Run.of("infer", "--format", "wpb", "--bid-allocation-csv", footnoteCurve(), "--bid", "1",
                "--json"));

        assertThat(r.get("inferredValue").asDouble()).isCloseTo(2.5, within(1e-4));
        assertThat(r.get("method").asText()).isEqualTo("eq. 5");
    }

    @Test
    void shouldInferAnAllPayValueAsTheInverseSlope() throws Exception {
        Path p = dir.resolve("lin.csv");
        Files.writeString(p, "0,0\n1,0.25\n2,0.5\n3,0.75\n4,1\n");

        JsonNode r = json(Run.of("infer", "--format", "all-pay", "--bid-allocation-csv", p.toString(), "--bid", "2",
                "--json"));

        assertThat(r.get("inferredValue").asDouble()).isCloseTo(4, within(1e-9)); // v = 1 / x̃'(b)
    }

    @Test
    void shouldInvertADashboardPrintedByTheDashboardCommand() throws Exception {
        // given the winner-pays-bid dashboard of y(v) = v/4, as JSON
        Path rule = dir.resolve("y.csv");
        Files.writeString(rule, "0,0\n1,0.25\n2,0.5\n3,0.75\n4,1\n");
        Path dashboard = dir.resolve("d.json");
        Run d = Run.of("dashboard", "--format", "wpb", "--allocation-csv", rule.toString(), "--json");
        Files.writeString(dashboard, d.out());

        // when bidding 1.5, the bid of value 3
        JsonNode r = json(Run.of("infer", "--dashboard", dashboard.toString(), "--bid", "1.5", "--json"));

        // then
        assertThat(r.get("inferredValue").asDouble()).isCloseTo(3, within(1e-6));
        assertThat(r.get("format").asText()).isEqualTo("wpb");
        assertThat(r.get("clamp").asText()).isEqualTo("none");
        assertThat(r.get("winProbability").asDouble()).isCloseTo(0.75, within(1e-6));
    }

    @Test
    void shouldReportABidAboveTheDashboardAsClampedToVmax() throws Exception {
        Path rule = dir.resolve("y.csv");
        Files.writeString(rule, "0,0\n4,1\n");
        Path dashboard = dir.resolve("d.json");
        Files.writeString(dashboard, Run.of("dashboard", "--format", "wpb", "--allocation-csv", rule.toString(),
                "--json").out());

        Run r = Run.of("infer", "--dashboard", dashboard.toString(), "--bid", "50");

        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("above-highest-bid", "4.0000");
    }

    @Test
    void shouldExitWithTwoForADashboardFileThatIsNotOne() throws Exception {
        Path p = dir.resolve("d.json");
        Files.writeString(p, "{\"format\": \"wpb\", \"colour\": 3}");

        Run r = Run.of("infer", "--dashboard", p.toString(), "--bid", "1");

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("d.json", "colour");
    }

    @Test
    void shouldExitWithTwoForABidOutsideTheCurve() throws Exception {
        Run r = Run.of("infer", "--format", "wpb", "--bid-allocation-csv", footnoteCurve(), "--bid", "9");

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("--bid", "9.0", "outside");
    }

    @Test
    void shouldExitWithTwoWithoutAFormatForAnEquationFiveInference() throws Exception {
        Run r = Run.of("infer", "--bid-allocation-csv", footnoteCurve(), "--bid", "1");

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("--format");
    }

    @Test
    void shouldExitWithTwoGivenBothSources() throws Exception {
        Run r = Run.of("infer", "--bid-allocation-csv", footnoteCurve(), "--dashboard", "d.json", "--bid", "1");

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("exactly one of");
    }

    @Test
    void shouldExitWithTwoForABidThatIsNotANumber() {
        Run r = Run.of("infer", "--dashboard", "d.json", "--bid", "lots");

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("--bid");
    }
}
