package dev.dashmech.platform.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.dashmech.platform.broker.internal.LoopbackPorts;

/**
 * The foreground standalone broker ({@code dashctl broker}) as a separate JVM, checked with a real external client:
 * kcat (librdkafka). kcat comes from {@code .ci/setup-test-clients}; without it the test is skipped, except under
 * {@code CI=true} where it fails.
 */
class StandaloneKafkaBrokerProcessTest {

    @TempDir
    Path dir;

    @Test
    void shouldServeKcatAndExitZeroOnSigterm() throws Exception {
        // given
        String kcat = kcatOrSkip();
        int[] ports = LoopbackPorts.free(2);
        Path stderr = dir.resolve("broker.stderr");
        Process broker = new ProcessBuilder(javaExecutable(), "-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-cp", testClasspath(), StandaloneBrokerMain.class.getName(),
                "--port", Integer.toString(ports[0]), "--controller-port", Integer.toString(ports[1]),
                "--data", dir.resolve("data").toString())
                .redirectError(stderr.toFile())
                .start();
        try {
            String address = firstLine(broker, stderr);
            assertThat(address).isEqualTo("127.0.0.1:" + ports[0]);

            // when
            List<String> metadata = run(kcat, "-L", "-b", address, "-m", "20");

            // then
            assertThat(metadata).contains(" 1 brokers:");
            assertThat(metadata).anySatisfy(line -> assertThat(line).contains("broker 1 at " + address));

            // when
            broker.destroy(); // SIGTERM

            // then
            assertThat(broker.waitFor(90, TimeUnit.SECONDS)).as("broker exits after SIGTERM").isTrue();
            assertThat(broker.exitValue()).as("exit status; stderr: %s", read(stderr)).isZero();
            assertThat(read(stderr)).contains("broker: stopped");
        } finally {
            broker.destroyForcibly();
            broker.waitFor(30, TimeUnit.SECONDS);
        }
    }

    private static String kcatOrSkip() {
        for (String entry : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(entry, "kcat");
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        String message = "kcat is not installed (run .ci/setup-test-clients to install it)";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            fail(message + "; CI=true requires it");
        }
        Assumptions.abort(message + "; skipping the external-client test");
        return null;
    }

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static String testClasspath() {
        String surefire = System.getProperty("surefire.test.class.path");
        return surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path");
    }

    /** The first line the broker prints on stdout, within 120 s; fails with its stderr if it exits first. */
    private static String firstLine(Process process, Path stderr) throws Exception {
        BufferedReader reader =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<String> line = CompletableFuture.supplyAsync(() -> {
            try {
                return reader.readLine();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        try {
            String first = line.get(120, TimeUnit.SECONDS);
            if (first == null) {
                fail("the broker exited before printing its address; stderr: " + read(stderr));
            }
            return first;
        } catch (TimeoutException e) {
            return fail("the broker printed no address within 120 s; stderr: " + read(stderr));
        }
    }

    private static List<String> run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        List<String> lines = new ArrayList<>();
        CompletableFuture<Void> reading = CompletableFuture.runAsync(() -> {
            try (BufferedReader reader = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                reader.lines().forEach(lines::add);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail(String.join(" ", command) + " did not finish within 60 s");
        }
        reading.get(10, TimeUnit.SECONDS);
        assertThat(process.exitValue()).as("%s exit status; output: %s", command[0], lines).isZero();
        return lines;
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "(none)";
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }
}
