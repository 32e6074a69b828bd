package dev.dashmech.schemas.registry;

/**
 * The registry returned a schema this client cannot use as Avro: another schema type (PROTOBUF, JSON), a
 * schema with references, or text that does not parse as an Avro schema. A record naming such a schema id
 * is a foreign record.
 */
public final class UnsupportedSchemaException extends SchemaRegistryException {

    private final int schemaId;

    public UnsupportedSchemaException(String registryUrl, int schemaId, String message, Throwable cause) {
        super(registryUrl, message, cause);
        this.schemaId = schemaId;
    }

    public int schemaId() {
        return schemaId;
    }
}
