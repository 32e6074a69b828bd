package dev.dashmech.schemas.registry.internal;

import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.Incompatibility;
import org.apache.avro.SchemaCompatibility.SchemaPairCompatibility;

/** Turns Avro's schema compatibility results into sentences that name fields rather than JSON pointers. */
public final class Incompatibilities {

    private Incompatibilities() {
    }

    /**
     * Each incompatibility of {@code reader} reading {@code writer}, as {@code "TYPE at field path (detail)"};
     * empty when compatible.
     */
    public static List<String> of(Schema reader, Schema writer) {
        SchemaPairCompatibility pair = SchemaCompatibility.checkReaderWriterCompatibility(reader, writer);
        List<String> out = new ArrayList<>();
        if (pair.getType() == SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) {
            return out;
        }
        for (Incompatibility i : pair.getResult().getIncompatibilities()) {
            out.add(i.getType() + " at " + fieldPath(reader, i.getLocation()) + " (" + i.getMessage() + ")");
        }
        return out;
    }

    /**
     * Renders a location such as {@code /fields/3/type} of {@code schema} as a field path such as
     * {@code field 'amount'}, or {@code entries[].bid}; falls back to the raw location.
     */
    static String fieldPath(Schema schema, String location) {
        if (location == null || location.equals("/")) {
            return "the record";
        }
        String[] parts = location.split("/");
        StringBuilder path = new StringBuilder();
        Schema current = schema;
        try {
            for (int k = 1; k < parts.length; k++) {
                String part = parts[k];
                switch (part) {
                    case "fields" -> {
                        Schema.Field field = current.getFields().get(Integer.parseInt(parts[++k]));
                        path.append(path.length() == 0 ? "" : ".").append(field.name());
                        current = field.schema();
                    }
                    case "items" -> {
                        path.append("[]");
                        current = current.getElementType();
                    }
                    case "values" -> {
                        path.append("{}");
                        current = current.getValueType();
                    }
                    case "type" -> {
                        // the field's own type: same schema
                    }
                    default -> {
                        if (current.getType() == Schema.Type.UNION && part.chars().allMatch(Character::isDigit)) {
                            current = current.getTypes().get(Integer.parseInt(part));
                        } else {
                            return path.length() == 0 ? location : "field '" + path + "' (" + location + ")";
                        }
                    }
                }
            }
        } catch (RuntimeException e) {
            return location;
        }
        return path.length() == 0 ? location : "field '" + path + "'";
    }
}
