package dev.dashmech.integration.interop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dashmech.integration.broker.SharedBrokerExtension;
import dev.dashmech.integration.broker.TopicRecords;
import dev.dashmech.integration.clients.Kcat;
import dev.dashmech.integration.registry.ApicurioRegistry;
import dev.dashmech.integration.registry.ApicurioRegistryExtension;
import dev.dashmech.platform.broker.EmbeddedKafkaBroker;
import dev.dashmech.schemas.avro.Bid;
import dev.dashmech.schemas.avro.PaymentFormat;
import dev.dashmech.schemas.serde.AvroSerdeConfig;
import dev.dashmech.schemas.serde.AvroSerdes;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The bytes on the topic, as a client with no Avro of its own (kcat) reads them: the Confluent wire format, byte
 * for byte, naming the id the real registry gave the schema.
 */
@ExtendWith({SharedBrokerExtension.class, ApicurioRegistryExtension.class})
class KcatWireFormatTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final EmbeddedKafkaBroker broker;
    private final ApicurioRegistry registry;

    KcatWireFormatTest(EmbeddedKafkaBroker broker, ApicurioRegistry registry) {
        this.broker = broker;
        this.registry = registry;
    }

    @Test
    void shouldWriteMagicByteRegistryIdAndAvroBinaryWhenReadRawByKcat() throws IOException {
        // given
        Kcat kcat = Kcat.require();
        String topic = "kcat-" + UUID.randomUUID().toString().substring(0, 8) + ".bids";
        broker.createTopics(1, topic);
        Bid bid = Bid.newBuilder().setMarket("eu-hotels").setStageId(41).setAgent("h-1842").setAmount(3.75)
                .setFormat(PaymentFormat.ALL_PAY).setDashboardVersion(7)
                .setSubmittedAt(Instant.ofEpochMilli(1_700_000_000_123L)).setBidId("b-1").build();
        try (Serde<Bid> serde = AvroSerdes.specific(Bid.class,
                Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, registry.ccompatUrl()), false)) {
            TopicRecords.produce(broker.bootstrapServers(), topic, serde.serializer(),
                    List.of(Map.entry("eu-hotels", bid)), TIMEOUT);
        }

        // when
        byte[] raw = kcat.firstValue(broker.bootstrapServers(), topic, TIMEOUT);

        // then: 0, the 4-byte big-endian id of <topic>-value's schema, then plain Avro binary of the record
        ByteBuffer bytes = ByteBuffer.wrap(raw);
        assertThat(bytes.get()).as("magic byte").isZero();
        assertThat(bytes.getInt()).as("schema id").isEqualTo(registry.latestId(topic + "-value"));
        byte[] avro = Arrays.copyOfRange(raw, 5, raw.length);
        Bid decoded = new SpecificDatumReader<>(Bid.class).read(null, DecoderFactory.get().binaryDecoder(avro, null));
        assertThat(decoded).isEqualTo(bid);
    }
}
