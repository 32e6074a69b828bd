package dev.dashmech.engine.processor.internal;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A growable big-endian byte buffer for the engine's store values. Hand-written because an open stage's value is
 * extended by the bids taken since it was last written (no re-encoding of the earlier ones), which no serialization
 * library offers; the format is documented in {@link StoreCodec}.
 */
final class ByteSink {

    private byte[] bytes;
    private int size;

    ByteSink(int capacity) {
        bytes = new byte[Math.max(16, capacity)];
    }

    /** The bytes written so far, as a new array (stores keep the array they are given). */
    byte[] toByteArray() {
        return Arrays.copyOf(bytes, size);
    }

    int size() {
        return size;
    }

    /** Forgets everything written after the first {@code length} bytes. */
    void truncate(int length) {
        size = length;
    }

    ByteSink putByte(int b) {
        ensure(1);
        bytes[size++] = (byte) b;
        return this;
    }

    ByteSink putInt(int v) {
        ensure(4);
        bytes[size++] = (byte) (v >>> 24);
        bytes[size++] = (byte) (v >>> 16);
        bytes[size++] = (byte) (v >>> 8);
        bytes[size++] = (byte) v;
        return this;
    }

    ByteSink putLong(long v) {
        ensure(8);
        for (int shift = 56; shift >= 0; shift -= 8) {
            bytes[size++] = (byte) (v >>> shift);
        }
        return this;
    }

    ByteSink putDouble(double v) {
        return putLong(Double.doubleToRawLongBits(v));
    }

    /** A UTF-8 string preceded by its byte length, or length -1 for null. */
    ByteSink putString(String s) {
        if (s == null) {
            return putInt(-1);
        }
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        putInt(utf8.length);
        ensure(utf8.length);
        System.arraycopy(utf8, 0, bytes, size, utf8.length);
        size += utf8.length;
        return this;
    }

    /** Copies raw bytes. */
    ByteSink putBytes(byte[] raw) {
        ensure(raw.length);
        System.arraycopy(raw, 0, bytes, size, raw.length);
        size += raw.length;
        return this;
    }

    private void ensure(int more) {
        if (size + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
        }
    }
}
