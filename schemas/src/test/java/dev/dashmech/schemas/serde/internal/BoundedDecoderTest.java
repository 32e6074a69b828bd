package dev.dashmech.schemas.serde.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.util.Utf8;
import org.junit.jupiter.api.Test;

class BoundedDecoderTest {

    @Test
    void shouldReadBackWhatAvrosEncoderWroteForSeededRandomValues() throws IOException {
        for (long seed = 1; seed <= 200; seed++) {
            // given a random sequence of values written by Avro's own encoder
            SplittableRandom random = new SplittableRandom(seed);
            List<Object> values = new ArrayList<>();
            byte[] bytes = encode(encoder -> {
                for (int k = 0; k < 20; k++) {
                    Object value = switch (random.nextInt(7)) {
                        case 0 -> random.nextInt();
                        case 1 -> random.nextLong();
                        case 2 -> (float) random.nextDouble(-1e6, 1e6);
                        case 3 -> random.nextDouble(-1e12, 1e12);
                        case 4 -> random.nextBoolean();
                        case 5 -> randomString(random);
                        default -> randomBytes(random);
                    };
                    values.add(value);
                    write(encoder, value);
                }
            });

            // when read back
            BoundedDecoder decoder = new BoundedDecoder(bytes, 0, bytes.length, false);
            for (int k = 0; k < values.size(); k++) {
                Object expected = values.get(k);
                Object read = read(decoder, expected);
                // then every value is equal, and nothing is left over
                assertThat(read).as("seed %d, value %d", seed, k).isEqualTo(expected);
            }
            assertThat(decoder.position()).as("seed %d", seed).isEqualTo(bytes.length);
        }
    }

    @Test
    void shouldRefuseAStringLongerThanTheBytesLeftWithoutAllocatingIt() throws IOException {
        // given a string claiming 1 GB followed by three bytes
        byte[] bytes = encode(encoder -> {
            encoder.writeLong(1_000_000_000L);
            encoder.writeFixed(new byte[] {1, 2, 3});
        });
        BoundedDecoder decoder = new BoundedDecoder(bytes, 0, bytes.length, false);

        long before = allocatedBytes();
        assertThatThrownBy(decoder::readString)
                .isInstanceOf(BoundedDecoder.OutOfBounds.class)
                .hasMessageContaining("declared length 1000000000").hasMessageContaining("only 3 are left");
        assertThat(allocatedBytes() - before).isLessThan(1_000_000L);
    }

    @Test
    void shouldRefuseANegativeLength() throws IOException {
        byte[] bytes = encode(encoder -> encoder.writeLong(-1));

        assertThatThrownBy(() -> new BoundedDecoder(bytes, 0, bytes.length, false).readBytes(null))
                .isInstanceOf(BoundedDecoder.OutOfBounds.class)
                .hasMessageContaining("bytes length -1 is negative");
    }

    @Test
    void shouldRefuseAnItemCountLargerThanTheBytesLeft() throws IOException {
        byte[] bytes = encode(encoder -> {
            encoder.writeLong(200_000_000L);
            encoder.writeLong(7);
        });

        assertThatThrownBy(() -> new BoundedDecoder(bytes, 0, bytes.length, false).readArrayStart())
                .isInstanceOf(BoundedDecoder.OutOfBounds.class)
                .hasMessageContaining("array claims 200000000 items but only 1 bytes are left");
    }

    @Test
    void shouldLeaveAPrecheckedCountToTheCheckThatBoundedIt() throws IOException {
        // given 1000 items of a type encoded in zero bytes (e.g. null), which AvroBytesCheck allows
        byte[] bytes = encode(encoder -> {
            encoder.writeLong(1000);
            encoder.writeLong(0);
        });

        assertThat(new BoundedDecoder(bytes, 0, bytes.length, true).readArrayStart()).isEqualTo(1000);
    }

    @Test
    void shouldRefuseABlockSizeBeyondTheBytes() throws IOException {
        // given a block of -2 items (so a byte size follows) claiming 50 bytes
        byte[] bytes = encode(encoder -> {
            encoder.writeLong(-2);
            encoder.writeLong(50);
            encoder.writeLong(1);
            encoder.writeLong(2);
        });

        assertThatThrownBy(() -> new BoundedDecoder(bytes, 0, bytes.length, false).readMapStart())
                .isInstanceOf(BoundedDecoder.OutOfBounds.class)
                .hasMessageContaining("map block size 50 does not fit the 2 bytes left");
    }

