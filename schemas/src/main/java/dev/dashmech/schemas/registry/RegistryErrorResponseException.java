package dev.dashmech.schemas.registry;

/**
 * The registry answered with an HTTP status this client has no more specific exception for (401, 403,
 * 5xx, ...) or with a body it could not read. Carries the status, the Confluent {@code error_code} when the
 * body had one, and the registry's own message.
 */
public final class RegistryErrorResponseException extends SchemaRegistryException {

    private final int status;
    private final Integer errorCode;

    public RegistryErrorResponseException(String registryUrl, int status, Integer errorCode, String message) {
        super(registryUrl, message);
        this.status = status;
        this.errorCode = errorCode;
    }

    /** The HTTP status code. */
    public int status() {
        return status;
    }

    /** The Confluent error code of the response body (e.g. 50001), or null when it had none. */
    public Integer errorCode() {
        return errorCode;
    }

    /** Server errors (5xx), timeouts (408) and throttling (429) may pass. */
    @Override
    public boolean isRetriable() {
        return status >= 500 || status == 408 || status == 429;
    }
}
