package dev.dashmech.integration.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real schema registry for tests: Apicurio Registry (built by the {@code integration-tests/schema-registry}
 * module) run as a child process on a free 127.0.0.1 port, in-memory storage, speaking the Confluent Schema
 * Registry REST API at {@link #ccompatUrl()}.
 *
 * <p>{@link #start()} returns once {@code /health/ready} answers 200 (bounded by {@link #READY_TIMEOUT});
 * {@link #close()} stops the process (SIGTERM, then SIGKILL) and deletes its log file. Tests normally get the
 * one shared instance through {@link ApicurioRegistryExtension} instead of starting their own.
 */
public final class ApicurioRegistry implements AutoCloseable {

    /** System property naming the fixture's {@code target} directory (set by the integration-tests pom). */
    public static final String TARGET_DIR_PROPERTY = "dashmech.schema-registry.target";
    /** How long the registry may take to become ready: it takes 3-15 s on a shared 2-core machine. */
    public static final Duration READY_TIMEOUT = Duration.ofSeconds(90);

    private static final String BUILD_HINT =
            "build it with: mvn -B -pl integration-tests/schema-registry package (from the repository root)";
    private static final Duration HTTP_TIMEOUT = Duration.ofSeconds(10);
    private static final int START_ATTEMPTS = 3;
    private static final int LOG_TAIL_LINES = 40;
    private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final Path logFile;
    private final URI baseUrl;
    private final HttpClient http;
    private final Thread killOnExit;

    private ApicurioRegistry(Process process, Path logFile, URI baseUrl, HttpClient http) {
        this.process = process;
        this.logFile = logFile;
        this.baseUrl = baseUrl;
        this.http = http;
        // if the test JVM ends without close() (a fork timeout, Ctrl-C), the registry must not outlive it
        this.killOnExit = new Thread(process::destroyForcibly, "kill-schema-registry-" + process.pid());
        Runtime.getRuntime().addShutdownHook(killOnExit);
    }

    /** Starts the registry built under the directory named by {@value #TARGET_DIR_PROPERTY}. */
    public static ApicurioRegistry start() {
        return start(runnerJar(defaultTargetDir()));
    }

    /**
     * Starts the registry from its Quarkus runner jar and waits until it is ready.
     *
     * @throws IllegalStateException if it does not become ready in {@link #READY_TIMEOUT} (the message carries
     *                               the end of its log)
     */
    public static ApicurioRegistry start(Path runnerJar) {
        if (!Files.isRegularFile(runnerJar)) {
            throw new IllegalStateException("Schema registry runner jar not found at " + runnerJar + "; " + BUILD_HINT);
        }
        HttpClient http = HttpClient.newBuilder().connectTimeout(HTTP_TIMEOUT).build();
        IllegalStateException failure = null;
        // a free port is picked, released and then bound by the child: retry if another process won the race
        for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
            Path log = createLogFile();
            int port = freeLoopbackPort();
            Process process = launch(runnerJar, port, log);
            URI baseUrl = URI.create("http://127.0.0.1:" + port);
            ApicurioRegistry registry = new ApicurioRegistry(process, log, baseUrl, http);
            try {
                registry.awaitReady();
                return registry;
            } catch (IllegalStateException e) {
                registry.close();
                failure = e;
                // Quarkus logs "Port N seems to be in use by another process" and exits
                if (!e.getMessage().contains("in use")) {
                    break;
                }
            }
        }
        throw failure;
    }

    /** The Confluent Schema Registry compatible API, e.g. {@code http://127.0.0.1:41234/apis/ccompat/v6}. */
    public String ccompatUrl() {
        return baseUrl + "/apis/ccompat/v6";
    }

    /** The registry's root URL, e.g. {@code http://127.0.0.1:41234}. */
    public URI baseUrl() {
        return baseUrl;
    }

    /** The file the registry process logs to (deleted by {@link #close()}). */
    public Path logFile() {
        return logFile;
    }

    /**
     * Sets the registry-wide compatibility level through the Confluent API ({@code PUT /config}), e.g.
     * {@code BACKWARD}: later registrations of an incompatible schema under any subject get HTTP 409.
     */
    public void setGlobalCompatibility(String level) {
        ObjectNode body = JSON.createObjectNode().put("compatibility", level.toUpperCase(Locale.ROOT));
        JsonNode answer = call("PUT", "/config", body);
        if (!level.equalsIgnoreCase(answer.path("compatibility").asText())) {
            throw new IllegalStateException("The registry answered " + answer + " to setting compatibility " + level);
        }
    }

    /**
     * Registers an Avro schema under {@code subject} through the Confluent API and returns its id, as any
     * third-party client would ({@code POST /subjects/{subject}/versions}).
     *
     * @throws IllegalStateException with the HTTP status and message when the registry refuses it (409 for a
     *                               schema incompatible with the subject's versions)
     */
    public int register(String subject, String schema) {
        ObjectNode body = JSON.createObjectNode().put("schema", schema);
        return call("POST", "/subjects/" + subject + "/versions", body).path("id").asInt();
    }

    /** The id of the latest schema under {@code subject} ({@code GET /subjects/{subject}/versions/latest}). */
    public int latestId(String subject) {
        return call("GET", "/subjects/" + subject + "/versions/latest", null).path("id").asInt();
    }

    /** Stops the process (waits up to 10 s for a clean exit, then kills it) and deletes the log file. */
    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(killOnExit);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down: the hook runs anyway
        }
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        try {
            Files.deleteIfExists(logFile);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not delete the registry log " + logFile, e);
        }
    }

    /** Whether the registry process is still running. */
    public boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public String toString() {
        return "ApicurioRegistry[" + baseUrl + ", pid " + process.pid() + "]";
    }

    static Path defaultTargetDir() {
        String dir = System.getProperty(TARGET_DIR_PROPERTY);
        // outside Maven (an IDE) the working directory is usually the integration-tests module
        return dir != null ? Path.of(dir) : Path.of("schema-registry", "target").toAbsolutePath();
    }

    static Path runnerJar(Path targetDir) {
        if (!Files.isDirectory(targetDir)) {
            throw new IllegalStateException("Schema registry build directory " + targetDir + " does not exist; "
                    + BUILD_HINT);
        }
        try (Stream<Path> files = Files.list(targetDir)) {
            List<Path> jars = files.filter(f -> f.getFileName().toString().endsWith("-runner.jar")).sorted().toList();
            if (jars.size() != 1) {
                throw new IllegalStateException("Expected one *-runner.jar in " + targetDir + " but found " + jars
                        + "; " + BUILD_HINT);
            }
            return jars.get(0);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not list " + targetDir, e);
        }
    }

    private static Process launch(Path runnerJar, int port, Path log) {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = List.of(java.toString(),
                // a short-lived test server on a shared 2-core machine: small heap, quick start, one GC thread
                "-Xms64m", "-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-Dquarkus.http.host=127.0.0.1",
                "-Dquarkus.http.port=" + port,
                "-jar", runnerJar.toString());
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(runnerJar.getParent().toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        try {
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the schema registry: " + command, e);
        }
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        HttpRequest ready = HttpRequest.newBuilder(baseUrl.resolve("/health/ready"))
                .timeout(HTTP_TIMEOUT)
                .GET()
                .build();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Schema registry exited with code " + process.exitValue()
                        + " before it was ready; its log ends with:\n" + logTail());
            }
            try {
                if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for the schema registry", e);
            }
            sleep(Duration.ofMillis(200));
        }
        throw new IllegalStateException("Schema registry at " + baseUrl + " was not ready after " + READY_TIMEOUT
                + "; its log ends with:\n" + logTail());
    }

    private JsonNode call(String method, String path, JsonNode body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(ccompatUrl() + path))
                .timeout(HTTP_TIMEOUT)
                .header("Content-Type", CONTENT_TYPE)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body.toString()))
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("The schema registry answered " + method + " " + path + " with HTTP "
                        + response.statusCode() + ": " + response.body());
            }
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("Schema registry request " + method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted during " + method + " " + path, e);
        }
    }

    private String logTail() {
        try {
            List<String> lines = Files.readAllLines(logFile, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size()));
        } catch (IOException e) {
            return "(log " + logFile + " unreadable: " + e + ")";
        }
    }

    private static Path createLogFile() {
        try {
            return Files.createTempFile("dashmech-schema-registry-", ".log");
        } catch (IOException e) {
            throw new UncheckedIOException("Could not create a log file for the schema registry", e);
        }
    }

    private static int freeLoopbackPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free port on 127.0.0.1", e);
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the schema registry", e);
        }
    }
}
