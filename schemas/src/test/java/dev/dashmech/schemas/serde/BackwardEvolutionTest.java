package dev.dashmech.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dashmech.schemas.avro.Bid;
import dev.dashmech.schemas.avro.PaymentFormat;
import dev.dashmech.schemas.avro.SampleRecords;
import dev.dashmech.schemas.registry.IncompatibleSchemaException;
import dev.dashmech.schemas.registry.InMemorySchemaRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

/** Evolution policy BACKWARD: consumers on the current classes read what producers on older schemas wrote. */
class BackwardEvolutionTest {

    /** Bid as first released: no bidId. */
    private static final Schema BID_V1 = new Schema.Parser().parse("""
            {"type": "record", "name": "Bid", "namespace": "dev.dashmech.schemas.avro", "fields": [
              {"name": "market", "type": "string"},
              {"name": "stageId", "type": "long"},
              {"name": "agent", "type": "string"},
              {"name": "amount", "type": "double"},
              {"name": "format", "type": {"type": "enum", "name": "PaymentFormat",
                                          "symbols": ["WINNER_PAYS_BID", "ALL_PAY"]}},
              {"name": "dashboardVersion", "type": "long"},
              {"name": "submittedAt", "type": {"type": "long", "logicalType": "timestamp-millis"}}
            ]}""");

    private final InMemorySchemaRegistry registry = InMemorySchemaRegistry.create();

    @Test
    void shouldReadABidWrittenWithTheOlderSchemaIntoTheCurrentClass() throws IOException {
        // given a v1 producer registered its schema and wrote a bid without bidId
        int v1 = registry.register("bids-value", BID_V1);
        GenericRecord old = new GenericData.Record(BID_V1);
        old.put("market", "eu-hotels");
        old.put("stageId", 7L);
        old.put("agent", "h-1");
        old.put("amount", 1.5);
        old.put("format", new GenericData.EnumSymbol(BID_V1.getField("format").schema(), "ALL_PAY"));
        old.put("dashboardVersion", 3L);
        old.put("submittedAt", SampleRecords.T0.toEpochMilli());
        byte[] bytes = ConfluentWireFormat.frame(v1, avro(BID_V1, old));

        // when a consumer on the current classes reads it
        Bid bid = new ConfluentAvroDeserializer<>(registry, Bid.class).deserialize("bids", bytes);

        // then every v1 field arrives, and the field v2 added takes its default
        assertThat(bid.getMarket()).isEqualTo("eu-hotels");
        assertThat(bid.getStageId()).isEqualTo(7L);
        assertThat(bid.getAmount()).isEqualTo(1.5);
        assertThat(bid.getFormat()).isEqualTo(PaymentFormat.ALL_PAY);
        assertThat(bid.getSubmittedAt()).isEqualTo(SampleRecords.T0);
        assertThat(bid.getBidId()).isNull();
    }

    @Test
    void shouldRegisterTheCurrentSchemaAsTheNextVersionOfTheOldOne() {
        // given v1 is registered
        int v1 = registry.register("bids-value", BID_V1);

        // when a producer on the current classes writes a bid
        byte[] bytes = new ConfluentAvroSerializer<Bid>(registry, true).serialize("bids", SampleRecords.bid());

        // then the current schema became version 2 under a new id
        assertThat(registry.latest("bids-value").version()).isEqualTo(2);
        assertThat(ConfluentWireFormat.schemaId(bytes)).isEqualTo(registry.latest("bids-value").id()).isNotEqualTo(v1);
    }

    @Test
    void shouldRefuseAChangeThatOldRecordsCannotBeReadWith() {
        // given the current Bid is registered
        registry.register("bids-value", Bid.getClassSchema());
        // and a v3 adds a field without a default
        Schema v3 = withField(Bid.getClassSchema(), new Schema.Field("currency", Schema.create(Schema.Type.STRING),
                "ISO currency", (Object) null));

        // then the registry refuses it under BACKWARD, naming the field
        assertThatThrownBy(() -> registry.register("bids-value", v3))
                .isInstanceOfSatisfying(IncompatibleSchemaException.class, e -> {
                    assertThat(e.subject()).isEqualTo("bids-value");
                    assertThat(e.reasons()).anySatisfy(r -> assertThat(r).contains("currency"));
                })
                .hasMessageContaining("BACKWARD");
        assertThat(registry.checkCompatibility("bids-value", v3).compatible()).isFalse();
        assertThat(registry.latest("bids-value").version()).isEqualTo(1);
    }

    @Test
    void shouldRefuseAChangedFieldType() {
        registry.register("bids-value", BID_V1);
        Schema amountAsString = new Schema.Parser().parse(BID_V1.toString().replace(
                "{\"name\":\"amount\",\"type\":\"double\"}", "{\"name\":\"amount\",\"type\":\"string\"}"));

        assertThatThrownBy(() -> registry.register("bids-value", amountAsString))
                .isInstanceOf(IncompatibleSchemaException.class)
                .hasMessageContaining("amount");
    }

    @Test
    void shouldFailTheSerializerClearlyWhenItsSchemaIsIncompatible() {
        // given the subject holds a Bid without dashboardVersion, which the current Bid (no default) cannot read
        registry.register("bids-value", new Schema.Parser().parse(BID_V1.toString()
                .replace("{\"name\":\"dashboardVersion\",\"type\":\"long\"},", "")));

        // then serializing the current Bid fails with the registry's reason as the cause
        ConfluentAvroSerializer<Bid> serializer = new ConfluentAvroSerializer<>(registry, true);
        assertThatThrownBy(() -> serializer.serialize("bids", SampleRecords.bid()))
                .isInstanceOf(SerializationException.class)
                .hasCauseInstanceOf(IncompatibleSchemaException.class)
                .hasMessageContaining("bids-value")
                .hasMessageContaining("dashboardVersion");
    }

    private static Schema withField(Schema base, Schema.Field extra) {
        java.util.List<Schema.Field> fields = new java.util.ArrayList<>();
        for (Schema.Field f : base.getFields()) {
            fields.add(new Schema.Field(f, f.schema()));
        }
        fields.add(extra);
        return Schema.createRecord(base.getName(), base.getDoc(), base.getNamespace(), false, fields);
    }

    private static byte[] avro(Schema schema, GenericRecord record) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new GenericDatumWriter<GenericRecord>(schema).write(record, encoder);
        encoder.flush();
        return out.toByteArray();
    }
}
