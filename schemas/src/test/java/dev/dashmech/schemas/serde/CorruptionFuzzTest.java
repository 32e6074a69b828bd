package dev.dashmech.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dashmech.schemas.avro.MalformedReason;
import dev.dashmech.schemas.avro.SampleRecords;
import dev.dashmech.schemas.registry.InMemorySchemaRegistry;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

/** Whatever happens to the bytes, decoding answers Valid or Malformed and never throws. */
class CorruptionFuzzTest {

    private final InMemorySchemaRegistry registry = InMemorySchemaRegistry.create();

    @Test
    void shouldCallEveryTruncationOfEveryRecordTypeUndecodable() {
        for (SpecificRecord record : SampleRecords.all()) {
            byte[] bytes = serialize(record);
            AvroDecoder<SpecificRecord> decoder = decoderFor(record);
            for (int length = ConfluentWireFormat.HEADER_SIZE; length < bytes.length; length++) {
                Decoded<SpecificRecord> decoded = decoder.decode("t", Arrays.copyOf(bytes, length));
                MalformedReason reason = decoded.fold(r -> null, Decoded.Malformed::reason);
                assertThat(reason).as(record.getSchema().getName() + " cut to " + length + " bytes")
                        .isEqualTo(MalformedReason.UNDECODABLE);
            }
        }
    }

    @Test
    void shouldNeverThrowOnRandomlyCorruptedBytes() {
        SplittableRandom random = new SplittableRandom(20_250_301L);
        int malformed = 0;
        for (SpecificRecord record : SampleRecords.all()) {
            byte[] bytes = serialize(record);
            AvroDecoder<SpecificRecord> decoder = decoderFor(record);
            for (int trial = 0; trial < 300; trial++) {
                byte[] corrupt = bytes.clone();
                int flips = 1 + random.nextInt(3);
                for (int f = 0; f < flips; f++) {
                    int header = ConfluentWireFormat.HEADER_SIZE;
                    int at = header + random.nextInt(bytes.length - header);
                    corrupt[at] = (byte) random.nextInt(256);
                }
                // decode must return, whatever the bytes (a changed double or string is still a valid record)
                if (!decoder.decode("t", corrupt).isValid()) {
                    malformed++;
                }
            }
        }
        assertThat(malformed).isPositive();
    }

    private byte[] serialize(SpecificRecord record) {
        return new ConfluentAvroSerializer<SpecificRecord>(registry, true)
                .serialize("t-" + record.getSchema().getName(), record);
    }

    @SuppressWarnings("unchecked")
    private AvroDecoder<SpecificRecord> decoderFor(SpecificRecord record) {
        return AvroDecoder.of((Class<SpecificRecord>) record.getClass(), registry);
    }
}
