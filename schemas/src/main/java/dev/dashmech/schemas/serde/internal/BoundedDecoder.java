package dev.dashmech.schemas.serde.internal;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.apache.avro.io.Decoder;
import org.apache.avro.util.Utf8;

/**
 * An Avro binary {@link Decoder} over one record's bytes that refuses every length, count and block size larger
 * than the bytes left, before anything is allocated. Cheap to create: make one per record.
 *
 * <p>Hand-written because Avro 1.12's {@code BinaryDecoder} trusts length prefixes: its only guards are the
 * JVM-wide {@code org.apache.avro.limits.*} properties, which default to about 2 GB, so a 20-byte record
 * claiming a 1 GB string or a billion array items makes it allocate that much before finding the bytes
 * missing. Over a byte array the bytes left are known, so the check costs one comparison per length; it also
 * reads strings straight from the record into a {@link String} (Avro copies them into a scratch {@link Utf8}
 * first), and is cheaper to set up than a reused {@code BinaryDecoder}.
 *
 * <p>What this decoder checks is what {@link AvroBytesCheck} checks, except what it cannot know without the
 * schema: the range of enum indexes in fields the reader skips, nesting depth, and counts of items encoded in
 * zero bytes. {@link PrecheckRule} says for which writer schemas those matter; their records are walked by
 * {@link AvroBytesCheck} first and read with {@code countsPrechecked}.
 */
final class BoundedDecoder extends Decoder {

    private static final VarHandle LE_INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LE_LONG =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private final byte[] buf;
    private final int end;
    private final boolean countsPrechecked;
    private int pos;

    /**
     * A decoder of {@code buf[offset, offset + length)}.
     *
     * @param countsPrechecked true when {@link AvroBytesCheck} has already bounded every item count, which it
     *     does knowing the items' size (it allows a bounded number of items encoded in zero bytes); false to
     *     refuse any count larger than the bytes left
     */
    BoundedDecoder(byte[] buf, int offset, int length, boolean countsPrechecked) {
        this.buf = buf;
        this.pos = offset;
        this.end = offset + length;
        this.countsPrechecked = countsPrechecked;
    }

    /** The index in the buffer of the next byte to read. */
    int position() {
        return pos;
    }

    /** A length, count or index did not fit the bytes; the message says where and why. */
    static final class OutOfBounds extends IOException {
        private static final long serialVersionUID = 1L;

        OutOfBounds(String message) {
            super(message);
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this; // a verdict on input bytes, not a program error: the stack would say nothing
        }
    }

    @Override
    public void readNull() {
        // encoded in zero bytes
    }

    @Override
    public boolean readBoolean() throws IOException {
        require(1, "boolean");
        return buf[pos++] == 1; // as Avro's BinaryDecoder: any other byte is false
    }

    @Override
    public int readInt() throws IOException {
        int raw = 0;
        for (int shift = 0; shift < 35; shift += 7) {
            if (pos >= end) {
                throw bad("int is cut off by the end of the bytes");
            }
            int b = buf[pos++] & 0xff;
            raw |= (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                return (raw >>> 1) ^ -(raw & 1);
            }
        }
        throw bad("int is a varint longer than 5 bytes");
    }

    @Override
    public long readLong() throws IOException {
        long raw = 0;
        for (int shift = 0; shift < 70; shift += 7) {
            if (pos >= end) {
                throw bad("long is cut off by the end of the bytes");
            }
            int b = buf[pos++] & 0xff;
            raw |= (long) (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                return (raw >>> 1) ^ -(raw & 1);
            }
        }
        throw bad("long is a varint longer than 10 bytes");
    }

    @Override
    public float readFloat() throws IOException {
        require(4, "float");
        float value = Float.intBitsToFloat((int) LE_INT.get(buf, pos));
        pos += 4;
        return value;
    }

