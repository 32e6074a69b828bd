package dev.dashmech.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

/** The cached key deserializer decodes exactly as Kafka's {@code StringDeserializer}, and reuses its strings. */
class CachedStringDeserializerTest {

    private final CachedStringDeserializer keys = new CachedStringDeserializer();
    private final StringDeserializer plain = new StringDeserializer();

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void shouldHandBackTheSameStringForTheSameBytes() {
        String first = keys.deserialize("bids", utf8("market-3"));
        String second = keys.deserialize("bids", utf8("market-3"));

        assertThat(first).isEqualTo("market-3");
        assertThat(second).isSameAs(first);
    }

    @Test
    void shouldNotBeFooledByTheCallerChangingItsArray() {
        byte[] data = utf8("market-1");
        String first = keys.deserialize("bids", data);
        data[7] = '2';

        assertThat(first).isEqualTo("market-1");
        assertThat(keys.deserialize("bids", data)).isEqualTo("market-2");
        assertThat(keys.deserialize("bids", utf8("market-1"))).isEqualTo("market-1");
    }

    @Test
    void shouldDecodeAsStringDeserializerDoesWhateverTheBytes() {
        SplittableRandom random = new SplittableRandom(5);
        List<byte[]> inputs = new ArrayList<>();
        inputs.add(new byte[0]);
        inputs.add(utf8("märkt-€-日本"));
        inputs.add(new byte[] {(byte) 0xC3}); // cut off: U+FFFD
        inputs.add(new byte[] {(byte) 0xFF, 'a', (byte) 0x80});
        inputs.add(utf8("x".repeat(CachedStringDeserializer.MAX_CACHED_BYTES + 1))); // too long to cache
        for (int i = 0; i < 5_000; i++) { // enough keys that slots collide and entries replace each other
            byte[] b = new byte[random.nextInt(12)];
            for (int j = 0; j < b.length; j++) {
                b[j] = (byte) (random.nextBoolean() ? 'a' + random.nextInt(26) : random.nextInt(256));
            }
            inputs.add(b);
        }
        for (int round = 0; round < 2; round++) {
            for (byte[] b : inputs) {
                assertThat(keys.deserialize("t", b)).isEqualTo(plain.deserialize("t", b));
            }
        }
        assertThat(keys.deserialize("t", null)).isNull();
    }
}
