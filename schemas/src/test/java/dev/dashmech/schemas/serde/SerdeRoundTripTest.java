package dev.dashmech.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dashmech.schemas.avro.SampleRecords;
import dev.dashmech.schemas.registry.InMemorySchemaRegistry;
import dev.dashmech.schemas.topic.TopicCatalog;
import dev.dashmech.schemas.topic.TopicSpec;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SerdeRoundTripTest {

    private final String registryName = "roundtrip-" + UUID.randomUUID();
    private final Map<String, Object> config = Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, "mock://" + registryName);

    @AfterEach
    void dropRegistry() {
        InMemorySchemaRegistry.drop(registryName);
    }

    static Stream<Arguments> everyTopicWithItsRecord() {
        TopicCatalog catalog = TopicCatalog.defaults();
        return Stream.of(
                Arguments.of(catalog.markets(), SampleRecords.marketConfig()),
                Arguments.of(catalog.auctions(), SampleRecords.auctionOpened()),
                Arguments.of(catalog.bids(), SampleRecords.bid()),
                Arguments.of(catalog.rejectedBids(), SampleRecords.rejectedBid()),
                Arguments.of(catalog.stageOutcomes(), SampleRecords.stageOutcome()),
                Arguments.of(catalog.balances(), SampleRecords.agentBalance()),
                Arguments.of(catalog.dashboardsInternal(), SampleRecords.dashboard()),
                Arguments.of(catalog.dashboards(), SampleRecords.dashboard()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyTopicWithItsRecord")
    <T extends SpecificRecord> void shouldReadBackWhatItWroteForEveryRecordType(TopicSpec topic, T record) {
        // given a serde of the topic's value type on a shared in-process registry
        @SuppressWarnings("unchecked")
        Class<T> type = (Class<T>) topic.valueType();
        Serde<T> serde = AvroSerdes.specific(type, config, false);

        // when a record goes through it
        byte[] bytes = serde.serializer().serialize(topic.name(), record);
        T back = serde.deserializer().deserialize(topic.name(), bytes);

        // then it comes back equal, and the type matches the catalog
        assertThat(back).isEqualTo(record).isInstanceOf(topic.valueType());
    }

    @Test
    void shouldWriteAndReadNullAsATombstone() {
        Serde<dev.dashmech.schemas.avro.MarketConfig> serde =
                AvroSerdes.specific(dev.dashmech.schemas.avro.MarketConfig.class, config, false);

        assertThat(serde.serializer().serialize("markets", null)).isNull();
        assertThat(serde.deserializer().deserialize("markets", null)).isNull();
    }

    @Test
    void shouldShareOneRegistryBetweenSerializerAndDeserializerConfiguredAlike() {
        // given a serializer and a deserializer made separately with the same mock URL
        ConfluentAvroSerializer<dev.dashmech.schemas.avro.Bid> serializer = new ConfluentAvroSerializer<>();
        serializer.configure(config, false);
        ConfluentAvroDeserializer<dev.dashmech.schemas.avro.Bid> deserializer =
                new ConfluentAvroDeserializer<>(dev.dashmech.schemas.avro.Bid.class);
        deserializer.configure(config, false);

        // then they use one registry, and the id written is known to the reader
        assertThat(serializer.registry()).isSameAs(deserializer.registry());
        byte[] bytes = serializer.serialize("bids", SampleRecords.bid());
        assertThat(deserializer.deserialize("bids", bytes)).isEqualTo(SampleRecords.bid());
    }
}
