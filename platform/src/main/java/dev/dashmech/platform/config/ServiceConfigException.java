package dev.dashmech.platform.config;

/**
 * A service's configuration is wrong: an unknown key, a bad value, an unreadable file. The message names the key, the
 * value and where it came from (file, environment variable, flag), and says what to do.
 */
public final class ServiceConfigException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ServiceConfigException(String message) {
        super(message);
    }

    public ServiceConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
