package dev.dashmech.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dashmech.schemas.avro.Bid;
import dev.dashmech.schemas.avro.SampleRecords;
import dev.dashmech.schemas.registry.InMemorySchemaRegistry;
import dev.dashmech.schemas.registry.SchemaNotFoundException;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AvroSerdeConfigTest {

    private final String registryName = "config-" + UUID.randomUUID();

    @AfterEach
    void dropRegistry() {
        InMemorySchemaRegistry.drop(registryName);
    }

    private Map<String, Object> clientConfig() {
        // as a producer or consumer passes it: everything, including keys the serde does not know
        Map<String, Object> config = new HashMap<>();
        config.put("bootstrap.servers", "127.0.0.1:9092");
        config.put("acks", "all");
        config.put(AvroSerdeConfig.SCHEMA_REGISTRY_URL, "mock://" + registryName);
        return config;
    }

    @Test
    @SuppressWarnings("unchecked")
    void shouldWorkWhenCreatedByClassNameAsKafkaClientsDo() throws ClassNotFoundException {
        // given serializer and deserializer instantiated from class names, the reader type set by config
        Map<String, Object> config = clientConfig();
        config.put(AvroSerdeConfig.SPECIFIC_AVRO_VALUE_TYPE, Bid.class.getName());
        Serializer<Bid> serializer = Utils.newInstance(ConfluentAvroSerializer.class.getName(), Serializer.class);
        Deserializer<Bid> deserializer =
                Utils.newInstance(ConfluentAvroDeserializer.class.getName(), Deserializer.class);
        serializer.configure(config, false);
        deserializer.configure(config, false);

        // then a bid round-trips
        assertThat(deserializer.deserialize("bids", serializer.serialize("bids", SampleRecords.bid())))
                .isEqualTo(SampleRecords.bid());
    }

    @Test
    void shouldNameTheMissingRegistryUrl() {
        ConfluentAvroSerializer<Bid> serializer = new ConfluentAvroSerializer<>();

        assertThatThrownBy(() -> serializer.configure(Map.of("bootstrap.servers", "x"), false))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(AvroSerdeConfig.SCHEMA_REGISTRY_URL);
    }

    @Test
    void shouldRefuseASubjectNamingStrategyItDoesNotImplement() {
        Map<String, Object> config = clientConfig();
        config.put(AvroSerdeConfig.VALUE_SUBJECT_NAME_STRATEGY,
                "io.confluent.kafka.serializers.subject.RecordNameStrategy");

        assertThatThrownBy(() -> new ConfluentAvroSerializer<Bid>().configure(config, false))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("RecordNameStrategy")
                .hasMessageContaining("TopicNameStrategy");
    }

    @Test
    void shouldAskForTheRecordTypeWhenTheDeserializerHasNone() {
        assertThatThrownBy(() -> new ConfluentAvroDeserializer<Bid>().configure(clientConfig(), false))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(AvroSerdeConfig.SPECIFIC_AVRO_VALUE_TYPE);

        Map<String, Object> config = clientConfig();
        config.put(AvroSerdeConfig.SPECIFIC_AVRO_KEY_TYPE, String.class.getName());
        assertThatThrownBy(() -> new ConfluentAvroDeserializer<Bid>().configure(config, true))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("not a generated Avro record class");
    }

    @Test
    void shouldOnlyLookUpTheSchemaWhenAutoRegisterIsOff() {
        // given a serializer that must not register
        Map<String, Object> config = clientConfig();
        config.put(AvroSerdeConfig.AUTO_REGISTER_SCHEMAS, "false");
        ConfluentAvroSerializer<Bid> serializer = new ConfluentAvroSerializer<>();
        serializer.configure(config, false);

        // then an unregistered schema is an error naming the subject and the setting
        assertThatThrownBy(() -> serializer.serialize("bids", SampleRecords.bid()))
                .isInstanceOf(SerializationException.class)
                .hasCauseInstanceOf(SchemaNotFoundException.class)
                .hasMessageContaining("bids-value")
                .hasMessageContaining("auto.register.schemas");

        // and once an operator registered it, the serializer uses its id
        int id = InMemorySchemaRegistry.named(registryName).register("bids-value", Bid.getClassSchema());
        assertThat(ConfluentWireFormat.schemaId(serializer.serialize("bids", SampleRecords.bid()))).isEqualTo(id);
    }

    @Test
    void shouldRefuseToSerializeBeforeBeingConfigured() {
        assertThatThrownBy(() -> new ConfluentAvroSerializer<Bid>().serialize("bids", SampleRecords.bid()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("configure");
    }

    @Test
    void shouldReportARecordThatCannotBeWrittenNamingTheTopic() {
        // given a bid missing a required field, built around the builder's checks
        Bid broken = SampleRecords.bid();
        broken.put("agent", null);

        assertThatThrownBy(() -> new ConfluentAvroSerializer<Bid>(InMemorySchemaRegistry.create(), true)
                .serialize("bids", broken))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("'bids'")
                .hasMessageContaining("dev.dashmech.schemas.avro.Bid");
    }
}
