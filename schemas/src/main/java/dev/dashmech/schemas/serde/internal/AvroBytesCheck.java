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
 * arrays of zero-size items.
 *
 * <p>{@link RecordReader} reads through a {@link BoundedDecoder}, which already refuses lengths and counts
 * beyond the bytes present; it walks the bytes with this check first only for the writer schemas
 * {@link PrecheckRule} names, and otherwise only after a failed read, to name the first bad value.
 */
final class AvroBytesCheck {

    /** Nesting deeper than this is refused (recursive writer schemas could otherwise overflow the stack). */
    static final int MAX_DEPTH = 64;
    /** Items of a type encoded in zero bytes (null, empty record) allowed per array or map block. */
    private static final long MAX_ZERO_SIZE_ITEMS = 1 << 16;

    private final Node root;

    private AvroBytesCheck(Node root) {
        this.root = root;
    }

    /** The check for data written with {@code schema}; build once per schema, use from any thread. */
    static AvroBytesCheck of(Schema schema) {
        return new AvroBytesCheck(build(schema, new IdentityHashMap<>()));
    }

    /**
     * Checks {@code buf[offset, offset + length)} as one datum of the schema.
     *
     * @return the number of bytes the datum occupies ({@code length} when nothing is left over)
     * @throws BadBytes when a length, count or index does not fit the bytes or the schema
     */
    int check(byte[] buf, int offset, int length) throws BadBytes {
        Cursor cursor = new Cursor(buf, offset, offset + length);
        walk(root, cursor, 0);
        return cursor.pos - offset;
    }

    /** The bytes are not one datum of the schema; the message says where and why. */
    static final class BadBytes extends Exception {
        private static final long serialVersionUID = 1L;

        BadBytes(String message) {
            super(message, null, false, false);
        }
    }

    private static final class Cursor {
        final byte[] buf;
        final int end;
        int pos;

        Cursor(byte[] buf, int pos, int end) {
            this.buf = buf;
            this.pos = pos;
            this.end = end;
        }

        int left() {
            return end - pos;
        }

        void skip(long length, String what) throws BadBytes {
            if (length > end - pos) {
                throw bad(what + " needs " + length + " bytes but only " + (end - pos) + " are left");
            }
            pos += (int) length;
        }

        /** Reads a zig-zag varint of at most {@code maxBytes} bytes. */
        long varint(int maxBytes, String what) throws BadBytes {
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

        BadBytes bad(String message) {
            return new BadBytes("at byte " + pos + ": " + message);
        }
    }

    private static final int NULL = 0;
    private static final int FIXED_SIZE = 1;
    private static final int VARINT = 2;
    private static final int LENGTH_PREFIXED = 3;
    private static final int ENUM = 4;
    private static final int UNION = 5;
    private static final int BLOCKS = 6;
    private static final int RECORD = 7;

    /**
     * One schema node: a kind and its parameters, walked by a switch rather than by virtual calls (a
     * megamorphic call per field costs as much as Avro's whole read).
     */
    private static final class Node {
        final int kind;
        final String what;
        /** Bytes of a FIXED_SIZE node; most bytes of a VARINT; symbols of an ENUM. */
        final int size;
        /** Branches of a UNION, fields of a RECORD, item (and key of a map) of BLOCKS. */
        Node[] children;
        boolean map;
        /** The fewest bytes a datum of this node takes. */
        int minSize;

        Node(int kind, int size, int minSize, String what) {
            this.kind = kind;
            this.size = size;
            this.minSize = minSize;
            this.what = what;
        }
    }

