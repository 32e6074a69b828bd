package dev.dashmech.integration.clients;

import org.junit.jupiter.api.Assumptions;

/**
 * The rule for tests that need a client this build does not provide (the Confluent Python client, kcat): on a
 * developer machine without it they are skipped with a message saying how to install it; on CI ({@code CI=true})
 * a missing client is a failure, so an interoperability test can never pass by not running.
 */
public final class ExternalClients {

    private ExternalClients() {
    }

    /** Whether this is a CI run: the environment variable {@code CI} is {@code true}. */
    public static boolean isCi() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }

    /**
     * Skips the calling test (fails it when {@link #isCi()}) unless {@code available}.
     *
     * @param client  what is missing, e.g. "the Confluent Python client"
     * @param problem why it is unusable, e.g. the import error
     */
    static void require(boolean available, String client, String problem) {
        if (available) {
            return;
        }
        String message = client + " is not usable (" + problem + "); run .ci/setup-test-clients to install it";
        if (isCi()) {
            throw new AssertionError(message + ". CI=true, so this is a failure, not a skip.");
        }
        Assumptions.abort(message + ". Skipping (this would fail with CI=true).");
    }
}
