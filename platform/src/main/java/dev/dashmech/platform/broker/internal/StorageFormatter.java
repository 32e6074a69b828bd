package dev.dashmech.platform.broker.internal;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.common.Uuid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import kafka.tools.StorageTool;

/** Formats the log directories of a new KRaft node with Kafka's own {@code kafka-storage format}. */
public final class StorageFormatter {

    private static final Logger LOG = LoggerFactory.getLogger(StorageFormatter.class);

    private StorageFormatter() {
    }

    /** A new random cluster id, in the form {@code kafka-storage random-uuid} prints. */
    public static String newClusterId() {
        return Uuid.randomUuid().toString();
    }

    /**
     * Runs {@code kafka-storage format -t clusterId -c propertiesFile [--standalone]}.
     *
     * @throws IllegalStateException with the tool's output when formatting fails
     */
    public static void format(Path propertiesFile, String clusterId, boolean standalone) {
        List<String> args = new ArrayList<>(List.of("format", "-t", clusterId, "-c", propertiesFile.toString()));
        if (standalone) {
            args.add("--standalone");
        }
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        int status;
        try (PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8)) {
            status = StorageTool.execute(args.toArray(String[]::new), out);
        } catch (RuntimeException e) {
            throw new IllegalStateException("kafka-storage format " + String.join(" ", args) + " failed: "
                    + e.getMessage() + describe(output), e);
        }
        if (status != 0) {
            throw new IllegalStateException("kafka-storage format " + String.join(" ", args) + " exited with status "
                    + status + describe(output));
        }
        LOG.debug("kafka-storage format: {}", output.toString(StandardCharsets.UTF_8).strip());
    }

    private static String describe(ByteArrayOutputStream output) {
        String text = output.toString(StandardCharsets.UTF_8).strip();
        return text.isEmpty() ? "" : "; it printed: " + text;
    }
}
