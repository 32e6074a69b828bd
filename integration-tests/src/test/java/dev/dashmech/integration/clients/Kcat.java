package dev.dashmech.integration.clients;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** kcat (librdkafka's command-line client, from Debian): reads raw record bytes, with no Avro of its own. */
public final class Kcat {

    private static final Path KCAT = Path.of("/usr/bin/kcat");

    private Kcat() {
    }

    /** kcat, if installed; otherwise the calling test is skipped, or failed under {@code CI=true}. */
    public static Kcat require() {
        ExternalClients.require(Files.isExecutable(KCAT), "kcat", KCAT + " does not exist");
        return new Kcat();
    }

    /** The raw value bytes of the first record of {@code topic} (partition 0, offset 0). */
    public byte[] firstValue(String bootstrap, String topic, Duration timeout) {
        List<String> command = List.of(KCAT.toString(), "-b", bootstrap, "-C", "-t", topic, "-p", "0",
                "-o", "beginning", "-c", "1", "-e", "-q", "-f", "%s");
        return ExternalProcess.run(command, Map.of(), "", timeout).requireSuccess().stdout();
    }
}
