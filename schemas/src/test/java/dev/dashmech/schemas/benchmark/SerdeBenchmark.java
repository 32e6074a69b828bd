package dev.dashmech.schemas.benchmark;

import dev.dashmech.schemas.avro.Bid;
import dev.dashmech.schemas.avro.SampleRecords;
import dev.dashmech.schemas.avro.StageOutcome;
import dev.dashmech.schemas.registry.InMemorySchemaRegistry;
import dev.dashmech.schemas.serde.AvroDecoder;
import dev.dashmech.schemas.serde.ConfluentAvroDeserializer;
import dev.dashmech.schemas.serde.ConfluentAvroSerializer;
import dev.dashmech.schemas.serde.Decoded;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Records per second of a {@link Bid} through the Confluent-framed serdes with the in-process registry,
 * against an anchor measured in the same run: the plain Avro binary round trip with the same generated class
 * (SpecificDatumWriter / SpecificDatumReader, encoder and decoder reused), no header, no registry. The
 * ratio serde / anchor is the cost of the wire format, the registry lookups (cached), schema resolution and,
 * on the read side, the check of every length prefix against the bytes present (which guards against
 * hostile records). The read side can beat its anchor: it decodes with a bounded decoder over the byte array
 * that is cheaper to set up than a reused BinaryDecoder and builds strings without Avro's scratch Utf8.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class SerdeBenchmark {

    private Bid bid;
    private byte[] framed;
    private byte[] truncated;
    private byte[] plain;

    private ConfluentAvroSerializer<Bid> serializer;
    private ConfluentAvroDeserializer<Bid> deserializer;
    private AvroDecoder<Bid> decoder;

    private SpecificDatumWriter<Bid> writer;
    private SpecificDatumReader<Bid> reader;
    private ByteArrayOutputStream out;
    private BinaryEncoder encoder;
    private BinaryDecoder binaryDecoder;

    private StageOutcome outcome;
    private ConfluentAvroSerializer<StageOutcome> outcomeSerializer;
    private SpecificDatumWriter<StageOutcome> outcomeWriter;

    @Setup
    public void setUp() throws IOException {
        bid = SampleRecords.bid();
        InMemorySchemaRegistry registry = InMemorySchemaRegistry.create();
        serializer = new ConfluentAvroSerializer<>(registry, true);
        deserializer = new ConfluentAvroDeserializer<>(registry, Bid.class);
        decoder = AvroDecoder.of(Bid.class, registry);
        framed = serializer.serialize("bids", bid);
        truncated = java.util.Arrays.copyOf(framed, framed.length - 6);

        writer = new SpecificDatumWriter<>(Bid.class);
        reader = new SpecificDatumReader<>(Bid.class);
        out = new ByteArrayOutputStream(256);
        plain = plainSerialize();

        outcome = SampleRecords.stageOutcome();
        outcomeSerializer = new ConfluentAvroSerializer<>(registry, true);
        outcomeWriter = new SpecificDatumWriter<>(StageOutcome.class);
    }

    /** Anchor: plain Avro binary write then read of the same record. */
    @Benchmark
    public Bid anchorPlainAvroRoundTrip() throws IOException {
        byte[] bytes = plainSerialize();
        binaryDecoder = DecoderFactory.get().binaryDecoder(bytes, binaryDecoder);
        return reader.read(null, binaryDecoder);
    }

    /** Serializer then deserializer, as a producer and a consumer would. */
    @Benchmark
    public Bid serdeRoundTrip() {
        return deserializer.deserialize("bids", serializer.serialize("bids", bid));
    }

    /** Serializer alone. */
    @Benchmark
    public byte[] serdeSerialize() {
        return serializer.serialize("bids", bid);
    }

    /** Deserializer alone. */
    @Benchmark
    public Bid serdeDeserialize() {
        return deserializer.deserialize("bids", framed);
    }

    /** The non-throwing decode a Streams topology uses. */
    @Benchmark
    public Decoded<Bid> decoderDecode() {
        return decoder.decode("bids", framed);
    }

    /** The non-throwing decode of a truncated bid: the cost of rejecting a malformed record. */
    @Benchmark
    public Decoded<Bid> decoderDecodeTruncated() {
        return decoder.decode("bids", truncated);
    }

    /** Anchor for the serializer: plain Avro write of the same record. */
    @Benchmark
    public byte[] anchorPlainAvroWrite() throws IOException {
        return plainSerialize();
    }

    /** Anchor for the deserializer and decoder: plain Avro read of the same record. */
    @Benchmark
    public Bid anchorPlainAvroRead() throws IOException {
        binaryDecoder = DecoderFactory.get().binaryDecoder(plain, binaryDecoder);
        return reader.read(null, binaryDecoder);
    }

    /** A two-entry StageOutcome through the serializer, as the stage engine writes one per closed stage. */
    @Benchmark
    public byte[] serdeSerializeStageOutcome() {
        return outcomeSerializer.serialize("stage-outcomes", outcome);
    }

    /** Anchor for the StageOutcome serializer: plain Avro write of the same record. */
    @Benchmark
    public byte[] anchorPlainAvroWriteStageOutcome() throws IOException {
        out.reset();
        encoder = EncoderFactory.get().binaryEncoder(out, encoder);
        outcomeWriter.write(outcome, encoder);
        encoder.flush();
        return out.toByteArray();
    }

    private byte[] plainSerialize() throws IOException {
        out.reset();
        encoder = EncoderFactory.get().binaryEncoder(out, encoder);
        writer.write(bid, encoder);
        encoder.flush();
        return out.toByteArray();
    }
}
