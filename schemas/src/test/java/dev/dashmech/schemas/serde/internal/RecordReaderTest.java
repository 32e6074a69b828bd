package dev.dashmech.schemas.serde.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dashmech.schemas.avro.Bid;
import dev.dashmech.schemas.avro.MalformedReason;
import dev.dashmech.schemas.avro.SampleRecords;
import dev.dashmech.schemas.registry.InMemorySchemaRegistry;
import dev.dashmech.schemas.serde.ConfluentAvroSerializer;
import dev.dashmech.schemas.serde.ConfluentWireFormat;
import dev.dashmech.schemas.serde.Decoded;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.SplittableRandom;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

class RecordReaderTest {

    private final InMemorySchemaRegistry registry = InMemorySchemaRegistry.create();

    /**
     * The reader walks the bytes only when a read fails; its verdicts must be those of walking first and then
     * reading with Avro's own decoder, as it did before (the reference below).
     */
    @Test
    void shouldJudgeCorruptedRecordsExactlyAsWalkingFirstWould() {
        SplittableRandom random = new SplittableRandom(20_250_302L);
        int valids = 0;
        int malformed = 0;
        for (SpecificRecord record : SampleRecords.all()) {
            byte[] valid = new ConfluentAvroSerializer<SpecificRecord>(registry, true)
                    .serialize("t-" + record.getSchema().getName(), record);
            Schema writer = registry.schemaById(ConfluentWireFormat.schemaId(valid));
            RecordReader<SpecificRecord> reader = readerFor(record);
            for (int trial = 0; trial < 400; trial++) {
                byte[] corrupt = corrupt(valid, random);
                String what = record.getSchema().getName() + " trial " + trial;

                Decoded<SpecificRecord> decoded = reader.read("t", corrupt);
                Reference expected = reference(writer, record.getSchema(), corrupt);

                if (expected.value != null) {
                    valids++;
                    assertThat(decoded.isValid()).as(what + " " + decoded).isTrue();
                    // compared as bytes: a corrupted double may be a NaN, which equals() does not match
                    assertThat(encode(decoded.orElseThrow())).as(what).isEqualTo(encode(expected.value));
                } else {
                    malformed++;
                    assertThat(decoded).as(what).isInstanceOfSatisfying(Decoded.Malformed.class, m -> {
                        assertThat(m.reason()).isEqualTo(expected.reason);
                        assertThat(m.detail()).contains(expected.detail);
                    });
                }
            }
        }
        assertThat(valids).as("corruptions still valid").isPositive();
        assertThat(malformed).as("corruptions malformed").isPositive();
    }

    @Test
    void shouldStillRejectABadEnumIndexInAFieldTheReaderSkips() throws IOException {
        // given a producer whose Bid has an extra enum field, unknown to our Bid
        Schema writer = PrecheckRuleTest.bidWith("""
                {"name": "colour", "type": {"type": "enum", "name": "Colour", "symbols": ["RED", "BLUE"]}}""");
        GenericRecord record = genericBid(writer);
        record.put("colour", new GenericData.EnumSymbol(writer.getField("colour").schema(), "BLUE"));
        byte[] bytes = frame(writer, record);
        // when its index (the last byte: zig-zag 1 = 0x02) names no symbol
        bytes[bytes.length - 1] = 0x0a;

        Decoded<Bid> decoded = new RecordReader<>(registry, Bid.class).read("bids", bytes);

        // then it is malformed, naming the index
        assertThat(decoded).isInstanceOfSatisfying(Decoded.Malformed.class, m -> {
            assertThat(m.reason()).isEqualTo(MalformedReason.UNDECODABLE);
            assertThat(m.detail()).contains("enum x.Colour index 5 is outside 0..1");
        });
    }

    @Test
    void shouldReadMoreItemsOfNullThanTheRecordHasBytes() throws IOException {
        // given a Bid whose writer adds an array of 1000 nulls (1000 items in 3 bytes)
        Schema writer = PrecheckRuleTest.bidWith("""
                {"name": "gaps", "type": {"type": "array", "items": "null"}}""");
        GenericRecord record = genericBid(writer);
        record.put("gaps", new GenericData.Array<>(writer.getField("gaps").schema(),
                java.util.Collections.nCopies(1000, null)));

        Decoded<Bid> decoded = new RecordReader<>(registry, Bid.class).read("bids", frame(writer, record));

        assertThat(decoded.isValid()).as(String.valueOf(decoded)).isTrue();
        assertThat(decoded.orElseThrow().getMarket()).isEqualTo("eu-hotels");
    }

