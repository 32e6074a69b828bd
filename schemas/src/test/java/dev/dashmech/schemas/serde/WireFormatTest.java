package dev.dashmech.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dashmech.schemas.avro.Bid;
import dev.dashmech.schemas.avro.Dashboard;
import dev.dashmech.schemas.avro.SampleRecords;
import dev.dashmech.schemas.registry.InMemorySchemaRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.junit.jupiter.api.Test;

class WireFormatTest {

    private final InMemorySchemaRegistry registry = InMemorySchemaRegistry.create();

    @Test
    void shouldFrameTheAvroBinaryWithMagicByteZeroAndTheBigEndianSchemaId() throws IOException {
        // given a registry where the Bid schema gets an id above 255, so every id byte matters
        for (int k = 0; k < 300; k++) {
            registry.register("filler-" + k, org.apache.avro.SchemaBuilder.record("F" + k).fields()
                    .requiredInt("x").endRecord());
        }
        ConfluentAvroSerializer<Bid> serializer = new ConfluentAvroSerializer<>(registry, true);

        // when a bid is serialized
        byte[] bytes = serializer.serialize("bids", SampleRecords.bid());

        // then the header is 0, then the id registered under bids-value, then the plain Avro binary
        int id = registry.latest("bids-value").id();
        assertThat(id).isEqualTo(301);
        assertThat(bytes[0]).isEqualTo((byte) 0);
        assertThat(ByteBuffer.wrap(bytes, 1, 4).getInt()).isEqualTo(id);
        assertThat(Arrays.copyOfRange(bytes, 0, 5)).containsExactly(0, 0, 0, 1, 45);
        assertThat(Arrays.copyOfRange(bytes, 5, bytes.length)).isEqualTo(plainAvro(SampleRecords.bid()));
        assertThat(ConfluentWireFormat.schemaId(bytes)).isEqualTo(id);
    }

    @Test
    void shouldRegisterUnderTopicNameStrategySubjects() {
        // given serializers for a value and for a key
        ConfluentAvroSerializer<Bid> values = new ConfluentAvroSerializer<>(registry, true);
        ConfluentAvroSerializer<Dashboard> keys = new ConfluentAvroSerializer<>(registry, true);
        keys.configure(java.util.Map.of(), true);

        // when each writes to a topic
        values.serialize("bids", SampleRecords.bid());
        keys.serialize("dashboards", SampleRecords.dashboard());

        // then the subjects are <topic>-value and <topic>-key
        assertThat(registry.subjects()).containsExactlyInAnyOrder("bids-value", "dashboards-key");
    }

    @Test
    void shouldReuseOneIdForTheSameSchemaOnTwoTopics() {
        ConfluentAvroSerializer<Dashboard> serializer = new ConfluentAvroSerializer<>(registry, true);

        byte[] internal = serializer.serialize("dashboards.internal", SampleRecords.dashboard());
        byte[] outward = serializer.serialize("dashboards", SampleRecords.dashboard());

        assertThat(ConfluentWireFormat.schemaId(internal)).isEqualTo(ConfluentWireFormat.schemaId(outward));
        assertThat(internal).isEqualTo(outward);
    }

    @Test
    void shouldFrameAndUnframeWithTheWireFormatHelpers() {
        byte[] framed = ConfluentWireFormat.frame(0x01020304, new byte[] {9, 8});

        assertThat(framed).containsExactly(0, 1, 2, 3, 4, 9, 8);
        assertThat(ConfluentWireFormat.isFramed(framed)).isTrue();
        assertThat(ConfluentWireFormat.schemaId(framed)).isEqualTo(0x01020304);
        assertThat(ConfluentWireFormat.isFramed(new byte[] {1, 0, 0, 0, 1})).isFalse();
    }

    static byte[] plainAvro(Bid bid) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new SpecificDatumWriter<>(Bid.class).write(bid, encoder);
        encoder.flush();
        return out.toByteArray();
    }
}
