package dev.dashmech.engine.processor.internal;

import dev.dashmech.mechanism.bidding.PaymentFormat;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The binary format of the engine's own store values (the stores of Avro records keep the records' Confluent-framed
 * bytes as read). Big-endian; strings are a 4-byte UTF-8 length (-1 for null) and the bytes. Every value starts
 * with the format version {@value #FORMAT_VERSION} and a type byte:
 * <pre>
 *   OPEN      1: stageId:long openedAt:long deadline:long eligibleCount:int (-1: any agent) eligible:string* bid*
 *   STAGE_IDS 3: first:long newest:long forgottenThrough:long gapCount:int (from:long to:long at:long)*
 *                (written with gapCount 0: each skipped range has its own key and value, GAP)
 *   STANDING  4: bid
 *   HELD      5: wait:byte (0 AUCTION, 1 DASHBOARD) arrivalClock:long timestamp:long partition:int offset:long
 *                key:string value:bytes (the bid record as read: int length and the bytes)
 *   CLOCK     6: bidClock:long
 *   GAP       7: from:long to:long at:long
 *   bid         = agent:string amount:double format:byte (0 WINNER_PAYS_BID, 1 ALL_PAY) dashboardVersion:long
 *                 bidId:string stageId:long timestamp:long partition:int offset:long
 * </pre>
 * An open stage's value is its header followed by its bids in arrival order, so a stage written again after new
 * bids only appends them to the bytes it encoded before ({@link OpenStage}). A value of another format version is
 * refused with an error naming it, so a store written by a newer engine is never misread.
 */
public final class StoreCodec {

    /** The version of this format, the first byte of every value. */
    public static final byte FORMAT_VERSION = 1;
    static final byte OPEN = 1;
    static final byte STAGE_IDS = 3;
    static final byte STANDING = 4;
    static final byte HELD = 5;
    static final byte CLOCK = 6;
    static final byte GAP = 7;

    private StoreCodec() {
    }

    /** The type byte of a value. */
    static byte typeOf(byte[] value) {
        if (value == null || value.length < 2) {
            throw new IllegalStateException("engine store value of " + (value == null ? "null" : value.length
                    + " bytes") + " is too short to carry a format version and a type");
        }
        if (value[0] != FORMAT_VERSION) {
            throw new IllegalStateException("engine store value has format version " + value[0] + "; this engine"
                    + " reads version " + FORMAT_VERSION + " (was the store written by another engine version?)");
        }
        return value[1];
    }

    static void writeOpenHeader(ByteSink out, long stageId, long openedAt, long deadline, Set<String> eligible) {
        out.putByte(FORMAT_VERSION).putByte(OPEN).putLong(stageId).putLong(openedAt).putLong(deadline);
        if (eligible == null) {
            out.putInt(-1);
        } else {
            out.putInt(eligible.size());
            for (String agent : eligible) {
                out.putString(agent);
            }
        }
    }

    static void writeBid(ByteSink out, AcceptedBid bid) {
        out.putString(bid.agent()).putDouble(bid.amount()).putByte(formatCode(bid.format()))
                .putLong(bid.dashboardVersion()).putString(bid.bidId()).putLong(bid.stageId())
                .putLong(bid.timestamp()).putInt(bid.partition()).putLong(bid.offset());
    }

    /** A decoded open stage: header and bids. */
    record OpenValue(long stageId, long openedAt, long deadline, Set<String> eligible, List<AcceptedBid> bids) {
    }

    static OpenValue readOpen(byte[] value) {
        ByteBuffer in = body(value, OPEN);
        try {
            long stageId = in.getLong();
            long openedAt = in.getLong();
            long deadline = in.getLong();
            int eligibleCount = in.getInt();
            Set<String> eligible = null;
            if (eligibleCount >= 0) {
                eligible = new LinkedHashSet<>();
                for (int k = 0; k < eligibleCount; k++) {
                    eligible.add(readString(in));
                }
            }
            List<AcceptedBid> bids = new ArrayList<>();
            while (in.hasRemaining()) {
                bids.add(readBid(in));
            }
            return new OpenValue(stageId, openedAt, deadline, eligible, bids);
        } catch (BufferUnderflowException e) {
            throw truncated("open stage", value);
        }
    }

    /** The stage-id bookkeeping without its skipped ranges (stored one per key: {@link #gap}). */
    static byte[] stageIds(StageIds ids) {
        return new ByteSink(30).putByte(FORMAT_VERSION).putByte(STAGE_IDS).putLong(ids.first()).putLong(ids.newest())
                .putLong(ids.forgottenThrough()).putInt(0).toByteArray();
    }

    static byte[] gap(StageIds.Gap gap) {
        return new ByteSink(26).putByte(FORMAT_VERSION).putByte(GAP).putLong(gap.from()).putLong(gap.to())
                .putLong(gap.at()).toByteArray();
    }

    static StageIds.Gap readGap(byte[] value) {
        ByteBuffer in = body(value, GAP);
        try {
            return new StageIds.Gap(in.getLong(), in.getLong(), in.getLong());
        } catch (BufferUnderflowException e) {
            throw truncated("skipped stage-id range", value);
        }
    }

    static StageIds readStageIds(byte[] value) {
        ByteBuffer in = body(value, STAGE_IDS);
        try {
            long first = in.getLong();
            long newest = in.getLong();
            long forgottenThrough = in.getLong();
            int count = in.getInt();
            List<StageIds.Gap> gaps = new ArrayList<>();
            for (int k = 0; k < count; k++) {
                gaps.add(new StageIds.Gap(in.getLong(), in.getLong(), in.getLong()));
            }
            return new StageIds(first, newest, forgottenThrough, gaps);
        } catch (BufferUnderflowException e) {
            throw truncated("stage-id bookkeeping", value);
        }
    }

    static byte[] standing(AcceptedBid bid) {
        ByteSink out = new ByteSink(64).putByte(FORMAT_VERSION).putByte(STANDING);
        writeBid(out, bid);
        return out.toByteArray();
    }

    static AcceptedBid readStanding(byte[] value) {
        ByteBuffer in = body(value, STANDING);
        try {
            return readBid(in);
        } catch (BufferUnderflowException e) {
            throw truncated("standing bid", value);
        }
    }

    static byte[] held(HeldBid held) {
        ByteSink out = new ByteSink(48 + held.value().length).putByte(FORMAT_VERSION).putByte(HELD)
                .putByte((byte) held.waitsFor().ordinal()).putLong(held.arrivalClock()).putLong(held.timestamp())
                .putInt(held.partition()).putLong(held.offset()).putString(held.key());
        out.putInt(held.value().length).putBytes(held.value());
        return out.toByteArray();
    }

    /** A decoded held bid: where it was read and its raw record (decoded again by the engine). */
    record HeldValue(HeldBid.Wait waitsFor, long arrivalClock, long timestamp, int partition, long offset, String key,
                     byte[] value) {
    }

    static HeldValue readHeld(byte[] value) {
        ByteBuffer in = body(value, HELD);
        try {
            byte wait = in.get();
            if (wait < 0 || wait >= HeldBid.Wait.values().length) {
                throw new IllegalStateException("engine store value of a held bid names wait code " + wait
                        + "; known codes are 0 (AUCTION) and 1 (DASHBOARD)");
            }
            long arrivalClock = in.getLong();
            long timestamp = in.getLong();
            int partition = in.getInt();
            long offset = in.getLong();
            String key = readString(in);
            int length = in.getInt();
            if (length < 0 || length > in.remaining()) {
                throw new BufferUnderflowException();
            }
            byte[] record = new byte[length];
            in.get(record);
            return new HeldValue(HeldBid.Wait.values()[wait], arrivalClock, timestamp, partition, offset, key,
                    record);
        } catch (BufferUnderflowException e) {
            throw truncated("held bid", value);
        }
    }

    static byte[] clock(long bidClock) {
        return new ByteSink(10).putByte(FORMAT_VERSION).putByte(CLOCK).putLong(bidClock).toByteArray();
    }

    static long readClock(byte[] value) {
        ByteBuffer in = body(value, CLOCK);
        try {
            return in.getLong();
        } catch (BufferUnderflowException e) {
            throw truncated("bid clock", value);
        }
    }

    private static AcceptedBid readBid(ByteBuffer in) {
        String agent = readString(in);
        double amount = in.getDouble();
        PaymentFormat format = formatOf(in.get());
        long version = in.getLong();
        String bidId = readString(in);
        long stageId = in.getLong();
        long timestamp = in.getLong();
        int partition = in.getInt();
        long offset = in.getLong();
        return new AcceptedBid(agent, amount, format, version, bidId, stageId, timestamp, partition, offset);
    }

    private static ByteBuffer body(byte[] value, byte type) {
        byte actual = typeOf(value);
        if (actual != type) {
            throw new IllegalStateException("engine store value has type " + actual + ", expected " + type);
        }
        return ByteBuffer.wrap(value, 2, value.length - 2);
    }

    private static String readString(ByteBuffer in) {
        int length = in.getInt();
        if (length < 0) {
            return null;
        }
        if (length > in.remaining()) {
            throw new BufferUnderflowException();
        }
        String s = new String(in.array(), in.arrayOffset() + in.position(), length, StandardCharsets.UTF_8);
        in.position(in.position() + length);
        return s;
    }

    private static byte formatCode(PaymentFormat format) {
        return switch (format) {
            case WINNER_PAYS_BID -> 0;
            case ALL_PAY -> 1;
        };
    }

    private static PaymentFormat formatOf(byte code) {
        return switch (code) {
            case 0 -> PaymentFormat.WINNER_PAYS_BID;
            case 1 -> PaymentFormat.ALL_PAY;
            default -> throw new IllegalStateException("engine store value names payment format code " + code
                    + "; known codes are 0 (WINNER_PAYS_BID) and 1 (ALL_PAY)");
        };
    }

    private static IllegalStateException truncated(String what, byte[] value) {
        return new IllegalStateException("engine store value of a " + what + " is truncated (" + value.length
                + " bytes)");
    }
}