    @Test
    void shouldRejectRecursiveDataNestedTooDeepWithoutOverflowingTheStack() throws IOException {
        // given a Bid whose writer adds a linked list, 500 links long
        Schema writer = PrecheckRuleTest.bidWith("""
                {"name": "chain", "type": {"type": "record", "name": "Link",
                  "fields": [{"name": "next", "type": ["null", "Link"]}]}}""");
        Schema link = writer.getField("chain").schema();
        GenericRecord chain = new GenericData.Record(link);
        for (int k = 0; k < 500; k++) {
            GenericRecord outer = new GenericData.Record(link);
            outer.put("next", chain);
            chain = outer;
        }
        GenericRecord record = genericBid(writer);
        record.put("chain", chain);

        Decoded<Bid> decoded = new RecordReader<>(registry, Bid.class).read("bids", frame(writer, record));

        assertThat(decoded).isInstanceOfSatisfying(Decoded.Malformed.class, m -> {
            assertThat(m.reason()).isEqualTo(MalformedReason.UNDECODABLE);
            assertThat(m.detail()).contains("nested more than 64 levels");
        });
    }

    @Test
    void shouldReadShallowRecursiveDataOfASkippedField() throws IOException {
        Schema writer = PrecheckRuleTest.bidWith("""
                {"name": "chain", "type": {"type": "record", "name": "Link",
                  "fields": [{"name": "next", "type": ["null", "Link"]}]}}""");
        Schema link = writer.getField("chain").schema();
        GenericRecord inner = new GenericData.Record(link);
        GenericRecord outer = new GenericData.Record(link);
        outer.put("next", inner);
        GenericRecord record = genericBid(writer);
        record.put("chain", outer);

        Decoded<Bid> decoded = new RecordReader<>(registry, Bid.class).read("bids", frame(writer, record));

        assertThat(decoded.isValid()).as(String.valueOf(decoded)).isTrue();
    }

    /** What walking first and then reading with Avro's BinaryDecoder concludes. */
    private record Reference(Object value, MalformedReason reason, String detail) {
    }

    private static Reference reference(Schema writer, Schema reader, byte[] bytes) {
        int length = bytes.length - ConfluentWireFormat.HEADER_SIZE;
        int used;
        try {
            used = AvroBytesCheck.of(writer).check(bytes, ConfluentWireFormat.HEADER_SIZE, length);
        } catch (AvroBytesCheck.BadBytes e) {
            return new Reference(null, MalformedReason.UNDECODABLE, e.getMessage());
        }
        if (used != length) {
            return new Reference(null, MalformedReason.TRAILING_BYTES, "leaving " + (length - used) + ":");
        }
        BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(bytes, ConfluentWireFormat.HEADER_SIZE, length,
                null);
        try {
            return new Reference(new SpecificDatumReader<>(writer, reader, SpecificData.getForSchema(reader))
                    .read(null, decoder), null, null);
        } catch (IOException | RuntimeException e) {
            return new Reference(null, MalformedReason.UNDECODABLE, "");
        }
    }

    /** The record with one to three changes: bytes overwritten, cut off, or inserted. */
    private static byte[] corrupt(byte[] valid, SplittableRandom random) {
        byte[] bytes = valid.clone();
        int header = ConfluentWireFormat.HEADER_SIZE;
        int changes = 1 + random.nextInt(3);
        for (int c = 0; c < changes; c++) {
            int at = header + random.nextInt(bytes.length - header);
            switch (random.nextInt(4)) {
                case 0, 1 -> bytes[at] = (byte) random.nextInt(256);
                case 2 -> bytes = java.util.Arrays.copyOf(bytes, Math.max(header + 1, at));
                default -> {
                    byte[] longer = new byte[bytes.length + 1];
                    System.arraycopy(bytes, 0, longer, 0, at);
                    longer[at] = (byte) random.nextInt(256);
                    System.arraycopy(bytes, at, longer, at + 1, bytes.length - at);
                    bytes = longer;
                }
            }
        }
        return bytes;
    }

    private static byte[] encode(Object record) {
        SpecificRecord specific = (SpecificRecord) record;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        try {
            new SpecificDatumWriter<SpecificRecord>(specific.getSchema()).write(specific, encoder);
            encoder.flush();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    @SuppressWarnings("unchecked")
    private RecordReader<SpecificRecord> readerFor(SpecificRecord record) {
        return new RecordReader<>(registry, (Class<SpecificRecord>) record.getClass());
    }

    private static GenericRecord genericBid(Schema writer) {
        Bid bid = SampleRecords.bid();
        GenericRecord record = new GenericData.Record(writer);
        record.put("market", bid.getMarket());
        record.put("stageId", bid.getStageId());
        record.put("agent", bid.getAgent());
        record.put("amount", bid.getAmount());
        record.put("format", new GenericData.EnumSymbol(writer.getField("format").schema(), bid.getFormat().name()));
        record.put("dashboardVersion", bid.getDashboardVersion());
        record.put("submittedAt", bid.getSubmittedAt().toEpochMilli());
        record.put("bidId", bid.getBidId());
        return record;
    }

    private byte[] frame(Schema writer, GenericRecord record) throws IOException {
        int id = registry.register("extended-bids-value", writer);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new GenericDatumWriter<GenericRecord>(writer).write(record, encoder);
        encoder.flush();
        return ConfluentWireFormat.frame(id, out.toByteArray());
    }
}