    private static Node build(Schema schema, Map<Schema, Node> built) {
        Node done = built.get(schema);
        if (done != null) {
            return done;
        }
        Node node = switch (schema.getType()) {
            case NULL -> new Node(NULL, 0, 0, "null");
            case BOOLEAN -> new Node(FIXED_SIZE, 1, 1, "boolean");
            case FLOAT -> new Node(FIXED_SIZE, 4, 4, "float");
            case DOUBLE -> new Node(FIXED_SIZE, 8, 8, "double");
            case FIXED -> new Node(FIXED_SIZE, schema.getFixedSize(), schema.getFixedSize(),
                    "fixed " + schema.getFullName());
            case INT -> new Node(VARINT, 5, 1, "int");
            case LONG -> new Node(VARINT, 10, 1, "long");
            case STRING, BYTES -> new Node(LENGTH_PREFIXED, 0, 1, schema.getType().getName());
            case ENUM -> new Node(ENUM, schema.getEnumSymbols().size(), 1, "enum " + schema.getFullName());
            case UNION -> {
                Node union = new Node(UNION, 0, 1, "union");
                List<Schema> types = schema.getTypes();
                union.children = new Node[types.size()];
                for (int k = 0; k < types.size(); k++) {
                    union.children[k] = build(types.get(k), built);
                }
                yield union;
            }
            case ARRAY -> blocks(false, build(schema.getElementType(), built));
            case MAP -> blocks(true, build(schema.getValueType(), built));
            case RECORD -> {
                Node record = new Node(RECORD, 0, 0, "record " + schema.getFullName());
                built.put(schema, record); // before the fields: a recursive reference finds it (minSize 0 so far)
                List<Schema.Field> fields = schema.getFields();
                record.children = new Node[fields.size()];
                long min = 0;
                for (int k = 0; k < fields.size(); k++) {
                    record.children[k] = build(fields.get(k).schema(), built);
                    min += record.children[k].minSize;
                }
                record.minSize = (int) Math.min(min, Integer.MAX_VALUE);
                yield record;
            }
        };
        built.put(schema, node);
        return node;
    }

    private static Node blocks(boolean map, Node item) {
        Node node = new Node(BLOCKS, 0, 1, map ? "map" : "array");
        node.map = map;
        node.children = new Node[] {item};
        return node;
    }

    private static void walk(Node n, Cursor c, int depth) throws BadBytes {
        if (depth > MAX_DEPTH) {
            throw c.bad("data nested more than " + MAX_DEPTH + " levels deep");
        }
        switch (n.kind) {
            case NULL -> {
                // encoded in zero bytes
            }
            case FIXED_SIZE -> c.skip(n.size, n.what);
            case VARINT -> c.varint(n.size, n.what);
            case LENGTH_PREFIXED -> lengthPrefixed(c, n.what);
            case ENUM -> {
                long index = c.varint(5, "enum index");
                if (index < 0 || index >= n.size) {
                    throw c.bad(n.what + " index " + index + " is outside 0.." + (n.size - 1));
                }
            }
            case UNION -> {
                long index = c.varint(10, "union index");
                if (index < 0 || index >= n.children.length) {
                    throw c.bad("union index " + index + " is outside 0.." + (n.children.length - 1));
                }
                walk(n.children[(int) index], c, depth + 1);
            }
            case BLOCKS -> blocks(n, c, depth);
            case RECORD -> {
                for (Node child : n.children) {
                    walk(child, c, depth + 1);
                }
            }
            default -> throw new IllegalStateException("unknown node kind " + n.kind);
        }
    }

    private static void lengthPrefixed(Cursor c, String what) throws BadBytes {
        long length = c.varint(10, "length");
        if (length < 0) {
            throw c.bad(what + " length " + length + " is negative");
        }
        c.skip(length, what + " of declared length " + length);
    }

    private static void blocks(Node n, Cursor c, int depth) throws BadBytes {
        Node item = n.children[0];
        while (true) {
            long count = c.varint(10, n.what + " block count");
            if (count == 0) {
                return;
            }
            if (count < 0) {
                if (count == Long.MIN_VALUE) {
                    throw c.bad(n.what + " block count " + count + " is out of range");
                }
                count = -count;
                long size = c.varint(10, n.what + " block size");
                if (size < 0 || size > c.left()) {
                    throw c.bad(n.what + " block size " + size + " does not fit the " + c.left() + " bytes left");
                }
            }
            int perItem = (n.map ? 1 : 0) + item.minSize;
            if (perItem > 0 ? count > c.left() / perItem : count > MAX_ZERO_SIZE_ITEMS) {
                throw c.bad(n.what + " claims " + count + " items but only " + c.left() + " bytes are left");
            }
            for (long k = 0; k < count; k++) {
                if (n.map) {
                    lengthPrefixed(c, "map key");
                }
                walk(item, c, depth + 1);
            }
        }
    }
}
