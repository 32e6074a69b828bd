package dev.dashmech.integration.clients;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs an external client to completion, bounded in time: stdin from a string, stdout and stderr captured
 * through temporary files (no pipe can fill up and stall the child), which are deleted afterwards.
 */
final class ExternalProcess {

    private ExternalProcess() {
    }

    /** What a finished process left: its exit code and output. */
    record Result(List<String> command, int exitCode, byte[] stdout, String stderr) {

        String stdoutText() {
            return new String(stdout, StandardCharsets.UTF_8);
        }

        /** Fails with the command, exit code and stderr unless the process exited with 0. */
        Result requireSuccess() {
            if (exitCode != 0) {
                throw new AssertionError("External client failed with exit code " + exitCode + ": " + command
                        + "\nstderr:\n" + stderr + "\nstdout:\n" + stdoutText());
            }
            return this;
        }
    }

    /**
     * Runs {@code command} with {@code extraEnvironment} added to this JVM's environment and {@code stdin} as its
     * input; kills it and fails if it has not finished within {@code timeout}.
     */
    static Result run(List<String> command, Map<String, String> extraEnvironment, String stdin, Duration timeout) {
        Path dir = null;
        Process process = null;
        try {
            dir = Files.createTempDirectory("dashmech-client-");
            Path in = Files.writeString(dir.resolve("stdin"), stdin, StandardCharsets.UTF_8);
            Path out = dir.resolve("stdout");
            Path err = dir.resolve("stderr");
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectInput(in.toFile())
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile());
            builder.environment().putAll(extraEnvironment);
            process = builder.start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                throw new AssertionError("External client did not finish within " + timeout + " and was killed: "
                        + command + "\nstderr:\n" + Files.readString(err, StandardCharsets.UTF_8));
            }
            return new Result(command, process.exitValue(), Files.readAllBytes(out),
                    Files.readString(err, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while running " + command, e);
        } finally {
            if (process != null && process.isAlive()) {
                process.destroyForcibly();
            }
            deleteQuietly(dir);
        }
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        for (String name : List.of("stdin", "stdout", "stderr")) {
            try {
                Files.deleteIfExists(dir.resolve(name));
            } catch (IOException e) {
                // a leftover temp file must not hide the test's own result
            }
        }
        try {
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            // as above
        }
    }
}
