package dev.dashmech.schemas.serde.internal;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import org.apache.avro.Resolver;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;

/**
 * Says whether records of a writer schema must be walked by {@link AvroBytesCheck} before Avro reads them,
 * or whether reading them through a {@link BoundedDecoder} already refuses everything the walk refuses. The
 * decoder checks every length, count and block size against the bytes left, and Avro's reader refuses enum and
 * union indexes outside the schema where it reads them; what neither does, and so needs the walk first:
 * <ul>
 *   <li>a recursive writer schema: nesting is bounded only by the bytes, and deep data would overflow the
 *       reader's stack (the walk stops at {@value AvroBytesCheck#MAX_DEPTH} levels);</li>
 *   <li>a schema nested deeper than that: the walk refuses such data, so the read must too;</li>
 *   <li>an array or map of items encoded in zero bytes (null, an empty record): their count is not bounded
 *       by the bytes left, the walk bounds it separately;</li>
 *   <li>a writer field the reader schema does not have (skipped by resolution) holding an enum: Avro skips
 *       an enum without checking its index.</li>
 * </ul>
 */
final class PrecheckRule {

    private PrecheckRule() {
    }

    /**
     * Whether records written with {@code writer} and read as {@code reader} need {@link AvroBytesCheck}
     * before they are read.
     */
    static boolean needed(Schema writer, Schema reader, GenericData model) {
        Set<Schema> onPath = Collections.newSetFromMap(new IdentityHashMap<>());
        int depth = depth(writer, onPath);
        if (depth < 0 || depth > AvroBytesCheck.MAX_DEPTH || hasZeroSizeItems(writer)) {
            return true;
        }
        try {
            Resolver.Action plan = Resolver.resolve(Schema.applyAliases(writer, reader), reader, model);
            return skipsAnEnum(plan, Collections.newSetFromMap(new IdentityHashMap<>()));
        } catch (RuntimeException e) {
            return true; // cannot tell what resolution skips: the walk first is always safe, only slower
        }
    }

    /**
     * The deepest nesting {@link AvroBytesCheck} counts in data of {@code schema} (one level per record field,
     * union branch and collection item), or -1 when the schema is recursive.
     */
    private static int depth(Schema schema, Set<Schema> onPath) {
        switch (schema.getType()) {
            case RECORD -> {
                if (!onPath.add(schema)) {
                    return -1;
                }
                int deepest = 0;
                for (Schema.Field field : schema.getFields()) {
                    int d = depth(field.schema(), onPath);
                    if (d < 0) {
                        return -1;
                    }
                    deepest = Math.max(deepest, 1 + d);
                }
                onPath.remove(schema);
                return deepest;
            }
            case UNION -> {
                int deepest = 0;
                for (Schema branch : schema.getTypes()) {
                    int d = depth(branch, onPath);
                    if (d < 0) {
                        return -1;
                    }
                    deepest = Math.max(deepest, 1 + d);
                }
                return deepest;
            }
            case ARRAY -> {
                int d = depth(schema.getElementType(), onPath);
                return d < 0 ? -1 : 1 + d;
            }
            case MAP -> {
                int d = depth(schema.getValueType(), onPath);
                return d < 0 ? -1 : 1 + d;
            }
            default -> {
                return 0;
            }
        }
    }

    /** Whether an array or map in a (non-recursive) schema has items that can take zero bytes. */
    private static boolean hasZeroSizeItems(Schema schema) {
        return switch (schema.getType()) {
            case RECORD -> schema.getFields().stream().anyMatch(f -> hasZeroSizeItems(f.schema()));
            case UNION -> schema.getTypes().stream().anyMatch(PrecheckRule::hasZeroSizeItems);
            case ARRAY -> zeroSize(schema.getElementType()) || hasZeroSizeItems(schema.getElementType());
            case MAP -> hasZeroSizeItems(schema.getValueType()); // an entry takes at least its key's length
            default -> false;
        };
    }

    /** Whether a datum of the schema can be encoded in zero bytes. */
    private static boolean zeroSize(Schema schema) {
        return switch (schema.getType()) {
            case NULL -> true;
            case FIXED -> schema.getFixedSize() == 0;
            case RECORD -> schema.getFields().stream().allMatch(f -> zeroSize(f.schema()));
            default -> false; // a union index, length, count or value takes at least one byte
        };
    }

    /** Whether resolution skips a writer field holding an enum anywhere in {@code action}'s plan. */
    private static boolean skipsAnEnum(Resolver.Action action, Set<Resolver.Action> seen) {
        if (action == null || !seen.add(action)) {
            return false;
        }
        if (action instanceof Resolver.Skip) {
            return holdsAnEnum(action.writer, Collections.newSetFromMap(new IdentityHashMap<>()));
        }
        if (action instanceof Resolver.RecordAdjust record) {
            for (Resolver.Action field : record.fieldActions) {
                if (skipsAnEnum(field, seen)) {
                    return true;
                }
            }
            return false;
        }
        if (action instanceof Resolver.WriterUnion union) {
            for (Resolver.Action branch : union.actions) {
                if (skipsAnEnum(branch, seen)) {
                    return true;
                }
            }
            return false;
        }
        if (action instanceof Resolver.Container container) {
            return skipsAnEnum(container.elementAction, seen);
        }
        if (action instanceof Resolver.ReaderUnion union) {
            return skipsAnEnum(union.actualAction, seen);
        }
        return false; // DoNothing, Promote, EnumAdjust, ErrorAction: no skipped writer data below
    }

    private static boolean holdsAnEnum(Schema schema, Set<Schema> seen) {
        if (!seen.add(schema)) {
            return false;
        }
        return switch (schema.getType()) {
            case ENUM -> true;
            case RECORD -> schema.getFields().stream().anyMatch(f -> holdsAnEnum(f.schema(), seen));
            case UNION -> schema.getTypes().stream().anyMatch(t -> holdsAnEnum(t, seen));
            case ARRAY -> holdsAnEnum(schema.getElementType(), seen);
            case MAP -> holdsAnEnum(schema.getValueType(), seen);
            default -> false;
        };
    }
}
