package dev.dashmech.schemas.serde;

import java.nio.ByteBuffer;

/**
 * The Confluent wire format: byte 0 is the magic byte {@value #MAGIC_BYTE}, bytes 1-4 the schema id as a
 * big-endian int, the rest the Avro binary encoding of the record with that schema. Subjects follow
 * TopicNameStrategy.
 */
public final class ConfluentWireFormat {

    /** The first byte of every framed record. */
    public static final byte MAGIC_BYTE = 0;
    /** Magic byte plus schema id. */
    public static final int HEADER_SIZE = 5;

    private ConfluentWireFormat() {
    }

    /** The registry subject of a topic's keys ({@code <topic>-key}) or values ({@code <topic>-value}). */
    public static String subject(String topic, boolean isKey) {
        return topic + (isKey ? "-key" : "-value");
    }

    /** Whether {@code bytes} start with a complete header carrying the magic byte. */
    public static boolean isFramed(byte[] bytes) {
        return bytes != null && bytes.length >= HEADER_SIZE && bytes[0] == MAGIC_BYTE;
    }

    /**
     * The schema id in the header of {@code bytes}.
     *
     * @throws IllegalArgumentException when the bytes are not framed
     */
    public static int schemaId(byte[] bytes) {
        if (!isFramed(bytes)) {
            throw new IllegalArgumentException("not a Confluent-framed record: need magic byte 0 and a 4-byte schema"
                    + " id, got " + (bytes == null ? "null" : bytes.length + " bytes"
                    + (bytes.length > 0 ? " starting with 0x" + Integer.toHexString(bytes[0] & 0xff) : "")));
        }
        return ByteBuffer.wrap(bytes, 1, 4).getInt();
    }

    /** {@code avroBinary} with the header for {@code schemaId} in front. */
    public static byte[] frame(int schemaId, byte[] avroBinary) {
        return ByteBuffer.allocate(HEADER_SIZE + avroBinary.length)
                .put(MAGIC_BYTE).putInt(schemaId).put(avroBinary).array();
    }
}
