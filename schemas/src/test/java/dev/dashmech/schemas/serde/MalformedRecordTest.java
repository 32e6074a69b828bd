package dev.dashmech.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dashmech.schemas.avro.Bid;
import dev.dashmech.schemas.avro.MalformedReason;
import dev.dashmech.schemas.avro.SampleRecords;
import dev.dashmech.schemas.registry.CompatibilityCheck;
import dev.dashmech.schemas.registry.CompatibilityLevel;
import dev.dashmech.schemas.registry.InMemorySchemaRegistry;
import dev.dashmech.schemas.registry.RegisteredSchema;
import dev.dashmech.schemas.registry.RegistryUnreachableException;
import dev.dashmech.schemas.registry.SchemaRegistries;
import dev.dashmech.schemas.registry.SchemaRegistryClient;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.avro.Schema;
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

        assertMalformed(corrupt, MalformedReason.UNDECODABLE, "negative");
    }

    @Test
    void shouldRejectBytesLeftAfterTheRecordAsTrailingBytes() {
        byte[] valid = validBid();
        byte[] longer = Arrays.copyOf(valid, valid.length + 3);

        assertMalformed(longer, MalformedReason.TRAILING_BYTES, "left over");
        assertDeserializerThrows(longer, MalformedReason.TRAILING_BYTES);
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
