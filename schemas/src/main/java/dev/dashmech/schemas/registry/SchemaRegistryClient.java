package dev.dashmech.schemas.registry;

import org.apache.avro.Schema;

/**
 * The part of the Confluent Schema Registry API that serdes and operators need. Implementations are
 * thread-safe and cache what never changes (a schema by id, the id of a schema under a subject).
 *
 * <p>Subjects follow TopicNameStrategy in this project: {@code <topic>-value} and {@code <topic>-key}.
 */
public interface SchemaRegistryClient extends AutoCloseable {

    /** Where requests go, for messages; never contains a password. */
    String url();

    /**
     * Registers {@code schema} under {@code subject} (or finds it registered) and returns its global id
     * ({@code POST /subjects/{subject}/versions}).
     *
     * @throws IncompatibleSchemaException when the subject's compatibility rule rejects the schema
     */
    int register(String subject, Schema schema);

    /**
     * The id of {@code schema} if it is registered under {@code subject} ({@code POST /subjects/{subject}}),
     * for producers that must not register schemas themselves.
     *
     * @throws SchemaNotFoundException when the subject or the schema under it is unknown
     */
    int idOf(String subject, Schema schema);

    /**
     * The schema with global id {@code id} ({@code GET /schemas/ids/{id}}).
     *
     * @throws SchemaNotFoundException when no schema has this id
     * @throws UnsupportedSchemaException when the schema is not a usable Avro schema
     */
    Schema schemaById(int id);

    /**
     * The latest version of {@code subject} ({@code GET /subjects/{subject}/versions/latest}).
     *
     * @throws SchemaNotFoundException when the subject is unknown
     */
    RegisteredSchema latest(String subject);

    /**
     * Whether {@code schema} may be registered under {@code subject} according to its compatibility rule
     * ({@code POST /compatibility/subjects/{subject}/versions/latest}); a subject with no versions accepts
     * anything.
     */
    CompatibilityCheck checkCompatibility(String subject, Schema schema);

    /** Sets the registry-wide default compatibility level ({@code PUT /config}); returns the level set. */
    CompatibilityLevel setCompatibility(CompatibilityLevel level);

    /** Sets one subject's compatibility level ({@code PUT /config/{subject}}); returns the level set. */
    CompatibilityLevel setCompatibility(String subject, CompatibilityLevel level);

    /** Releases what the client holds; the default holds nothing. */
    @Override
    default void close() {
    }
}
