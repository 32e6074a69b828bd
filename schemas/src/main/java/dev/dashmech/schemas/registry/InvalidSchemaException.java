package dev.dashmech.schemas.registry;

/** The registry rejected a schema as invalid (HTTP 422, Confluent error code 42201). */
public final class InvalidSchemaException extends SchemaRegistryException {

    private final String subject;

    public InvalidSchemaException(String registryUrl, String subject, String message) {
        super(registryUrl, message);
        this.subject = subject;
    }

    public String subject() {
        return subject;
    }
}
