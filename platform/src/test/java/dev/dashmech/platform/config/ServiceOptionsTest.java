package dev.dashmech.platform.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

class ServiceOptionsTest {

    @Command(name = "service")
    static final class ServiceCommand {
        @Mixin
        ServiceOptions options;
    }

    @Test
    void shouldTurnFlagsIntoSettings() {
        // given
        ServiceCommand command = new ServiceCommand();

        // when
        new CommandLine(command).parseArgs("--config", "service.yaml", "--bootstrap-servers", "broker:9092",
                "--metrics-port", "9400", "--set", "streams.num.stream.threads=2", "--set", "kafka.linger.ms=5");

        // then
        assertThat(command.options.configFile()).contains(Path.of("service.yaml"));
        assertThat(command.options.flags()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "bootstrap.servers", "broker:9092",
                "metrics.port", "9400",
                "streams.num.stream.threads", "2",
                "kafka.linger.ms", "5"));
    }

    @Test
    void shouldBuildAConfigurationWhoseFlagsWin() {
        // given
        ServiceCommand command = new ServiceCommand();
        new CommandLine(command).parseArgs("--schema-registry-url", "http://registry:8081", "--state-dir", "/tmp/s");

        // when
        ServiceConfig config = command.options.applyTo(ServiceConfig.builder())
                .environment(Map.of("DASHMECH_SCHEMA_REGISTRY_URL", "http://other:8081")).build();

        // then
        assertThat(config.schemaRegistryUrl()).isEqualTo("http://registry:8081");
        assertThat(config.stateDir()).contains(Path.of("/tmp/s"));
    }

    @Test
    void shouldRejectAKeyGivenTwiceWithTwoValues() {
        // given
        ServiceCommand command = new ServiceCommand();
        new CommandLine(command).parseArgs("--metrics-port", "9400", "--set", "metrics.port=9500");

        // when / then
        assertThatThrownBy(() -> command.options.flags())
                .isInstanceOf(ServiceConfigException.class)
                .hasMessageContaining("--metrics-port 9400 and --set metrics.port=9500 disagree");
    }
}
