package dev.dashmech.integration.interop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dashmech.integration.broker.SharedBrokerExtension;
import dev.dashmech.integration.broker.TopicRecords;
import dev.dashmech.integration.clients.ConfluentPythonClient;
import dev.dashmech.integration.clients.ConfluentPythonClient.ConsumedRecord;
import dev.dashmech.integration.records.AvroJson;
import dev.dashmech.integration.records.RandomRecords;
import dev.dashmech.integration.registry.ApicurioRegistry;
import dev.dashmech.integration.registry.ApicurioRegistryExtension;
import dev.dashmech.platform.broker.EmbeddedKafkaBroker;
import dev.dashmech.schemas.avro.Bid;
import dev.dashmech.schemas.avro.PaymentFormat;
import dev.dashmech.schemas.serde.AvroSerdeConfig;
import dev.dashmech.schemas.serde.AvroSerdes;
import dev.dashmech.schemas.topic.TopicRole;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bidders in any language: the Confluent Python client (confluent_kafka's {@code AvroSerializer} and
 * {@code AvroDeserializer} with its {@code SchemaRegistryClient}) and dashmech's serdes share topics through a
 * real registry (Apicurio's Confluent API), in both directions, with every field value compared exactly.
 */
@ExtendWith({SharedBrokerExtension.class, ApicurioRegistryExtension.class})
class ConfluentPythonInteropTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final EmbeddedKafkaBroker broker;
    private final ApicurioRegistry registry;
    private ConfluentPythonClient python;
    private String topic;

    ConfluentPythonInteropTest(EmbeddedKafkaBroker broker, ApicurioRegistry registry) {
        this.broker = broker;
        this.registry = registry;
    }

    @BeforeEach
    void requirePythonAndCreateOwnTopic(TestInfo test) {
        python = ConfluentPythonClient.require();
        topic = "interop-" + UUID.randomUUID().toString().substring(0, 8) + "."
                + test.getTestMethod().orElseThrow().getName() + test.getDisplayName().hashCode();
        broker.createTopics(1, topic);
    }

    @Test
    void shouldReadBidsWrittenByTheConfluentPythonAvroSerializer() {
        // given: three bids as a Python bidder would write them (Avro JSON: unions name their branch)
        List<String> written = List.of("""
                {"market": "eu-hotels", "stageId": 41, "agent": "h-1842", "amount": 3.75, \
                "format": "WINNER_PAYS_BID", "dashboardVersion": 7, "submittedAt": 1700000000123, "bidId": null}""",
                """
                {"market": "eu-hotels", "stageId": 41, "agent": "h-7", "amount": 0.0, \
                "format": "WINNER_PAYS_BID", "dashboardVersion": 0, "submittedAt": 1700000000456, \
                "bidId": {"string": "retry-\\u00e9-1"}}""",
                """
                {"market": "eu-hotels", "stageId": 42, "agent": "h-1842", "amount": 1.0E-9, \
                "format": "ALL_PAY", "dashboardVersion": 9007199254740993, "submittedAt": -1, "bidId": null}""");

        // when
        python.produce(broker.bootstrapServers(), registry.ccompatUrl(), topic, Bid.getClassSchema().toString(),
                "market", written, TIMEOUT);
        List<ConsumerRecord<String, Bid>> read;
        try (Serde<Bid> serde = AvroSerdes.specific(Bid.class, serdeConfig(), false)) {
            read = TopicRecords.consume(broker.bootstrapServers(), topic, serde.deserializer(), 3, TIMEOUT);
        }

        // then
        assertThat(read).extracting(ConsumerRecord::key).containsOnly("eu-hotels");
        assertThat(read).extracting(ConsumerRecord::value).containsExactly(
                bid(41, "h-1842", 3.75, PaymentFormat.WINNER_PAYS_BID, 7, 1_700_000_000_123L, null),
                bid(41, "h-7", 0.0, PaymentFormat.WINNER_PAYS_BID, 0, 1_700_000_000_456L, "retry-\u00e9-1"),
                bid(42, "h-1842", 1.0e-9, PaymentFormat.ALL_PAY, 9_007_199_254_740_993L, -1L, null));
    }

    @Test
    void shouldLetTheConfluentPythonAvroDeserializerReadBidsWeWrite() {
        // given
        List<Bid> bids = List.of(
                bid(41, "h-1842", 3.75, PaymentFormat.WINNER_PAYS_BID, 7, 1_700_000_000_123L, null),
                bid(42, "h-7", 1.0e-9, PaymentFormat.ALL_PAY, 9_007_199_254_740_993L, -1L, "retry-\u00e9-1"));

        // when
        produceOurs(Bid.class, bids);
        List<ConsumedRecord> read = python.consume(broker.bootstrapServers(), registry.ccompatUrl(), topic,
                bids.size(), TIMEOUT);

        // then: the same field values, and the id our serializer registered
        assertThat(read).extracting(ConsumedRecord::key).containsOnly("eu-hotels");
        assertThat(read).extracting(ConsumedRecord::schemaId).containsOnly(registry.latestId(topic + "-value"));
        assertThat(read).extracting(ConsumedRecord::value)
                .containsExactlyElementsOf(bids.stream().map(AvroJson::tree).toList());
    }

    static Stream<Class<? extends SpecificRecord>> everyRecordType() {
        return Arrays.stream(TopicRole.values()).map(TopicRole::valueType).distinct();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyRecordType")
    void shouldLetTheConfluentPythonAvroDeserializerReadEveryRecordTypeWeWrite(Class<? extends SpecificRecord> type) {
        // given: records with every field set, unions on both branches, arrays of several lengths
        List<? extends SpecificRecord> records = RandomRecords.of(type, 3, type.getName().hashCode());

        // when
        produceOurs(type, records);
        List<ConsumedRecord> read = python.consume(broker.bootstrapServers(), registry.ccompatUrl(), topic,
                records.size(), TIMEOUT);

        // then
        assertThat(read).extracting(ConsumedRecord::value)
                .containsExactlyElementsOf(records.stream().map(AvroJson::tree).toList());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyRecordType")
    void shouldReadEveryRecordTypeWrittenByTheConfluentPythonAvroSerializer(Class<? extends SpecificRecord> type) {
        // given: records with every field set, handed to Python in Avro JSON
        List<? extends SpecificRecord> records = RandomRecords.of(type, 3, type.getName().hashCode());

        // when
        python.produce(broker.bootstrapServers(), registry.ccompatUrl(), topic,
                records.get(0).getSchema().toString(), "market",
                records.stream().map(AvroJson::encode).toList(), TIMEOUT);
        List<SpecificRecord> read = consumeOurs(type, records.size());

        // then
        assertThat(read).containsExactlyElementsOf(records);
    }

    private <T extends SpecificRecord> List<SpecificRecord> consumeOurs(Class<T> type, int count) {
        try (Serde<T> serde = AvroSerdes.specific(type, serdeConfig(), false)) {
            return TopicRecords.consume(broker.bootstrapServers(), topic, serde.deserializer(), count, TIMEOUT)
                    .stream().<SpecificRecord>map(ConsumerRecord::value).toList();
        }
    }

    @SuppressWarnings("unchecked")
    private <T extends SpecificRecord> void produceOurs(Class<T> type, List<? extends SpecificRecord> records) {
        try (Serde<T> serde = AvroSerdes.specific(type, serdeConfig(), false)) {
            TopicRecords.produce(broker.bootstrapServers(), topic, serde.serializer(),
                    records.stream().map(r -> Map.entry("eu-hotels", (T) r)).toList(), TIMEOUT);
        }
    }

    private Map<String, Object> serdeConfig() {
        return Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, registry.ccompatUrl());
    }

    private static Bid bid(long stage, String agent, double amount, PaymentFormat format, long dashboardVersion,
            long submittedAtMillis, String bidId) {
        return Bid.newBuilder().setMarket("eu-hotels").setStageId(stage).setAgent(agent).setAmount(amount)
                .setFormat(format).setDashboardVersion(dashboardVersion)
                .setSubmittedAt(Instant.ofEpochMilli(submittedAtMillis)).setBidId(bidId).build();
    }
}