    @Test
    void shouldHandASkippedBlockBackItemByItem() throws IOException {
        // given a block of 2 longs with its byte size
        byte[] bytes = encode(encoder -> {
            encoder.writeLong(-2);
            encoder.writeLong(2);
            encoder.writeLong(5);
            encoder.writeLong(6);
            encoder.writeLong(0);
        });
        BoundedDecoder decoder = new BoundedDecoder(bytes, 0, bytes.length, false);

        // then skipping returns the count, so each item is skipped (and checked) as it would be read
        assertThat(decoder.skipArray()).isEqualTo(2);
        assertThat(decoder.readLong()).isEqualTo(5);
        assertThat(decoder.readLong()).isEqualTo(6);
        assertThat(decoder.skipArray()).isZero();
        assertThat(decoder.position()).isEqualTo(bytes.length);
    }

    @Test
    void shouldRefuseAVarintLongerThanTenBytes() {
        byte[] bytes = {(byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80,
            (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, 0x01};

        assertThatThrownBy(() -> new BoundedDecoder(bytes, 0, bytes.length, false).readLong())
                .isInstanceOf(BoundedDecoder.OutOfBounds.class)
                .hasMessageContaining("longer than 10 bytes");
    }

    @Test
    void shouldRefuseADoubleCutOffByTheEnd() {
        byte[] bytes = {0, 0, 0, 0, 0, 0, 0, 0, 0};

        assertThatThrownBy(() -> new BoundedDecoder(bytes, 2, 7, false).readDouble())
                .isInstanceOf(BoundedDecoder.OutOfBounds.class)
                .hasMessageContaining("at byte 2: double needs 8 bytes but only 7 are left");
    }

    @Test
    void shouldReadOnlyItsSliceOfTheBuffer() throws IOException {
        // given a string of 3 bytes in a slice of 2
        byte[] bytes = {0x06, 'a', 'b', 'c'};

        assertThatThrownBy(() -> new BoundedDecoder(bytes, 0, 3, false).readString(new Utf8()))
                .isInstanceOf(BoundedDecoder.OutOfBounds.class);
        assertThat(new BoundedDecoder(bytes, 0, 4, false).readString(new Utf8()).toString()).isEqualTo("abc");
    }

    private interface Body {
        void write(BinaryEncoder encoder) throws IOException;
    }

    private static byte[] encode(Body body) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        body.write(encoder);
        encoder.flush();
        return out.toByteArray();
    }

    private static void write(BinaryEncoder encoder, Object value) throws IOException {
        if (value instanceof Integer i) {
            encoder.writeInt(i);
        } else if (value instanceof Long l) {
            encoder.writeLong(l);
        } else if (value instanceof Float f) {
            encoder.writeFloat(f);
        } else if (value instanceof Double d) {
            encoder.writeDouble(d);
        } else if (value instanceof Boolean b) {
            encoder.writeBoolean(b);
        } else if (value instanceof String s) {
            encoder.writeString(s);
        } else {
            encoder.writeBytes((ByteBuffer) value);
        }
    }

    private static Object read(BoundedDecoder decoder, Object like) throws IOException {
        if (like instanceof Integer) {
            return decoder.readInt();
        } else if (like instanceof Long) {
            return decoder.readLong();
        } else if (like instanceof Float) {
            return decoder.readFloat();
        } else if (like instanceof Double) {
            return decoder.readDouble();
        } else if (like instanceof Boolean) {
            return decoder.readBoolean();
        } else if (like instanceof String) {
            return decoder.readString();
        } else {
            return decoder.readBytes(null);
        }
    }

    private static String randomString(SplittableRandom random) {
        StringBuilder out = new StringBuilder();
        int n = random.nextInt(12);
        for (int k = 0; k < n; k++) {
            out.appendCodePoint(random.nextBoolean() ? 'a' + random.nextInt(26) : 0xA0 + random.nextInt(0x2000));
        }
        return out.toString();
    }

    private static ByteBuffer randomBytes(SplittableRandom random) {
        byte[] bytes = new byte[random.nextInt(12)];
        for (int k = 0; k < bytes.length; k++) {
            bytes[k] = (byte) random.nextInt(256);
        }
        return ByteBuffer.wrap(bytes);
    }

    private static long allocatedBytes() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean())
                .getThreadAllocatedBytes(Thread.currentThread().getId());
    }
}
