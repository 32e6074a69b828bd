package dev.dashmech.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dashmech.schemas.avro.AuctionOpened;
import dev.dashmech.schemas.avro.Bid;
import dev.dashmech.schemas.avro.Dashboard;
import dev.dashmech.schemas.avro.MalformedReason;
import dev.dashmech.schemas.avro.SampleRecords;
import dev.dashmech.schemas.registry.CompatibilityCheck;
import dev.dashmech.schemas.registry.CompatibilityLevel;
import dev.dashmech.schemas.registry.InMemorySchemaRegistry;
import dev.dashmech.schemas.registry.RegisteredSchema;
import dev.dashmech.schemas.registry.RegistryUnreachableException;
import dev.dashmech.schemas.registry.SchemaRegistries;
import dev.dashmech.schemas.registry.SchemaRegistryClient;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class MalformedRecordTest {

    private final InMemorySchemaRegistry registry = InMemorySchemaRegistry.create();
    private final AvroDecoder<Bid> decoder = AvroDecoder.of(Bid.class, registry);
    private final ConfluentAvroDeserializer<Bid> deserializer = new ConfluentAvroDeserializer<>(registry, Bid.class);

    private byte[] validBid() {
        return new ConfluentAvroSerializer<Bid>(registry, true).serialize("bids", SampleRecords.bid());
    }

    @Test
    void shouldDecodeAValidBid() {
        Decoded<Bid> decoded = decoder.decode("bids", validBid());

        assertThat(decoded.isValid()).isTrue();
        assertThat(decoded.orElseThrow()).isEqualTo(SampleRecords.bid());
        assertThat(decoded).isInstanceOfSatisfying(Decoded.Valid.class,
                v -> assertThat(v.schemaId()).isEqualTo(registry.latest("bids-value").id()));
    }

    @Test
    void shouldCallANullValueEmptyInTheDecoderButATombstoneInTheDeserializer() {
        assertMalformed(null, MalformedReason.EMPTY, "null");
        assertThat(deserializer.deserialize("bids", null)).isNull();
    }

    @Test
    void shouldRejectZeroBytesAsEmpty() {
        assertMalformed(new byte[0], MalformedReason.EMPTY, "0 bytes");
        assertDeserializerThrows(new byte[0], MalformedReason.EMPTY);
    }

    @Test
    void shouldRejectFewerBytesThanTheHeaderAsTooShort() {
        byte[] bytes = {0, 0, 1};

        assertMalformed(bytes, MalformedReason.TOO_SHORT, "3 bytes");
        assertDeserializerThrows(bytes, MalformedReason.TOO_SHORT);
    }

    @Test
    void shouldRejectJsonAsWrongMagicByteNamingTheByte() {
        byte[] json = "{\"market\":\"eu-hotels\",\"amount\":2.5}".getBytes(StandardCharsets.UTF_8);

        assertMalformed(json, MalformedReason.WRONG_MAGIC_BYTE, "0x7b ('{')");
        assertDeserializerThrows(json, MalformedReason.WRONG_MAGIC_BYTE);
    }

    @Test
    void shouldRejectAnIdTheRegistryDoesNotKnowAsUnknownSchemaId() {
        byte[] bytes = validBid();
        bytes[3] = 0x7f; // id 0x00007f?? far beyond anything registered

        Decoded<Bid> decoded = assertMalformed(bytes, MalformedReason.UNKNOWN_SCHEMA_ID, "unknown to the registry");
        assertThat(((Decoded.Malformed<Bid>) decoded).schemaId()).isEqualTo(ConfluentWireFormat.schemaId(bytes));
        assertDeserializerThrows(bytes, MalformedReason.UNKNOWN_SCHEMA_ID);
    }

    @Test
    void shouldRejectAForeignRecordTypeAsSchemaMismatch() {
        // given a Dashboard written to the bids topic
        byte[] dashboard = new ConfluentAvroSerializer<dev.dashmech.schemas.avro.Dashboard>(registry, true)
                .serialize("bids-dlq-mixup", SampleRecords.dashboard());

        // then reading it as a Bid names both types
        assertMalformed(dashboard, MalformedReason.SCHEMA_MISMATCH, "Dashboard");
        assertDeserializerThrows(dashboard, MalformedReason.SCHEMA_MISMATCH);
    }

    @Test
    void shouldRejectTruncatedAvroAsUndecodable() {
        byte[] valid = validBid();
        byte[] truncated = Arrays.copyOf(valid, valid.length - 6);

        assertMalformed(truncated, MalformedReason.UNDECODABLE, "truncated or corrupt");
        assertDeserializerThrows(truncated, MalformedReason.UNDECODABLE);
    }

    @Test
    void shouldRejectANegativeStringLengthAsUndecodable() {
        // given a valid header followed by zig-zag -1 as the market's length
        byte[] valid = validBid();
        byte[] corrupt = Arrays.copyOf(valid, valid.length);
        corrupt[5] = 0x01;

        assertMalformed(corrupt, MalformedReason.UNDECODABLE, "string length -1 is negative");
    }

    @Test
    void shouldRejectBytesLeftAfterTheRecordAsTrailingBytes() {
        byte[] valid = validBid();
        byte[] longer = Arrays.copyOf(valid, valid.length + 3);

        assertMalformed(longer, MalformedReason.TRAILING_BYTES, "leaving 3");
        assertDeserializerThrows(longer, MalformedReason.TRAILING_BYTES);
    }

    @Test
    void shouldRejectAHugeDeclaredStringLengthWithoutAllocatingIt() throws IOException {
        // given a 20-byte record whose market claims to be a 1 GB string
        byte[] hostile = withBody(validBid(), encoder -> encoder.writeLong(1_000_000_000L));

        // when decoded
        long before = allocatedBytes();
        Decoded<Bid> decoded = decoder.decode("bids", hostile);
        long allocated = allocatedBytes() - before;

        // then it is undecodable, and nothing near the claimed size was allocated
        MalformedReason reason = decoded.fold(bid -> null, Decoded.Malformed::reason);
        assertThat(reason).isEqualTo(MalformedReason.UNDECODABLE);
        assertThat(allocated).isLessThan(50_000_000L);
    }

    @Test
    void shouldRejectAHugeDeclaredArrayWithoutAllocatingIt() throws IOException {
        // given a dashboard whose values array claims a billion doubles
        InMemorySchemaRegistry own = InMemorySchemaRegistry.create();
        byte[] valid = new ConfluentAvroSerializer<Dashboard>(own, true).serialize("d", SampleRecords.dashboard());
        byte[] hostile = withBody(valid, encoder -> {
            encoder.writeString("m");
            encoder.writeString("a");
            encoder.writeLong(1);
            encoder.writeEnum(0);
            encoder.writeEnum(0);
            encoder.writeLong(1_000_000_000L);
        });

        long before = allocatedBytes();
        Decoded<Dashboard> decoded = AvroDecoder.of(Dashboard.class, own).decode("d", hostile);
        long allocated = allocatedBytes() - before;

        MalformedReason reason = decoded.fold(d -> null, Decoded.Malformed::reason);
        assertThat(reason).isEqualTo(MalformedReason.UNDECODABLE);
        assertThat(allocated).isLessThan(50_000_000L);
    }

    @Test
    void shouldRejectAHugeArrayOfStringsWithoutAllocatingIt() throws IOException {
        // given eligibleAgents claiming 200 million strings, the first of length -1
        InMemorySchemaRegistry own = InMemorySchemaRegistry.create();
        byte[] valid = new ConfluentAvroSerializer<AuctionOpened>(own, true)
                .serialize("auctions", SampleRecords.auctionOpened());
        byte[] hostile = withBody(valid, encoder -> {
            encoder.writeString("m");
            encoder.writeLong(1);
            encoder.writeLong(1);
            encoder.writeIndex(0);
            encoder.writeIndex(1);
            encoder.writeLong(200_000_000L);
            encoder.writeLong(-1);
        });

        long before = allocatedBytes();
        Decoded<AuctionOpened> decoded = AvroDecoder.of(AuctionOpened.class, own).decode("auctions", hostile);
        long allocated = allocatedBytes() - before;

        assertThat(decoded).isInstanceOfSatisfying(Decoded.Malformed.class, m -> {
            assertThat(m.reason()).isEqualTo(MalformedReason.UNDECODABLE);
            assertThat(m.detail()).contains("array claims 200000000 items");
        });
        assertThat(allocated).isLessThan(50_000_000L);
    }

    /** The header of {@code framed} followed by what {@code body} writes and three stray bytes. */
    private static byte[] withBody(byte[] framed, EncoderBody body) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(framed, 0, ConfluentWireFormat.HEADER_SIZE);
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        body.write(encoder);
        encoder.flush();
        out.write(new byte[] {1, 2, 3});
        return out.toByteArray();
    }

    private interface EncoderBody {
        void write(BinaryEncoder encoder) throws IOException;
    }

    private static long allocatedBytes() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean())
                .getThreadAllocatedBytes(Thread.currentThread().getId());
    }

    @Test
    void shouldThrowTheMalformedExceptionFromOrElseThrowWithTheSameFields() {
        byte[] bytes = {0x7b, 0x7d, 0, 0, 0, 0};
        Decoded<Bid> decoded = decoder.decode("bids", bytes);

        assertThatThrownBy(decoded::orElseThrow).isInstanceOfSatisfying(MalformedRecordException.class, e -> {
            assertThat(e.reason()).isEqualTo(MalformedReason.WRONG_MAGIC_BYTE);
            assertThat(e.rawBytes()).isEqualTo(bytes);
            assertThat(e.topic()).isEqualTo("bids");
        });
        String folded = decoded.fold(bid -> "valid", m -> m.reason().name());
        assertThat(folded).isEqualTo("WRONG_MAGIC_BYTE");
    }

    @Test
    void shouldThrowNotRejectWhenTheRegistryIsUnreachable() throws IOException {
        // given a registry URL where nothing listens
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        SchemaRegistryClient down = SchemaRegistries.connect("http://127.0.0.1:" + port);
        byte[] bytes = validBid();

        // then the decoder throws a retriable registry error instead of calling the bid malformed
        assertThatThrownBy(() -> AvroDecoder.of(Bid.class, down).decode("bids", bytes))
                .isInstanceOfSatisfying(RegistryUnreachableException.class,
                        e -> assertThat(e.isRetriable()).isTrue())
                .hasMessageContaining("127.0.0.1:" + port);
        // and the deserializer throws a plain SerializationException caused by it
        assertThatThrownBy(() -> new ConfluentAvroDeserializer<>(down, Bid.class).deserialize("bids", bytes))
                .isInstanceOf(SerializationException.class)
                .isNotInstanceOf(MalformedRecordException.class)
                .hasCauseInstanceOf(RegistryUnreachableException.class);
    }

    @Test
    void shouldAskTheRegistryAboutAnUnknownIdOnlyOnceInAWhile() {
        // given a registry that counts lookups by id
        CountingRegistry counting = new CountingRegistry(registry);
        AvroDecoder<Bid> decoder = AvroDecoder.of(Bid.class, counting);
        byte[] bytes = {0, 0, 0, 0x30, 0x39, 2, 4};

        // when the same unknown id arrives many times
        for (int k = 0; k < 50; k++) {
            assertThat(decoder.decode("bids", bytes).isValid()).isFalse();
        }

        // then the registry was asked once
        assertThat(counting.byIdCalls.get()).isEqualTo(1);
    }

    private Decoded<Bid> assertMalformed(byte[] bytes, MalformedReason reason, String detailFragment) {
        Decoded<Bid> decoded = decoder.decode("bids", bytes);
        assertThat(decoded.isValid()).isFalse();
        assertThat(decoded).isInstanceOfSatisfying(Decoded.Malformed.class, m -> {
            assertThat(m.reason()).isEqualTo(reason);
            assertThat(m.detail()).contains(detailFragment).contains("bids");
            assertThat(m.rawBytes()).isEqualTo(bytes);
            assertThat(m.topic()).isEqualTo("bids");
        });
        return decoded;
    }

    private void assertDeserializerThrows(byte[] bytes, MalformedReason reason) {
        assertThatThrownBy(() -> deserializer.deserialize("bids", bytes))
                .isInstanceOfSatisfying(MalformedRecordException.class, e -> {
                    assertThat(e.reason()).isEqualTo(reason);
                    assertThat(e.rawBytes()).isEqualTo(bytes);
                    assertThat(e.topic()).isEqualTo("bids");
                });
    }

    /** Delegates to a registry, counting lookups by id. */
    private static final class CountingRegistry implements SchemaRegistryClient {
        final SchemaRegistryClient delegate;
        final AtomicInteger byIdCalls = new AtomicInteger();

        CountingRegistry(SchemaRegistryClient delegate) {
            this.delegate = delegate;
        }

        @Override
        public String url() {
            return delegate.url();
        }

        @Override
        public int register(String subject, Schema schema) {
            return delegate.register(subject, schema);
        }

        @Override
        public int idOf(String subject, Schema schema) {
            return delegate.idOf(subject, schema);
        }

        @Override
        public Schema schemaById(int id) {
            byIdCalls.incrementAndGet();
            return delegate.schemaById(id);
        }

        @Override
        public RegisteredSchema latest(String subject) {
            return delegate.latest(subject);
        }

        @Override
        public CompatibilityCheck checkCompatibility(String subject, Schema schema) {
            return delegate.checkCompatibility(subject, schema);
        }

        @Override
        public CompatibilityLevel setCompatibility(CompatibilityLevel level) {
            return delegate.setCompatibility(level);
        }

        @Override
        public CompatibilityLevel setCompatibility(String subject, CompatibilityLevel level) {
            return delegate.setCompatibility(subject, level);
        }
    }
}
