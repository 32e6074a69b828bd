package dev.dashmech.platform.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class EmbeddedKafkaBrokerTest {

    private static EmbeddedKafkaBroker broker;

    @BeforeAll
    static void startBroker() {
        broker = EmbeddedKafkaBroker.start();
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    @Test
    void shouldListenOnLoopbackOnly() {
        // then
        assertThat(broker.bootstrapServers()).matches("127\\.0\\.0\\.1:\\d+");
    }

    @Test
    void shouldCreateTopicsWithTheirPartitionsLed() throws Exception {
        // when
        broker.createTopics(3, "created-a", "created-b");

        // then
        try (Admin admin = broker.createAdmin()) {
            Map<String, TopicDescription> topics =
                    admin.describeTopics(List.of("created-a", "created-b")).allTopicNames().get(10, TimeUnit.SECONDS);
            assertThat(topics.get("created-a").partitions()).hasSize(3)
                    .allSatisfy(p -> assertThat(p.leader()).isNotNull());
            assertThat(topics.get("created-b").partitions()).hasSize(3);
        }
    }

    @Test
    void shouldNameTheTopicWhenItAlreadyExists() {
        // given
        broker.createTopics(1, "twice");

        // when / then
        assertThatThrownBy(() -> broker.createTopics(1, "twice"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("'twice'");
    }

    @Test
    void shouldRoundTripRecords() {
        // given
        broker.createTopics(2, "round-trip");

        // when
        try (KafkaProducer<String, String> producer = producer(Map.of())) {
            for (int i = 0; i < 10; i++) {
                producer.send(new ProducerRecord<>("round-trip", "k" + i, "v" + i));
            }
            producer.flush();
        }

        // then
        assertThat(readAll("round-trip", "read_uncommitted", 10)).containsExactlyInAnyOrder(
                "v0", "v1", "v2", "v3", "v4", "v5", "v6", "v7", "v8", "v9");
    }

    @Test
    void shouldCommitTransactionsAndHideAbortedOnes() {
        // given
        broker.createTopics(1, "transactional");

        // when
        try (KafkaProducer<String, String> producer =
                producer(Map.of(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "embedded-broker-test"))) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>("transactional", "k", "aborted"));
            producer.flush();
            producer.abortTransaction();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>("transactional", "k", "committed-1"));
            producer.send(new ProducerRecord<>("transactional", "k", "committed-2"));
            producer.commitTransaction();
        }

        // then
        assertThat(readAll("transactional", "read_committed", 2)).containsExactly("committed-1", "committed-2");
    }

    @Test
    void shouldDeleteItsDataDirectoryWhenClosed() {
        // given
        EmbeddedKafkaBroker other = EmbeddedKafkaBroker.start();
        Path dir = other.dataDirectory();
        assertThat(dir).isDirectory();

        // when
        other.close();

        // then
        assertThat(Files.exists(dir)).isFalse();
    }

    @Test
    void shouldRefuseToOverrideItsListeners() {
        // when / then
        assertThatThrownBy(() -> EmbeddedKafkaBroker.builder().brokerProperty("listeners", "PLAINTEXT://0.0.0.0:9092"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'listeners'");
    }

    private static KafkaProducer<String, String> producer(Map<String, Object> extra) {
        Map<String, Object> config = broker.clientProperties();
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.putAll(extra);
        return new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
    }

    /** Reads until {@code expected} values arrived or 30 s passed; returns what arrived. */
    static List<String> readAll(String topic, String isolation, int expected) {
        Map<String, Object> config = broker.clientProperties();
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "reader-" + topic + "-" + isolation);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation);
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (values.size() < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    values.add(record.value());
                }
            }
            // one more poll: anything beyond the expected count (e.g. an aborted record) would show up here
            consumer.poll(Duration.ofMillis(500)).forEach(record -> values.add(record.value()));
        }
        return values;
    }
}
