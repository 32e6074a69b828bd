package dev.dashmech.schemas.registry;

/** No HTTP response came back: connection refused, unknown host, TLS failure, timeout, interrupted. */
public final class RegistryUnreachableException extends SchemaRegistryException {

    public RegistryUnreachableException(String registryUrl, String message, Throwable cause) {
        super(registryUrl, message, cause);
    }

    @Override
    public boolean isRetriable() {
        return true;
    }
}
