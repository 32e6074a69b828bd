package dev.dashmech.integration.records;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.io.JsonEncoder;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;

/**
 * A record in Avro's standard JSON encoding (the Avro specification's, written by Avro's {@link JsonEncoder}):
 * the common language in which the tests compare records with what other Avro implementations (fastavro under
 * the Confluent Python client) read or write.
 */
public final class AvroJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private AvroJson() {
    }

    /** The record's Avro JSON encoding on one line. */
    public static String encode(SpecificRecord record) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            JsonEncoder encoder = EncoderFactory.get().jsonEncoder(record.getSchema(), out, false);
            DatumWriter<SpecificRecord> writer = new SpecificDatumWriter<>(record.getSchema());
            writer.write(record, encoder);
            encoder.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not encode " + record.getSchema().getFullName() + " as JSON", e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** The record's Avro JSON encoding as a tree, to compare with another tree field by field. */
    public static JsonNode tree(SpecificRecord record) {
        try {
            return JSON.readTree(encode(record));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
