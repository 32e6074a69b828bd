package dev.dashmech.platform.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.dashmech.platform.broker.EmbeddedKafkaBroker;
import dev.dashmech.platform.metrics.MetricsServer;
import dev.dashmech.platform.metrics.ServiceMetrics;

class StreamsAppTest {

    private static EmbeddedKafkaBroker broker;

    @TempDir
    Path stateDir;

    @BeforeAll
    static void startBroker() {
        broker = EmbeddedKafkaBroker.start();
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    @Test
    void shouldProcessExactlyOnceAndCommitWhatReadCommittedConsumersSee() {
        // given
        broker.createTopics(2, "upper-in", "upper-out");
        Properties props = StreamsApp.streamsProperties("upper-app", broker.bootstrapServers(), stateDir, Map.of());

        try (StreamsApp app = StreamsApp.start(upperCase("upper-in", "upper-out"), props)) {
            // when
            produce("upper-in", "bid-1", "bid-2", "bid-3");

            // then
            assertThat(app.state()).isEqualTo(KafkaStreams.State.RUNNING);
            assertThat(readCommitted("upper-out", 3)).containsExactlyInAnyOrder("BID-1", "BID-2", "BID-3");
        }
    }

    @Test
    void shouldServeStreamsMetricsAndHealthOnTheMetricsEndpoint() throws Exception {
        // given
        broker.createTopics(1, "metered-in", "metered-out");
        Properties props = StreamsApp.streamsProperties("metered-app", broker.bootstrapServers(), stateDir, Map.of());
        try (ServiceMetrics metrics = ServiceMetrics.create("metered");
                MetricsServer server = MetricsServer.start(metrics, 0);
                StreamsApp app = StreamsApp.builder(upperCase("metered-in", "metered-out"), props)
                        .meterRegistry(metrics.registry()).start()) {
            server.register("streams", app);

            // when
            HttpResponse<String> scrape = get(server.metricsUri());
            HttpResponse<String> health = get(server.healthUri());

            // then
            assertThat(scrape.statusCode()).isEqualTo(200);
            assertThat(scrape.body())
                    .contains("kafka_stream_alive_stream_threads{application=\"metered-app\"")
                    .contains("dashmech_streams_running{application=\"metered-app\",service=\"metered\"} 1.0");
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body()).contains("\"streams\":{\"status\":\"UP\",\"detail\":\"RUNNING\"}");
        }
    }

    @Test
    void shouldStopTheClientCountAndReportDownOnAnUncaughtException() throws Exception {
        // given
        broker.createTopics(1, "poison-in", "poison-out");
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("poison-in", Consumed.with(Serdes.String(), Serdes.String()))
                .mapValues(value -> {
                    if (value.equals("poison")) {
                        throw new IllegalArgumentException("cannot process " + value);
                    }
                    return value;
                })
                .to("poison-out", Produced.with(Serdes.String(), Serdes.String()));
        Properties props = StreamsApp.streamsProperties("poison-app", broker.bootstrapServers(), stateDir, Map.of());
        try (ServiceMetrics metrics = ServiceMetrics.create("poisoned");
                StreamsApp app = StreamsApp.builder(builder.build(), props).meterRegistry(metrics.registry()).start()) {

            // when
            produce("poison-in", "poison");

            // then
            KafkaStreams.State finalState = app.stopped().toCompletableFuture().get(60, TimeUnit.SECONDS);
            assertThat(finalState).isEqualTo(KafkaStreams.State.ERROR);
            assertThat(app.health().up()).isFalse();
            assertThat(app.health().detail())
                    .isEqualTo("ERROR: java.lang.IllegalArgumentException: cannot process poison");
            assertThat(metrics.registry().get(StreamsApp.UNCAUGHT_EXCEPTIONS_METER)
                    .tags("application", "poison-app", "exception", "IllegalArgumentException").counter().count())
                    .isEqualTo(1.0);
            assertThat(readCommitted("poison-out", 0)).isEmpty();
        }
    }

    @Test
    void shouldFailToStartWhenASourceTopicIsMissing() {
        // given
        Properties props = StreamsApp.streamsProperties("orphan-app", broker.bootstrapServers(), stateDir, Map.of());

        // when / then
        assertThatThrownBy(() -> StreamsApp.builder(upperCase("no-such-topic", "orphan-out"), props)
                .startTimeout(Duration.ofSeconds(60)).start())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("orphan-app");
    }

    @Test
    void shouldDefaultToExactlyOnceAndLetOverridesWin() {
        // when
        Properties defaults = StreamsApp.streamsProperties("app", "127.0.0.1:9092", Path.of("/var/state"), Map.of());
        Properties overridden = StreamsApp.streamsProperties("app", "127.0.0.1:9092", null,
                Map.of(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.AT_LEAST_ONCE,
                        "num.stream.threads", "2"));

        // then
        assertThat(defaults)
                .containsEntry(StreamsConfig.APPLICATION_ID_CONFIG, "app")
                .containsEntry(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9092")
                .containsEntry(StreamsConfig.STATE_DIR_CONFIG, "/var/state")
                .containsEntry(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        assertThat(overridden)
                .containsEntry(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.AT_LEAST_ONCE)
                .containsEntry("num.stream.threads", "2");
        assertThat(overridden.getProperty(StreamsConfig.STATE_DIR_CONFIG)).endsWith("dashmech-streams");
    }

    @Test
    void shouldEnableTheGlobalProcessingExceptionHandlerAlsoWhereThePartitionAssignorReadsIt() {
        // given
        Properties defaults = StreamsApp.streamsProperties("app", "127.0.0.1:9092", null, Map.of());

        // when: the assignor's StreamsConfig is built from the main consumer's configs
        StreamsConfig config = new StreamsConfig(defaults);
        StreamsConfig assignors = new StreamsConfig(config.getMainConsumerConfigs("app", "app-client", 0));

        // then
        assertThat(config.getBoolean("processing.exception.handler.global.enabled")).isTrue();
        assertThat(assignors.getBoolean("processing.exception.handler.global.enabled")).isTrue();
    }

    @Test
    void shouldRejectABlankApplicationId() {
        // when / then
        assertThatThrownBy(() -> StreamsApp.streamsProperties(" ", "127.0.0.1:9092", null, Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("applicationId must not be blank");
    }

    private static Topology upperCase(String in, String out) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(in, Consumed.with(Serdes.String(), Serdes.String()))
                .mapValues(value -> value.toUpperCase(java.util.Locale.ROOT))
                .to(out, Produced.with(Serdes.String(), Serdes.String()));
        return builder.build();
    }

    private static void produce(String topic, String... values) {
        try (KafkaProducer<String, String> producer =
                new KafkaProducer<>(broker.clientProperties(), new StringSerializer(), new StringSerializer())) {
            for (String value : values) {
                producer.send(new ProducerRecord<>(topic, value, value));
            }
            producer.flush();
        }
    }

    /** Reads with read_committed until {@code expected} values arrived (at most 30 s), then polls once more. */
    private static List<String> readCommitted(String topic, int expected) {
        Map<String, Object> config = broker.clientProperties();
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "verifier-" + topic);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            await().atMost(Duration.ofSeconds(30)).pollDelay(Duration.ZERO).until(() -> {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    values.add(record.value());
                }
                return values.size() >= expected && !consumer.assignment().isEmpty();
            });
            consumer.poll(Duration.ofSeconds(1)).forEach(record -> values.add(record.value()));
        }
        return values;
    }

    private static HttpResponse<String> get(URI uri) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
