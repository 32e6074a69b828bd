package dev.dashmech.dashctl;

/**
 * Input a command cannot use: a bad file, option or value. The message names the offending value and says what
 * to do; commands print it to stderr and exit with {@link #EXIT_CODE}.
 */
public final class BadInputException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The exit code of a command given bad input (picocli's usage-error code). */
    public static final int EXIT_CODE = 2;

    public BadInputException(String message) {
        super(message);
    }

    public BadInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
