package dev.dashmech.schemas.registry;

import java.util.Objects;
import org.apache.avro.Schema;

/**
 * One version of a subject: the registry's global schema {@code id} (the one in the wire format), the
 * subject's {@code version} (1, 2, ...) and the schema.
 */
public record RegisteredSchema(String subject, int version, int id, Schema schema) {

    public RegisteredSchema {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(schema, "schema");
        if (version < 1) {
            throw new IllegalArgumentException("subject versions count from 1, was " + version + " for " + subject);
        }
        if (id < 0) {
            throw new IllegalArgumentException("schema ids are >= 0, was " + id + " for " + subject);
        }
    }
}
