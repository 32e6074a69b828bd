package dev.dashmech.schemas.registry;

/**
 * The registry does not know the schema id, subject, version or schema asked for (HTTP 404, Confluent
 * error codes 40401 subject, 40402 version, 40403 schema). Not retriable: for a record that names an
 * unknown schema id, the record is the problem.
 */
public final class SchemaNotFoundException extends SchemaRegistryException {

    private final Integer schemaId;
    private final String subject;

    public SchemaNotFoundException(String registryUrl, String message, Integer schemaId, String subject) {
        super(registryUrl, message);
        this.schemaId = schemaId;
        this.subject = subject;
    }

    /** The schema id looked up, or null when the lookup was by subject. */
    public Integer schemaId() {
        return schemaId;
    }

    /** The subject looked up, or null when the lookup was by id. */
    public String subject() {
        return subject;
    }
}