    @Override
    public double readDouble() throws IOException {
        require(8, "double");
        double value = Double.longBitsToDouble((long) LE_LONG.get(buf, pos));
        pos += 8;
        return value;
    }

    @Override
    public Utf8 readString(Utf8 old) throws IOException {
        int length = length("string");
        Utf8 result = old != null ? old : new Utf8();
        result.setByteLength(length);
        System.arraycopy(buf, pos, result.getBytes(), 0, length);
        pos += length;
        return result;
    }

    @Override
    public String readString() throws IOException {
        int length = length("string");
        // as Utf8.toString(): malformed UTF-8 becomes U+FFFD, not an error
        String value = new String(buf, pos, length, StandardCharsets.UTF_8);
        pos += length;
        return value;
    }

    @Override
    public void skipString() throws IOException {
        pos += length("string");
    }

    @Override
    public ByteBuffer readBytes(ByteBuffer old) throws IOException {
        int length = length("bytes");
        ByteBuffer result;
        if (old != null && length <= old.capacity()) {
            result = old;
            result.clear();
        } else {
            result = ByteBuffer.allocate(length);
        }
        System.arraycopy(buf, pos, result.array(), result.arrayOffset() + result.position(), length);
        pos += length;
        result.limit(length);
        return result;
    }

    @Override
    public void skipBytes() throws IOException {
        pos += length("bytes");
    }

    @Override
    public void readFixed(byte[] bytes, int start, int length) throws IOException {
        require(length, "fixed");
        System.arraycopy(buf, pos, bytes, start, length);
        pos += length;
    }

    @Override
    public void skipFixed(int length) throws IOException {
        require(length, "fixed");
        pos += length;
    }

    @Override
    public int readEnum() throws IOException {
        return readInt();
    }

    @Override
    public int readIndex() throws IOException {
        return readInt();
    }

    @Override
    public long readArrayStart() throws IOException {
        return itemCount("array");
    }

    @Override
    public long arrayNext() throws IOException {
        return itemCount("array");
    }

    /**
     * Returns the next block's count for the caller to skip item by item, never jumping by a block's byte size:
     * items are checked as when they are read, so a skipped field is held to the same rules as a read one.
     */
    @Override
    public long skipArray() throws IOException {
        return itemCount("array");
    }

    @Override
    public long readMapStart() throws IOException {
        return itemCount("map");
    }

    @Override
    public long mapNext() throws IOException {
        return itemCount("map");
    }

    /** As {@link #skipArray()}. */
    @Override
    public long skipMap() throws IOException {
        return itemCount("map");
    }

    /** A length prefix, checked to be neither negative nor more than the bytes left. */
    private int length(String what) throws IOException {
        long length = readLong();
        if (length < 0) {
            throw bad(what + " length " + length + " is negative");
        }
        if (length > end - pos) {
            throw bad(what + " of declared length " + length + " needs " + length + " bytes but only "
                    + (end - pos) + " are left");
        }
        return (int) length;
    }

    /** The item count of the next block (0 at the end), with its byte size checked when it has one. */
    private long itemCount(String what) throws IOException {
        long count = readLong();
        if (count < 0) {
            if (count == Long.MIN_VALUE) {
                throw bad(what + " block count " + count + " is out of range");
            }
            count = -count;
            long size = readLong();
            if (size < 0 || size > end - pos) {
                throw bad(what + " block size " + size + " does not fit the " + (end - pos) + " bytes left");
            }
        }
        if (count > end - pos && !countsPrechecked) {
            // every item takes at least one byte here (PrecheckRule), so the count cannot exceed the bytes left
            throw bad(what + " claims " + count + " items but only " + (end - pos) + " bytes are left");
        }
        return count;
    }

    private void require(int length, String what) throws IOException {
        if (length > end - pos) {
            throw bad(what + " needs " + length + " bytes but only " + (end - pos) + " are left");
        }
    }

    private OutOfBounds bad(String message) {
        return new OutOfBounds("at byte " + pos + ": " + message);
    }
}
