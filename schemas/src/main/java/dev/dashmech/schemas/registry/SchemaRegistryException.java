package dev.dashmech.schemas.registry;

/**
 * A schema registry request failed. Subclasses say how; every message names the registry URL (with any
 * password removed) and the subject or schema id concerned. Unchecked: callers that cannot act on it let it
 * propagate, callers that can (a deserializer telling a foreign record from an outage) catch the subclass.
 */
public class SchemaRegistryException extends RuntimeException {

    private final String registryUrl;

    public SchemaRegistryException(String registryUrl, String message, Throwable cause) {
        super(message, cause);
        this.registryUrl = registryUrl;
    }

    public SchemaRegistryException(String registryUrl, String message) {
        this(registryUrl, message, null);
    }

    /** The registry the request went to, without credentials. */
    public String registryUrl() {
        return registryUrl;
    }

    /**
     * True when the same request may succeed later (the registry was unreachable, overloaded or failed
     * internally): a consumer should retry or stop, never treat the record as bad.
     */
    public boolean isRetriable() {
        return false;
    }
}
