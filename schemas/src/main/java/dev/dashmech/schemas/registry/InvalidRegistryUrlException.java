package dev.dashmech.schemas.registry;

/** A registry URL that is neither {@code http(s)://host[:port][/path]} nor {@code mock://NAME}. */
public final class InvalidRegistryUrlException extends SchemaRegistryException {

    public InvalidRegistryUrlException(String registryUrl, String message) {
        super(registryUrl, message);
    }
}
