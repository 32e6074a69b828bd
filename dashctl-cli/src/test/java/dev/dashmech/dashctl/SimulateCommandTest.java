package dev.dashmech.dashctl;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dashmech.dashctl.output.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimulateCommandTest {

    private static final String SCENARIO = """
            market:
              allocation: {type: softmax, temperature: 1, reserve: 1}
              valueMax: 10
            agents:
              - {id: alpha, format: wpb, value: 7}
              - {id: beta, format: all-pay, value: {process: random-walk, start: 4, step: 0.2}}
            stages: 200
            seed: 3
            """;

    @TempDir
    Path dir;

    private String file(String yaml) throws Exception {
        Path p = dir.resolve("s.yaml");
        Files.writeString(p, yaml);
        return p.toString();
    }

    @Test
    void shouldPrintAReadableReportWithOneRowPerAgent() throws Exception {
        Run r = Run.of("simulate", "--scenario", file(SCENARIO));

        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("softmax, inferred-values dashboard", "200 stages, seed 3", "welfare");
        assertThat(r.out().lines().filter(l -> l.startsWith("alpha") || l.startsWith("beta"))).hasSize(2);
        assertThat(r.out()).contains("Cor. 1");
        assertThat(r.err()).contains("simulated 200 stages of 2 agents");
    }

    @Test
    void shouldPrintTheSameJsonForTheSameSeed() throws Exception {
        String f = file(SCENARIO);

        Run a = Run.of("simulate", "--scenario", f, "--json");
        Run b = Run.of("simulate", "--scenario", f, "--json");

        assertThat(a.exitCode()).isZero();
        assertThat(a.out()).isEqualTo(b.out());
        JsonNode report = Json.MAPPER.readTree(a.out());
        assertThat(report.get("agents")).hasSize(2);
        assertThat(report.get("agents").get(0).get("id").asText()).isEqualTo("alpha");
        assertThat(report.get("agents").get(0).get("balanceBound").asDouble()).isEqualTo(100.0);
    }

    @Test
    void shouldLetOptionsReplaceStagesAndSeed() throws Exception {
        Run r = Run.of("simulate", "--scenario", file(SCENARIO), "--stages", "50", "--seed", "9", "--json");

        JsonNode report = Json.MAPPER.readTree(r.out());
        assertThat(report.get("stages").asLong()).isEqualTo(50);
        assertThat(report.get("seed").asLong()).isEqualTo(9);
        assertThat(report.get("agents").get(0).get("activeStages").asLong()).isEqualTo(50);
    }

    @Test
    void shouldExitWithTwoAndNameTheKeyOfABadScenario() throws Exception {
        Run r = Run.of("simulate", "--scenario", file(SCENARIO.replace("valueMax: 10", "valueMax: -1")));

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("dashctl simulate:", "market.valueMax", "-1.0");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void shouldExitWithTwoForAMissingScenarioFile() {
        Run r = Run.of("simulate", "--scenario", dir.resolve("nope.yaml").toString());

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("nope.yaml does not exist");
    }

    @Test
    void shouldExitWithTwoForZeroStages() throws Exception {
        Run r = Run.of("simulate", "--scenario", file(SCENARIO), "--stages", "0");

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("--stages");
    }

    @Test
    void shouldRunEveryExampleScenario() throws Exception {
        try (var examples = Files.list(Path.of("..", "examples"))) {
            var files = examples.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
            assertThat(files).hasSizeGreaterThanOrEqualTo(3);
            for (Path p : files) {
                Run r = Run.of("simulate", "--scenario", p.toString(), "--stages", "60");

                assertThat(r.exitCode()).as(p + ": " + r.err()).isZero();
            }
        }
    }
}
