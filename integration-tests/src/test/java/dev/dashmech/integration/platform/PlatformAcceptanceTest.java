package dev.dashmech.integration.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.dashmech.integration.broker.SharedBrokerExtension;
import dev.dashmech.integration.broker.TopicRecords;
import dev.dashmech.integration.records.RandomRecords;
import dev.dashmech.integration.registry.ApicurioRegistry;
import dev.dashmech.integration.registry.ApicurioRegistryExtension;
import dev.dashmech.platform.broker.EmbeddedKafkaBroker;
import dev.dashmech.schemas.avro.Bid;
import dev.dashmech.schemas.avro.PaymentFormat;
import dev.dashmech.schemas.registry.IncompatibleSchemaException;
import dev.dashmech.schemas.registry.InMemorySchemaRegistry;
import dev.dashmech.schemas.serde.AvroSerdeConfig;
import dev.dashmech.schemas.serde.AvroSerdes;
import dev.dashmech.schemas.topic.AgentKey;
import dev.dashmech.schemas.topic.DashboardKey;
import dev.dashmech.schemas.topic.TopicCatalog;
import dev.dashmech.schemas.topic.TopicProvisioner;
import dev.dashmech.schemas.topic.TopicRole;
import dev.dashmech.schemas.topic.TopicSpec;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The platform's acceptance test: on a real broker, the catalog's "ensure topics" step creates every topic as the
 * catalog says, and every record type travels producer -> topic -> consumer through dashmech's Confluent-framed
 * serdes, with the in-process registry ({@code mock://}) and with a real registry (Apicurio's Confluent API).
 */
@ExtendWith({SharedBrokerExtension.class, ApicurioRegistryExtension.class})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PlatformAcceptanceTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final int RECORDS_PER_TOPIC = 3;

    /** The two kinds of registry a deployment may name in {@code schema.registry.url}. */
    enum Registry { MOCK, APICURIO }

    private final EmbeddedKafkaBroker broker;
    private final ApicurioRegistry apicurio;
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final String mockName = "acceptance-" + run;
    private final Map<Registry, TopicCatalog> catalogs = Map.of(
            Registry.MOCK, TopicCatalog.builder().prefix("accept-" + run + "-mock.").build(),
            Registry.APICURIO, TopicCatalog.builder().prefix("accept-" + run + "-apicurio.").build());

    PlatformAcceptanceTest(EmbeddedKafkaBroker broker, ApicurioRegistry apicurio) {
        this.broker = broker;
        this.apicurio = apicurio;
    }

    @BeforeAll
    void ensureTheCatalogsTopics() {
        try (Admin admin = broker.createAdmin()) {
            for (TopicCatalog catalog : catalogs.values()) {
                TopicProvisioner.ensureTopics(admin, catalog, TIMEOUT);
            }
        }
    }

    @AfterAll
    void forgetTheMockRegistry() {
        InMemorySchemaRegistry.drop(mockName);
    }

    @Test
    void shouldCreateEveryTopicWithTheCatalogsLayoutWhenEnsuringTopics() throws Exception {
        // given
        TopicCatalog catalog = TopicCatalog.builder().prefix("ensure-" + run + ".").loopPartitions(3).build();
        List<String> names = catalog.all().stream().map(TopicSpec::name).toList();

        try (Admin admin = broker.createAdmin()) {
            // when
            TopicProvisioner.Result result = TopicProvisioner.ensureTopics(admin, catalog, TIMEOUT);

            // then
            assertThat(result.created()).containsExactlyInAnyOrderElementsOf(names);
            Map<String, TopicDescription> described = admin.describeTopics(names).allTopicNames()
                    .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            for (TopicSpec spec : catalog.all()) {
                assertThat(described.get(spec.name()).partitions()).as(spec.name()).hasSize(spec.partitions());
                Config config = admin.describeConfigs(List.of(new ConfigResource(ConfigResource.Type.TOPIC,
                        spec.name()))).all().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS).values().iterator().next();
                assertThat(config.get("cleanup.policy").value()).as(spec.name())
                        .isEqualTo(spec.cleanupPolicy().configValue());
            }
        }
    }

    @Test
    void shouldCreateNothingWhenEnsuringTopicsThatAlreadyExist() {
        // given: the catalogs were ensured before the tests, and the broker has published the topics
        TopicCatalog catalog = catalogs.get(Registry.MOCK);
        List<String> names = catalog.all().stream().map(TopicSpec::name).toList();

        try (Admin admin = broker.createAdmin()) {
            await().atMost(TIMEOUT).ignoreExceptions().until(() ->
                    admin.describeTopics(names).allTopicNames().get().keySet().containsAll(names));

            // when
            TopicProvisioner.Result again = TopicProvisioner.ensureTopics(admin, catalog, TIMEOUT);

            // then
            assertThat(again.created()).isEmpty();
            assertThat(again.verified()).containsExactlyInAnyOrderElementsOf(names);
        }
    }

    @Test
    void shouldVerifyTopicsWhenAnotherInstanceHasJustCreatedThem() {
        // given: another instance (its own Admin client) has just created the catalog's topics
        TopicCatalog catalog = TopicCatalog.builder().prefix("race-" + run + ".").build();
        List<String> names = catalog.all().stream().map(TopicSpec::name).toList();
        try (Admin other = broker.createAdmin(); Admin admin = broker.createAdmin()) {
            TopicProvisioner.ensureTopics(other, catalog, TIMEOUT);

            // when
            TopicProvisioner.Result result = TopicProvisioner.ensureTopics(admin, catalog, TIMEOUT);

            // then
            assertThat(result.created()).isEmpty();
            assertThat(result.verified()).containsExactlyInAnyOrderElementsOf(names);
        }
    }

    static Stream<Arguments> everyTopicWithEachRegistry() {
        return Arrays.stream(Registry.values())
                .flatMap(registry -> Arrays.stream(TopicRole.values()).map(role -> Arguments.of(registry, role)));
    }

    @ParameterizedTest(name = "{1} through the {0} registry")
    @MethodSource("everyTopicWithEachRegistry")
    void shouldReadBackEveryRecordWhenItTravelsThroughTheRegistrySerdes(Registry registry, TopicRole role) {
        roundTrip(registry, catalogs.get(registry).spec(role), role.valueType());
    }

    @Test
    void shouldRefuseToProduceWhenTheRecordBreaksTheSubjectsBackwardCompatibility() {
        // given: a Bid schema of an older era whose data the current Bid cannot read (stageId, agent, ... have no
        // default), registered by another client under the subject of a fresh bids topic
        String topic = "accept-" + run + "-evolution.bids";
        broker.createTopics(1, topic);
        apicurio.register(topic + "-value", """
                {"type": "record", "name": "Bid", "namespace": "dev.dashmech.schemas.avro",
                 "fields": [{"name": "market", "type": "string"}, {"name": "price", "type": "double"}]}""");
        Bid bid = Bid.newBuilder().setMarket("eu-hotels").setStageId(1).setAgent("h-1").setAmount(2.5)
                .setFormat(PaymentFormat.WINNER_PAYS_BID).setDashboardVersion(0)
                .setSubmittedAt(Instant.ofEpochMilli(1_700_000_000_000L)).setBidId(null).build();

        try (Serde<Bid> serde = AvroSerdes.specific(Bid.class, serdeConfig(Registry.APICURIO), false)) {
            // when / then: the registry's 409 reaches the producer as a serialization error, nothing is written
            assertThatThrownBy(() -> serde.serializer().serialize(topic, bid))
                    .isInstanceOf(SerializationException.class)
                    .hasCauseInstanceOf(IncompatibleSchemaException.class);
        }
    }

    private <T extends SpecificRecord> void roundTrip(Registry registry, TopicSpec spec, Class<T> type) {
        // given
        List<T> records = RandomRecords.of(type, RECORDS_PER_TOPIC, spec.role().name().hashCode());
        String key = keyOf(spec.role());
        Map<String, Object> config = serdeConfig(registry);

        // when: a producer and a consumer of their own, each with its own registry client
        try (Serde<T> producerSerde = AvroSerdes.specific(type, config, false);
             Serde<T> consumerSerde = AvroSerdes.specific(type, config, false)) {
            TopicRecords.produce(broker.bootstrapServers(), spec.name(), producerSerde.serializer(),
                    records.stream().map(r -> Map.entry(key, r)).toList(), TIMEOUT);
            List<ConsumerRecord<String, T>> read = TopicRecords.consume(broker.bootstrapServers(), spec.name(),
                    consumerSerde.deserializer(), RECORDS_PER_TOPIC, TIMEOUT);

            // then: the same records, in order (one key, so one partition)
            assertThat(read).extracting(ConsumerRecord::key).containsOnly(key);
            assertThat(read).extracting(ConsumerRecord::value).containsExactlyElementsOf(records);
        }
        // and every record names the id the registry holds for the topic's value subject
        List<ConsumerRecord<String, byte[]>> raw = TopicRecords.consume(broker.bootstrapServers(), spec.name(),
                new ByteArrayDeserializer(), RECORDS_PER_TOPIC, TIMEOUT);
        int registered = registry == Registry.MOCK
                ? InMemorySchemaRegistry.named(mockName).latest(spec.valueSubject()).id()
                : apicurio.latestId(spec.valueSubject());
        for (ConsumerRecord<?, byte[]> record : raw) {
            ByteBuffer header = ByteBuffer.wrap(record.value());
            assertThat(header.get()).as("magic byte").isZero();
            assertThat(header.getInt()).as("schema id").isEqualTo(registered);
        }
    }

    private Map<String, Object> serdeConfig(Registry registry) {
        String url = registry == Registry.MOCK ? "mock://" + mockName : apicurio.ccompatUrl();
        return Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, url, AvroSerdeConfig.AUTO_REGISTER_SCHEMAS, true);
    }

    private static String keyOf(TopicRole role) {
        return switch (role.keyFormat()) {
            case MARKET -> "eu-hotels";
            case MARKET_AGENT -> AgentKey.of("eu-hotels", "h-1842").key();
            case MARKET_AGENT_FORMAT -> DashboardKey.of("eu-hotels", "h-1842", PaymentFormat.ALL_PAY).key();
        };
    }
}
