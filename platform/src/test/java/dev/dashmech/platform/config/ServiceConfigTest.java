package dev.dashmech.platform.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServiceConfigTest {

    @TempDir
    Path dir;

    @Nested
    class Defaults {

        @Test
        void shouldMeanEmbeddedBrokerAndInProcessRegistryWhenNothingIsConfigured() {
            // when
            ServiceConfig config = ServiceConfig.builder().build();

            // then
            assertThat(config.bootstrapServers()).isEmpty();
            assertThat(config.schemaRegistryUrl()).isEqualTo("mock://dashmech");
            assertThat(config.usesInProcessSchemaRegistry()).isTrue();
            assertThat(config.metricsPort()).isZero();
            assertThat(config.stateDir()).isEmpty();
            assertThat(config.kafkaOverrides()).isEmpty();
            assertThat(config.origin(ServiceConfig.BOOTSTRAP_SERVERS)).isEqualTo("default");
        }

        @Test
        void shouldIgnoreEnvironmentVariablesWithoutThePrefix() {
            // when
            ServiceConfig config = ServiceConfig.builder()
                    .environment(Map.of("PATH", "/usr/bin", "DASHCTL_JAVA_OPTS", "-Xmx1g",
                            "dashmech_metrics_port", "1"))
                    .build();

            // then
            assertThat(config.metricsPort()).isZero();
        }
    }

    @Nested
    class Precedence {

        @Test
        void shouldLetFlagsOverrideEnvironmentOverrideFileOverrideDefaults() throws IOException {
            // given
            Path file = write("service.yaml", """
                    bootstrap.servers: file-host:9092
                    schema.registry.url: http://file-registry:8081
                    metrics.port: 9001
                    """);
            Map<String, String> env = Map.of(
                    "DASHMECH_SCHEMA_REGISTRY_URL", "http://env-registry:8081",
                    "DASHMECH_METRICS_PORT", "9002");
            Map<String, String> flags = Map.of("metrics.port", "9003");

            // when
            ServiceConfig config = ServiceConfig.builder().file(file).environment(env).flags(flags).build();

            // then
            assertThat(config.bootstrapServers()).contains("file-host:9092");
            assertThat(config.schemaRegistryUrl()).isEqualTo("http://env-registry:8081");
            assertThat(config.metricsPort()).isEqualTo(9003);
            assertThat(config.stateDir()).isEmpty();
            assertThat(config.origin("bootstrap.servers")).isEqualTo("config file " + file);
            assertThat(config.origin("schema.registry.url"))
                    .isEqualTo("environment variable DASHMECH_SCHEMA_REGISTRY_URL");
            assertThat(config.origin("metrics.port")).isEqualTo("flag");
            assertThat(config.origin("state.dir")).isEqualTo("default");
        }

        @Test
        void shouldUnsetAFileValueWithAnEmptyEnvironmentVariable() throws IOException {
            // given
            Path file = write("service.properties", "bootstrap.servers=file-host:9092\n");

            // when
            ServiceConfig config = ServiceConfig.builder().file(file)
                    .environment(Map.of("DASHMECH_BOOTSTRAP_SERVERS", "")).build();

            // then
            assertThat(config.bootstrapServers()).isEmpty();
        }

        @Test
        void shouldLetAnySourceOverrideAServiceDefault() {
            // given
            ServiceConfig.Builder builder = ServiceConfig.builder().serviceDefault("metrics.port", 9400);

            // when
            ServiceConfig byDefault = builder.build();
            ServiceConfig byEnvironment = builder.environment(Map.of("DASHMECH_METRICS_PORT", "9500")).build();

            // then
            assertThat(byDefault.metricsPort()).isEqualTo(9400);
            assertThat(byDefault.origin("metrics.port")).isEqualTo("service default");
            assertThat(byEnvironment.metricsPort()).isEqualTo(9500);
        }
    }

    @Nested
    class Environment {

        @Test
        void shouldMapPrefixedUpperCaseVariablesToDottedKeys() {
            // when
            ServiceConfig config = ServiceConfig.builder().environment(Map.of(
                    "DASHMECH_BOOTSTRAP_SERVERS", "broker-1:9092,broker-2:9092",
                    "DASHMECH_KAFKA_SECURITY_PROTOCOL", "SSL",
                    "DASHMECH_STREAMS_NUM_STREAM_THREADS", "3")).build();

            // then
            assertThat(config.bootstrapServers()).contains("broker-1:9092,broker-2:9092");
            assertThat(config.kafkaOverrides()).containsExactly(Map.entry("security.protocol", "SSL"));
            assertThat(config.streamsOverrides()).containsEntry("num.stream.threads", "3");
        }

        @Test
        void shouldNameAMistypedVariable() {
            // when / then
            assertThatThrownBy(() -> ServiceConfig.builder()
                    .environment(Map.of("DASHMECH_BOOTSRAP_SERVERS", "broker:9092")).build())
                    .isInstanceOf(ServiceConfigException.class)
                    .hasMessageContaining("'bootsrap.servers'")
                    .hasMessageContaining("environment variable DASHMECH_BOOTSRAP_SERVERS")
                    .hasMessageContaining("unset the variable");
        }

        @Test
        void shouldNameTheVariableOfAKey() {
            // then
            assertThat(ServiceConfig.environmentVariable("schema.registry.url"))
                    .isEqualTo("DASHMECH_SCHEMA_REGISTRY_URL");
        }
    }

    @Nested
    class Files_ {

        @Test
        void shouldFlattenNestedYamlAndJoinLists() throws IOException {
            // given
            Path file = write("nested.yaml", """
                    bootstrap:
                      servers: [broker-1:9092, broker-2:9092]
                    kafka:
                      security.protocol: SSL
                    streams:
                      num.stream.threads: 2
                      producer:
                        linger.ms: 20
                    state.dir: /var/lib/dashmech
                    """);

            // when
            ServiceConfig config = ServiceConfig.builder().file(file).build();

            // then
            assertThat(config.bootstrapServers()).contains("broker-1:9092,broker-2:9092");
            assertThat(config.kafkaOverrides()).containsEntry("security.protocol", "SSL");
            assertThat(config.streamsOverrides()).containsEntry("num.stream.threads", "2")
                    .containsEntry("producer.linger.ms", "20")
                    .containsEntry("security.protocol", "SSL");
            assertThat(config.stateDir()).contains(Path.of("/var/lib/dashmech"));
        }

        @Test
        void shouldNameAnUnknownKeyAndTheFile() throws IOException {
            // given
            Path file = write("typo.yaml", "bootstrap.server: broker:9092\n");

            // when / then
            assertThatThrownBy(() -> ServiceConfig.builder().file(file).build())
                    .isInstanceOf(ServiceConfigException.class)
                    .hasMessageContaining("unknown setting 'bootstrap.server'")
                    .hasMessageContaining("config file " + file)
                    .hasMessageContaining("bootstrap.servers");
        }

        @Test
        void shouldRejectAKeySetBothNestedAndDotted() throws IOException {
            // given
            Path file = write("twice.yaml", """
                    kafka.security.protocol: SSL
                    kafka:
                      security.protocol: PLAINTEXT
                    """);

            // when / then
            assertThatThrownBy(() -> ServiceConfig.builder().file(file).build())
                    .isInstanceOf(ServiceConfigException.class)
                    .hasMessageContaining("'kafka.security.protocol' twice");
        }

        @Test
        void shouldSayWhereYamlIsBroken() throws IOException {
            // given
            Path file = write("broken.yaml", "metrics.port: [9000\n");

            // when / then
            assertThatThrownBy(() -> ServiceConfig.builder().file(file).build())
                    .isInstanceOf(ServiceConfigException.class)
                    .hasMessageContaining("not valid YAML")
                    .hasMessageContaining("line");
        }

        @Test
        void shouldNameAMissingFile() {
            // given
            Path missing = dir.resolve("absent.yaml");

            // when / then
            assertThatThrownBy(() -> ServiceConfig.builder().file(missing).build())
                    .isInstanceOf(ServiceConfigException.class)
                    .hasMessageContaining(missing.toString())
                    .hasMessageContaining("does not exist");
        }

        @Test
        void shouldRejectAFileOfUnknownType() throws IOException {
            // given
            Path file = write("service.toml", "metrics.port = 1\n");

            // when / then
            assertThatThrownBy(() -> ServiceConfig.builder().file(file).build())
                    .isInstanceOf(ServiceConfigException.class)
                    .hasMessageContaining("*.yaml, *.yml or *.properties");
        }
    }

    @Nested
    class Passthrough {

        @Test
        void shouldAcceptKafkaClientAndStreamsSettingsWithStreamsPrefixes() {
            // when
            ServiceConfig config = ServiceConfig.builder().flags(Map.of(
                    "kafka.linger.ms", "5",
                    "streams.linger.ms", "10",
                    "streams.main.consumer.max.poll.records", "100",
                    "streams.topic.min.insync.replicas", "2",
                    "streams.processing.guarantee", "at_least_once")).build();

            // then
            assertThat(config.kafkaOverrides()).containsExactly(Map.entry("linger.ms", "5"));
            assertThat(config.streamsOverrides())
                    .containsEntry("linger.ms", "10")
                    .containsEntry("main.consumer.max.poll.records", "100")
                    .containsEntry("topic.min.insync.replicas", "2")
                    .containsEntry("processing.guarantee", "at_least_once");
        }

        @Test
        void shouldNameAMistypedKafkaSetting() {
            // when / then
            assertThatThrownBy(() -> ServiceConfig.builder().flags(Map.of("kafka.linger.msec", "5")).build())
                    .isInstanceOf(ServiceConfigException.class)
                    .hasMessageContaining("'kafka.linger.msec'")
                    .hasMessageContaining("not a Kafka producer, consumer or admin client setting");
        }

        @Test
        void shouldNameAMistypedPrefixedStreamsSetting() {
            // when / then
            assertThatThrownBy(() -> ServiceConfig.builder()
                    .flags(Map.of("streams.producer.max.poll.records", "5")).build())
                    .isInstanceOf(ServiceConfigException.class)
                    .hasMessageContaining("'streams.producer.max.poll.records'")
                    .hasMessageContaining("'max.poll.records' is not a setting of the client 'producer.' addresses");
        }

        @Test
        void shouldSendBootstrapServersToItsOwnKey() {
            // when / then
            assertThatThrownBy(() -> ServiceConfig.builder()
                    .flags(Map.of("kafka.bootstrap.servers", "broker:9092")).build())
                    .isInstanceOf(ServiceConfigException.class)
                    .hasMessageContaining("set 'bootstrap.servers' instead");
        }
    }

    @Nested
    class Values {

        @Test
        void shouldNameABadNumberWithItsSource() {
            // when / then
            assertThatThrownBy(() -> ServiceConfig.builder()
                    .environment(Map.of("DASHMECH_METRICS_PORT", "ninety")).build())
                    .isInstanceOf(ServiceConfigException.class)
                    .hasMessageContaining("invalid value 'ninety' for 'metrics.port'")
                    .hasMessageContaining("environment variable DASHMECH_METRICS_PORT")
                    .hasMessageContaining("INT");
        }

        @Test
        void shouldRejectAPortOutOfRange() {
            // when / then
            assertThatThrownBy(() -> ServiceConfig.builder().flags(Map.of("metrics.port", "70000")).build())
                    .isInstanceOf(ServiceConfigException.class)
                    .hasMessageContaining("invalid value '70000' for 'metrics.port' (flag)")
                    .hasMessageContaining("65535");
        }

        @Test
        void shouldNameABootstrapAddressWithoutPort() {
            // when / then
            assertThatThrownBy(() -> ServiceConfig.builder()
                    .flags(Map.of("bootstrap.servers", "broker-1:9092,broker-2")).build())
                    .isInstanceOf(ServiceConfigException.class)
                    .hasMessageContaining("'broker-2' is not host:port");
        }

        @Test
        void shouldRejectARegistryUrlThatIsNotHttp() {
            // when / then
            assertThatThrownBy(() -> ServiceConfig.builder()
                    .flags(Map.of("schema.registry.url", "ftp://registry:8081")).build())
                    .isInstanceOf(ServiceConfigException.class)
                    .hasMessageContaining("'ftp://registry:8081' is not an http(s)://host[:port] URL");
        }

        @Test
        void shouldAcceptSeveralRegistryUrls() {
            // when
            ServiceConfig config = ServiceConfig.builder()
                    .flags(Map.of("schema.registry.url", "http://r1:8081,https://r2:8081")).build();

            // then
            assertThat(config.usesInProcessSchemaRegistry()).isFalse();
        }
    }

    @Nested
    class ServiceKeys {

        private final ConfigDef engineKeys = new ConfigDef()
                .define("stage.idle.close.ms", Type.LONG, 1_000L, ConfigDef.Range.atLeast(1), Importance.MEDIUM,
                        "Closes an idle stage after this long.")
                .define("engine.markets", Type.LIST, "default", Importance.LOW, "Markets to run.")
                .define("engine.seed", Type.LONG, Importance.HIGH, "Seed of the stage draws.");

        @Test
        void shouldReadTypedServiceKeys() {
            // when
            ServiceConfig config = ServiceConfig.builder().define(engineKeys)
                    .flags(Map.of("engine.seed", "42", "engine.markets", "a, b")).build();

            // then
            assertThat(config.getDuration("stage.idle.close.ms")).isEqualTo(Duration.ofSeconds(1));
            assertThat(config.getList("engine.markets")).containsExactly("a", "b");
            assertThat(config.getLong("engine.seed")).isEqualTo(42L);
        }

        @Test
        void shouldNameAMissingRequiredKeyAndHowToSetIt() {
            // when / then
            assertThatThrownBy(() -> ServiceConfig.builder().define(engineKeys).build())
                    .isInstanceOf(ServiceConfigException.class)
                    .hasMessageContaining("'engine.seed' is required")
                    .hasMessageContaining("DASHMECH_ENGINE_SEED")
                    .hasMessageContaining("--set engine.seed=VALUE");
        }

        @Test
        void shouldRefuseAServiceKeyThatIsAPlatformKey() {
            // given
            ConfigDef clash = new ConfigDef().define("metrics.port", Type.INT, 1, Importance.LOW, "clash");

            // when / then
            assertThatThrownBy(() -> ServiceConfig.builder().define(clash).build())
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("'metrics.port' is defined twice");
        }

        @Test
        void shouldRefuseToReadAKeyAsAnotherType() {
            // given
            ServiceConfig config = ServiceConfig.builder().define(engineKeys).flags(Map.of("engine.seed", "1")).build();

            // when / then
            assertThatThrownBy(() -> config.getInt("engine.seed"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("'engine.seed' is of type LONG, not INT");
        }
    }

    @Test
    void shouldGiveClientsTheConfiguredBrokersAndKafkaSettings() {
        // given
        ServiceConfig configured = ServiceConfig.builder().flags(Map.of(
                "bootstrap.servers", "broker:9092", "kafka.client.rack", "r1")).build();
        ServiceConfig embedded = ServiceConfig.builder().build();

        // when / then
        assertThat(configured.clientProperties("127.0.0.1:1234"))
                .containsExactly(Map.entry("bootstrap.servers", "broker:9092"), Map.entry("client.rack", "r1"));
        assertThat(embedded.clientProperties("127.0.0.1:1234")).containsExactly(
                Map.entry("bootstrap.servers", "127.0.0.1:1234"));
    }

    @Test
    void shouldMaskSecretsWhenDescribed() {
        // given
        ServiceConfig config = ServiceConfig.builder().flags(Map.of(
                "kafka.sasl.jaas.config", "org.apache.kafka.common.security.plain.PlainLoginModule required "
                        + "username=\"u\" password=\"p\";",
                "kafka.ssl.truststore.password", "secret",
                "kafka.security.protocol", "SASL_SSL")).build();

        // when
        String described = config.describe();

        // then
        assertThat(described).contains("kafka.sasl.jaas.config = [hidden]  (flag)")
                .contains("kafka.ssl.truststore.password = [hidden]")
                .contains("kafka.security.protocol = SASL_SSL  (flag)")
                .contains("bootstrap.servers = (unset)  (default)")
                .doesNotContain("password=\"p\"");
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }
}
