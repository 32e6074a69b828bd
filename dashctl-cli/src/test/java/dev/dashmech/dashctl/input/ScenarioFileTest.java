package dev.dashmech.dashctl.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dashmech.dashctl.BadInputException;
import dev.dashmech.mechanism.bidding.PaymentFormat;
import dev.dashmech.mechanism.dashboard.DashboardKind;
import dev.dashmech.mechanism.rebalance.RebalancingMode;
import dev.dashmech.mechanism.simulate.AgentSpec;
import dev.dashmech.mechanism.simulate.Scenario;
import dev.dashmech.mechanism.simulate.Strategy;
import dev.dashmech.mechanism.simulate.ValueProcess;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScenarioFileTest {

    private static final String MINIMAL = """
            market:
              allocation: {type: softmax}
              valueMax: 10
            agents:
              - {id: a, format: wpb, value: 5}
            stages: 100
            """;

    private static Scenario parse(String yaml) {
        return ScenarioFile.parse("s.yaml", yaml, null, null);
    }

    @Test
    void shouldReadEveryKeyOfAFullScenario() {
        // given
        String yaml = """
                market:
                  allocation: {type: slots, temperature: 0.5, reserve: 1, ctrs: [0.3, 0.2]}
                  valueMax: 8
                  rho: 0.2
                  eta: 0.25
                  dashboard: instrumented
                  lookback: 3
                  grid: 33
                  rebalancing: reference
                  hysteresis: 2
                  publishEvery: 4
                  refitEvery: 5
                  forgetting: 0.999
                agents:
                  - {id: a, format: all-pay, value: 5, strategy: follow}
                  - id: b
                    format: all-pay
                    value: {process: random-walk, start: 3, step: 0.1}
                    strategy: {shade: 0.8}
                    enterAt: 10
                    leaveAt: 50
                  - {id: c, format: all-pay, value: {process: jump, before: 2, after: 6, atStage: 40},
                     strategy: truthful-baseline}
                stages: 100
                seed: 7
                """;

        // when
        Scenario s = parse(yaml);

        // then
        assertThat(s.market().allocation().type()).isEqualTo("slots");
        assertThat(s.market().allocation().ctrs()).containsExactly(0.3, 0.2);
        assertThat(s.market().allocation().temperature()).isEqualTo(0.5);
        assertThat(s.market().allocation().reserve()).isEqualTo(1);
        assertThat(s.market().valueMax()).isEqualTo(8);
        assertThat(s.market().rho()).isEqualTo(0.2);
        assertThat(s.market().eta()).isEqualTo(0.25);
        assertThat(s.market().dashboard()).isEqualTo(DashboardKind.INSTRUMENTED);
        assertThat(s.market().lookback()).isEqualTo(3);
        assertThat(s.market().grid()).isEqualTo(33);
        assertThat(s.market().rebalancing()).isEqualTo(RebalancingMode.REFERENCE);
        assertThat(s.market().hysteresis()).isEqualTo(2);
        assertThat(s.market().publishEvery()).isEqualTo(4);
        assertThat(s.market().refitEvery()).isEqualTo(5);
        assertThat(s.market().forgetting()).isEqualTo(0.999);
        assertThat(s.agents()).containsExactly(
                AgentSpec.of("a", PaymentFormat.ALL_PAY, new ValueProcess.Static(5)),
                new AgentSpec("b", PaymentFormat.ALL_PAY, new ValueProcess.RandomWalk(3, 0.1), new Strategy.Shade(0.8),
                        10, 50),
                AgentSpec.of("c", PaymentFormat.ALL_PAY, new ValueProcess.Jump(2, 6, 40))
                        .withStrategy(new Strategy.TruthfulBaseline()));
        assertThat(s.stages()).isEqualTo(100);
        assertThat(s.seed()).isEqualTo(7);
    }

    @Test
    void shouldApplyTheDocumentedDefaultsWhenKeysAreLeftOut() {
        // when
        Scenario s = parse(MINIMAL);

        // then
        assertThat(s.market().rho()).isZero();
        assertThat(s.market().eta()).isEqualTo(0.1);
        assertThat(s.market().dashboard()).isEqualTo(DashboardKind.INFERRED_VALUES);
        assertThat(s.market().lookback()).isEqualTo(1);
        assertThat(s.market().grid()).isEqualTo(65);
        assertThat(s.market().rebalancing()).isEqualTo(RebalancingMode.INDIVIDUALLY_RATIONAL);
        assertThat(s.market().publishEvery()).isEqualTo(1);
        assertThat(s.market().allocation().temperature()).isEqualTo(1);
        assertThat(s.agents().get(0).strategy()).isEqualTo(new Strategy.Follow());
        assertThat(s.seed()).isEqualTo(ScenarioFile.DEFAULT_SEED);
    }

    @Test
    void shouldLetTheCommandLineReplaceStagesAndSeed() {
        // when
        Scenario s = ScenarioFile.parse("s.yaml", MINIMAL.replace("stages: 100\n", ""), 5L, 9L);

        // then
        assertThat(s.stages()).isEqualTo(5);
        assertThat(s.seed()).isEqualTo(9);
    }

    @Test
    void shouldNameTheUnknownKeyAndItsPath() {
        assertThatThrownBy(() -> parse(MINIMAL.replace("{type: softmax}", "{type: softmax, temprature: 2}")))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("s.yaml: market.allocation.temprature: unknown key 'temprature'")
                .hasMessageContaining("temperature");
    }

    @Test
    void shouldRejectAnUnknownKeyInAnAgent() {
        assertThatThrownBy(() -> parse(MINIMAL.replace("value: 5}", "value: 5, budget: 3}")))
                .hasMessageContaining("agents[0].budget: unknown key 'budget'");
    }

    @Test
    void shouldRejectAnInstrumentationRateOutsideTheOpenIntervalForAnInstrumentedDashboard() {
        String yaml = MINIMAL.replace("valueMax: 10", "valueMax: 10\n  dashboard: instrumented\n  rho: 0");

        assertThatThrownBy(() -> parse(yaml))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("market.rho")
                .hasMessageContaining("(0, 1)")
                .hasMessageContaining("was 0.0");
    }

    @Test
    void shouldRejectAnInstrumentationRateOfOne() {
        assertThatThrownBy(() -> parse(MINIMAL.replace("valueMax: 10", "valueMax: 10\n  rho: 1")))
                .hasMessageContaining("market.rho")
                .hasMessageContaining("was 1.0");
    }

    @Test
    void shouldRejectANonPositiveValueMax() {
        assertThatThrownBy(() -> parse(MINIMAL.replace("valueMax: 10", "valueMax: 0")))
                .hasMessageContaining("market.valueMax: must be a finite number > 0, was 0.0");
    }

    @Test
    void shouldRejectAnUnknownPaymentFormat() {
        assertThatThrownBy(() -> parse(MINIMAL.replace("format: wpb", "format: second-price")))
                .hasMessageContaining("agents[0].format")
                .hasMessageContaining("'second-price'")
                .hasMessageContaining("use one of wpb");
    }

    @Test
    void shouldRejectAnUnknownValueProcess() {
        assertThatThrownBy(() -> parse(MINIMAL.replace("value: 5}", "value: {process: brownian, start: 1}}")))
                .hasMessageContaining("agents[0].value.process: unknown value process 'brownian'");
    }

    @Test
    void shouldRejectAKeyThatBelongsToAnotherValueProcess() {
        assertThatThrownBy(() -> parse(MINIMAL.replace("value: 5}",
                "value: {process: random-walk, start: 1, step: 0.1, atStage: 3}}")))
                .hasMessageContaining("agents[0].value.atStage: unknown key 'atStage'");
    }

    @Test
    void shouldRejectANegativeRandomWalkStep() {
        String walk = "value: {process: random-walk, start: 1, step: -2}}";
        assertThatThrownBy(() -> parse(MINIMAL.replace("value: 5}", walk)))
                .hasMessageContaining("agents[0].value.step")
                .hasMessageContaining("-2.0");
    }

    @Test
    void shouldRejectAValueAboveValueMax() {
        assertThatThrownBy(() -> parse(MINIMAL.replace("value: 5}", "value: 12}")))
                .hasMessageContaining("agent 'a' has value 12.0 above market.valueMax 10.0");
    }

    @Test
    void shouldRejectAWordWhereANumberBelongs() {
        assertThatThrownBy(() -> parse(MINIMAL.replace("valueMax: 10", "valueMax: ten")))
                .hasMessageContaining("market.valueMax: must be a number, was 'ten'");
    }

    @Test
    void shouldRejectAFractionalStageCount() {
        assertThatThrownBy(() -> parse(MINIMAL.replace("stages: 100", "stages: 10.5")))
                .hasMessageContaining("stages: must be a whole number, was 10.5");
    }

    @Test
    void shouldAskForStagesWhenNeitherFileNorCommandLineGivesThem() {
        assertThatThrownBy(() -> parse(MINIMAL.replace("stages: 100\n", "")))
                .hasMessageContaining("stages: missing")
                .hasMessageContaining("--stages");
    }

    @Test
    void shouldRejectADuplicateKey() {
        assertThatThrownBy(() -> parse(MINIMAL + "stages: 200\n"))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("not valid YAML")
                .hasMessageContaining("stages");
    }

    @Test
    void shouldRejectShadeWithoutAFactor() {
        assertThatThrownBy(() -> parse(MINIMAL.replace("value: 5}", "value: 5, strategy: shade}")))
                .hasMessageContaining("agents[0].strategy: shade needs a factor");
    }

    @Test
    void shouldRejectAnAgentThatLeavesBeforeItEnters() {
        assertThatThrownBy(() -> parse(MINIMAL.replace("value: 5}", "value: 5, enterAt: 10, leaveAt: 10}")))
                .hasMessageContaining("agents[0].leaveAt")
                .hasMessageContaining("was 10");
    }

    @Test
    void shouldRequireClickThroughRatesForSlots() {
        assertThatThrownBy(() -> parse(MINIMAL.replace("{type: softmax}", "{type: slots}")))
                .hasMessageContaining("market.allocation.ctrs");
    }

    @Test
    void shouldRejectIncreasingClickThroughRates() {
        assertThatThrownBy(() -> parse(MINIMAL.replace("{type: softmax}", "{type: slots, ctrs: [0.1, 0.3]}")))
                .hasMessageContaining("market.allocation.ctrs")
                .hasMessageContaining("slot 2 has 0.3");
    }

    @Test
    void shouldRejectDuplicateAgentIds() {
        assertThatThrownBy(() -> parse(MINIMAL.replace("  - {id: a, format: wpb, value: 5}",
                "  - {id: a, format: wpb, value: 5}\n  - {id: a, format: wpb, value: 3}")))
                .hasMessageContaining("agent id 'a' appears twice");
    }

    @Test
    void shouldRejectADocumentThatIsNotAMapping() {
        assertThatThrownBy(() -> parse("- 1\n- 2\n"))
                .hasMessageContaining("the document: must be a mapping");
    }

    @Test
    void shouldReadAllAgentsInOrder() {
        Scenario s = parse(MINIMAL.replace("  - {id: a, format: wpb, value: 5}",
                "  - {id: a, format: wpb, value: 5}\n  - {id: b, format: all-pay, value: 3}"));

        assertThat(s.agents()).extracting(AgentSpec::id).isEqualTo(List.of("a", "b"));
    }
}
