package dev.dashmech.integration.records;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;

/**
 * Records of any generated type with every field filled from a seeded random source: unions take each branch,
 * arrays and maps vary in length (empty included), strings carry non-ASCII text, longs span the 64-bit range. They
 * are valid Avro, not valid market data: for tests of how records travel (serdes, registry, other clients), not of
 * what they mean. The same seed gives the same records.
 *
 * <p>Hand-written rather than Avro's {@code RandomData}, which draws timestamps from the whole {@code long} range:
 * years other Avro implementations cannot turn into dates (fastavro raises an overflow), so records it makes
 * cannot cross to the Python client. Here timestamps fall in the years 2020 to 2030.
 */
public final class RandomRecords {

    private static final long YEAR_2020_MILLIS = 1_577_836_800_000L;
    private static final long TEN_YEARS_MILLIS = 315_576_000_000L;
    private static final String LETTERS = "abcdefghijklmnopqrstuvwxyz-0123456789éßø€";

    private final Random random;

    private RandomRecords(long seed) {
        this.random = new Random(seed);
    }

    /** {@code count} records of {@code type} drawn with {@code seed}. */
    public static <T extends SpecificRecord> List<T> of(Class<T> type, int count, long seed) {
        Schema schema = SpecificData.get().getSchema(type);
        RandomRecords draw = new RandomRecords(seed);
        // drawn as generic data of the schema's plain Avro types, then read into the generated class through Avro's
        // binary encoding, which applies the class's logical-type conversions (Instant for timestamp-millis)
        GenericDatumWriter<Object> writer = new GenericDatumWriter<>(schema, GenericData.get());
        SpecificDatumReader<T> reader = new SpecificDatumReader<>(type);
        List<T> records = new ArrayList<>(count);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        BinaryEncoder encoder = null;
        try {
            for (int i = 0; i < count; i++) {
                bytes.reset();
                encoder = EncoderFactory.get().binaryEncoder(bytes, encoder);
                writer.write(draw.value(schema), encoder);
                encoder.flush();
                records.add(reader.read(null, DecoderFactory.get().binaryDecoder(bytes.toByteArray(), null)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not make random " + type.getSimpleName() + " records", e);
        }
        return records;
    }

    private Object value(Schema schema) {
        return switch (schema.getType()) {
            case RECORD -> {
                GenericData.Record record = new GenericData.Record(schema);
                schema.getFields().forEach(field -> record.put(field.pos(), value(field.schema())));
                yield record;
            }
            case ENUM -> new GenericData.EnumSymbol(schema, pick(schema.getEnumSymbols()));
            case ARRAY -> {
                int size = random.nextInt(4);
                GenericData.Array<Object> array = new GenericData.Array<>(size, schema);
                for (int i = 0; i < size; i++) {
                    array.add(value(schema.getElementType()));
                }
                yield array;
            }
            case MAP -> {
                Map<String, Object> map = new HashMap<>();
                for (int i = random.nextInt(3); i > 0; i--) {
                    map.put(text(), value(schema.getValueType()));
                }
                yield map;
            }
            case UNION -> value(pick(schema.getTypes()));
            case STRING -> text();
            case BYTES -> ByteBuffer.wrap(bytes(random.nextInt(8)));
            case FIXED -> new GenericData.Fixed(schema, bytes(schema.getFixedSize()));
            case INT -> random.nextInt();
            case LONG -> schema.getLogicalType() instanceof LogicalTypes.TimestampMillis
                    ? YEAR_2020_MILLIS + (long) (random.nextDouble() * TEN_YEARS_MILLIS)
                    : random.nextLong();
            case FLOAT -> random.nextFloat() * 1000;
            case DOUBLE -> random.nextDouble() * 1000;
            case BOOLEAN -> random.nextBoolean();
            case NULL -> null;
        };
    }

    private <E> E pick(List<E> choices) {
        return choices.get(random.nextInt(choices.size()));
    }

    private String text() {
        StringBuilder text = new StringBuilder();
        for (int i = 1 + random.nextInt(12); i > 0; i--) {
            text.append(LETTERS.charAt(random.nextInt(LETTERS.length())));
        }
        return text.toString();
    }

    private byte[] bytes(int size) {
        byte[] bytes = new byte[size];
        random.nextBytes(bytes);
        return bytes;
    }
}
