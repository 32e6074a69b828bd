package dev.dashmech.schemas.serde.internal;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;

/**
 * Checks that bytes hold exactly one datum of a schema in Avro binary encoding, without building it: every
 * length, count and index is checked against the bytes actually present before anything is allocated.
 *
 * <p>Hand-written because Avro's reader trusts length prefixes: a 20-byte record declaring a 2 GB string, or
 * an array of 200 million items, makes it allocate that much before finding the bytes missing, and the
 * {@code OutOfMemoryError} takes down the thread decoding a hostile record from {@code bids}. Avro's
 * {@code skip} does not allocate but treats a negative length as zero and bounds neither nesting depth nor
 * arrays of zero-size items. After this check passes, Avro's own reader decodes the same bytes within the
 * record's size.
 */
final class AvroBytesCheck {

    /** Nesting deeper than this is refused (recursive writer schemas could otherwise overflow the stack). */
    private static final int MAX_DEPTH = 64;
    /** Items of a type encoded in zero bytes (null, empty record) allowed per array or map block. */
    private static final long MAX_ZERO_SIZE_ITEMS = 1 << 16;

    private final byte[] buf;
    private final int end;
    private final Map<Schema, Integer> minSizes = new IdentityHashMap<>();
    private int pos;

    private AvroBytesCheck(byte[] buf, int offset, int length) {
        this.buf = buf;
        this.pos = offset;
        this.end = offset + length;
    }

    /** The bytes are not one datum of the schema; the message says where and why. */
    static final class BadBytes extends Exception {
        private static final long serialVersionUID = 1L;

        BadBytes(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * Checks {@code buf[offset, offset + length)} as one datum of {@code schema}.
     *
     * @return the number of bytes the datum occupies ({@code length} when nothing is left over)
     * @throws BadBytes when a length, count or index does not fit the bytes or the schema
     */
    static int check(Schema schema, byte[] buf, int offset, int length) throws BadBytes {
        AvroBytesCheck check = new AvroBytesCheck(buf, offset, length);
        check.walk(schema, 0);
        return check.pos - offset;
    }

    private void walk(Schema schema, int depth) throws BadBytes {
        if (depth > MAX_DEPTH) {
            throw bad("data nested more than " + MAX_DEPTH + " levels deep");
        }
        switch (schema.getType()) {
            case NULL -> {
                // encoded in zero bytes
            }
            case BOOLEAN -> skip(1, "boolean");
            case INT -> varint(5, "int");
            case LONG -> varint(10, "long");
            case FLOAT -> skip(4, "float");
            case DOUBLE -> skip(8, "double");
            case STRING, BYTES -> {
                long length = varint(10, "length");
                if (length < 0) {
                    throw bad(schema.getType().getName() + " length " + length + " is negative");
                }
                skip(length, schema.getType().getName() + " of declared length " + length);
            }
            case FIXED -> skip(schema.getFixedSize(), "fixed " + schema.getFullName());
            case ENUM -> {
                long index = varint(5, "enum index");
                if (index < 0 || index >= schema.getEnumSymbols().size()) {
                    throw bad("enum " + schema.getFullName() + " index " + index + " is outside 0.."
                            + (schema.getEnumSymbols().size() - 1));
                }
            }
            case UNION -> {
                List<Schema> branches = schema.getTypes();
                long index = varint(10, "union index");
                if (index < 0 || index >= branches.size()) {
                    throw bad("union index " + index + " is outside 0.." + (branches.size() - 1));
                }
                walk(branches.get((int) index), depth + 1);
            }
            case ARRAY -> blocks(schema.getElementType(), false, depth);
            case MAP -> blocks(schema.getValueType(), true, depth);
            case RECORD -> {
                for (Schema.Field field : schema.getFields()) {
                    walk(field.schema(), depth + 1);
                }
            }
            default -> throw bad("unsupported schema type " + schema.getType());
        }
    }

    private void blocks(Schema item, boolean map, int depth) throws BadBytes {
        String what = map ? "map" : "array";
        while (true) {
            long count = varint(10, what + " block count");
            if (count == 0) {
                return;
            }
            if (count < 0) {
                if (count == Long.MIN_VALUE) {
                    throw bad(what + " block count " + count + " is out of range");
                }
                count = -count;
                long size = varint(10, what + " block size");
                if (size < 0 || size > end - pos) {
                    throw bad(what + " block size " + size + " does not fit the " + (end - pos) + " bytes left");
                }
            }
            int perItem = (map ? 1 : 0) + minSize(item);
            if (perItem > 0 ? count > (end - pos) / perItem : count > MAX_ZERO_SIZE_ITEMS) {
                throw bad(what + " claims " + count + " items but only " + (end - pos) + " bytes are left");
            }
            for (long k = 0; k < count; k++) {
                if (map) {
                    walk(Schema.create(Schema.Type.STRING), depth + 1);
                }
                walk(item, depth + 1);
            }
        }
    }

    /** The fewest bytes a datum of {@code schema} can take. */
    private int minSize(Schema schema) {
        Integer known = minSizes.get(schema);
        if (known != null) {
            return known;
        }
        minSizes.put(schema, 1); // a record reached again through itself takes at least what it has so far
        int size = switch (schema.getType()) {
            case NULL -> 0;
            case FLOAT -> 4;
            case DOUBLE -> 8;
            case FIXED -> schema.getFixedSize();
            case RECORD -> {
                long sum = 0;
                for (Schema.Field field : schema.getFields()) {
                    sum += minSize(field.schema());
                }
                yield (int) Math.min(sum, Integer.MAX_VALUE);
            }
            default -> 1;
        };
        minSizes.put(schema, size);
        return size;
    }

    private void skip(long length, String what) throws BadBytes {
        if (length > end - pos) {
            throw bad(what + " needs " + length + " bytes but only " + (end - pos) + " are left");
        }
        pos += (int) length;
    }

    /** Reads a zig-zag varint of at most {@code maxBytes} bytes. */
    private long varint(int maxBytes, String what) throws BadBytes {
        long raw = 0;
        for (int shift = 0, k = 0; k < maxBytes; k++, shift += 7) {
            if (pos >= end) {
                throw bad(what + " is cut off by the end of the bytes");
            }
            int b = buf[pos++] & 0xff;
            raw |= (long) (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                return (raw >>> 1) ^ -(raw & 1);
            }
        }
        throw bad(what + " is a varint longer than " + maxBytes + " bytes");
    }

    private BadBytes bad(String message) {
        return new BadBytes("at byte " + pos + ": " + message);
    }
}
