package dev.dashmech.platform.metrics;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * A small HTTP endpoint on 127.0.0.1 for one service (the JDK's {@link HttpServer}; two routes need no framework):
 * <ul>
 *   <li>{@code GET /metrics}: every meter of the registry in the Prometheus text format;</li>
 *   <li>{@code GET /health}: {@code 200} and {@code {"status":"UP","checks":{...}}} when every registered
 *       {@link HealthCheck} is up, else {@code 503} with {@code "status":"DOWN"}.</li>
 * </ul>
 */
public final class MetricsServer implements AutoCloseable {

    /** The content type of the Prometheus text exposition format 0.0.4. */
    public static final String PROMETHEUS_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HOST = "127.0.0.1";

    private final HttpServer server;
    private final ExecutorService executor;
    private final PrometheusMeterRegistry registry;
    private final Map<String, HealthCheck> checks = new ConcurrentHashMap<>();

    private MetricsServer(HttpServer server, ExecutorService executor, PrometheusMeterRegistry registry) {
        this.server = server;
        this.executor = executor;
        this.registry = registry;
    }

    /**
     * Serves {@code registry} on {@code 127.0.0.1:port}.
     *
     * @param port the port, or 0 for a free one ({@link #port()} tells which)
     * @throws IllegalStateException when the port is taken
     */
    public static MetricsServer start(PrometheusMeterRegistry registry, int port) {
        Objects.requireNonNull(registry, "registry");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("metrics port must be between 0 and 65535, got " + port);
        }
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getByName(HOST), port), 0);
        } catch (BindException e) {
            throw new IllegalStateException("metrics port " + port + " on " + HOST + " is in use; set metrics.port to "
                    + "another port, or 0 for a free one", e);
        } catch (IOException e) {
            throw new UncheckedIOException("could not open the metrics endpoint on " + HOST + ":" + port, e);
        }
        AtomicInteger threads = new AtomicInteger();
        ExecutorService executor = Executors.newFixedThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "dashmech-metrics-http-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        MetricsServer metrics = new MetricsServer(server, executor, registry);
        server.createContext("/metrics", metrics::serveMetrics);
        server.createContext("/health", metrics::serveHealth);
        server.createContext("/", exchange -> respond(exchange, 404, "text/plain; charset=utf-8",
                "not found; try /metrics or /health\n"));
        server.setExecutor(executor);
        server.start();
        return metrics;
    }

    /** Serves the registry of {@code metrics}; see {@link #start(PrometheusMeterRegistry, int)}. */
    public static MetricsServer start(ServiceMetrics metrics, int port) {
        return start(metrics.registry(), port);
    }

    /** Adds (or replaces) the health check {@code name}. */
    public MetricsServer register(String name, HealthCheck check) {
        checks.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(check, "check"));
        return this;
    }

    /** Removes the health check {@code name}, if present. */
    public void unregister(String name) {
        checks.remove(name);
    }

    /** The port the endpoint listens on. */
    public int port() {
        return server.getAddress().getPort();
    }

    /** {@code http://127.0.0.1:PORT/metrics}. */
    public URI metricsUri() {
        return URI.create("http://" + HOST + ":" + port() + "/metrics");
    }

    /** {@code http://127.0.0.1:PORT/health}. */
    public URI healthUri() {
        return URI.create("http://" + HOST + ":" + port() + "/health");
    }

    /** The overall health: up when every check is up (or there are none). */
    public HealthStatus health() {
        boolean up = checks.values().stream().allMatch(check -> safely(check).up());
        return new HealthStatus(up, up ? "UP" : "DOWN");
    }

    /** Stops serving at once. */
    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void serveMetrics(HttpExchange exchange) throws IOException {
        if (!isGetOrHead(exchange)) {
            return;
        }
        respond(exchange, 200, PROMETHEUS_CONTENT_TYPE, registry.scrape());
    }

    private void serveHealth(HttpExchange exchange) throws IOException {
        if (!isGetOrHead(exchange)) {
            return;
        }
        Map<String, Object> results = new LinkedHashMap<>();
        boolean up = true;
        for (Map.Entry<String, HealthCheck> check : new TreeMap<>(checks).entrySet()) {
            HealthStatus status = safely(check.getValue());
            up &= status.up();
            Map<String, String> result = new LinkedHashMap<>();
            result.put("status", status.up() ? "UP" : "DOWN");
            result.put("detail", status.detail());
            results.put(check.getKey(), result);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", up ? "UP" : "DOWN");
        body.put("checks", results);
        String json;
        try {
            json = JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IOException(e);
        }
        respond(exchange, up ? 200 : 503, "application/json", json + "\n");
    }

    private static HealthStatus safely(HealthCheck check) {
        try {
            return Objects.requireNonNull(check.check(), "health check returned null");
        } catch (RuntimeException e) {
            return HealthStatus.down("health check failed: " + e);
        }
    }

    private static boolean isGetOrHead(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        if ("GET".equals(method) || "HEAD".equals(method)) {
            return true;
        }
        exchange.getResponseHeaders().set("Allow", "GET, HEAD");
        respond(exchange, 405, "text/plain; charset=utf-8", "method " + method + " not allowed; use GET\n");
        return false;
    }

    private static void respond(HttpExchange exchange, int status, String contentType, String body)
            throws IOException {
        try (exchange) {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", contentType);
            if ("HEAD".equals(exchange.getRequestMethod())) {
                exchange.sendResponseHeaders(status, -1);
                return;
            }
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }
}
