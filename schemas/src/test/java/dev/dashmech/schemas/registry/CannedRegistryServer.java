package dev.dashmech.schemas.registry;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A tiny HTTP server on 127.0.0.1 answering registry requests with canned responses, recording each request,
 * for testing the REST client's handling of the Confluent API (paths, headers, error statuses). The API is
 * served under a base path, as Apicurio's {@code /apis/ccompat/v6}.
 */
public final class CannedRegistryServer implements AutoCloseable {

    /** What the server received. */
    public record Request(String method, String rawPathAndQuery, String contentType, String authorization,
                          String body) {
    }

    /** What the server answers. */
    public record Response(int status, String contentType, String body) {
        public static Response json(int status, String body) {
            return new Response(status, "application/vnd.schemaregistry.v1+json", body);
        }
    }

    public static final String BASE_PATH = "/apis/ccompat/v6";

    private final HttpServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private volatile Function<Request, Response> responder = r -> Response.json(500, "{\"message\":\"no answer set\"}");

    public CannedRegistryServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
        server.createContext("/", this::handle);
        server.start();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String query = exchange.getRequestURI().getRawQuery();
        Request request = new Request(exchange.getRequestMethod(),
                exchange.getRequestURI().getRawPath() + (query == null ? "" : "?" + query),
                exchange.getRequestHeaders().getFirst("Content-Type"),
                exchange.getRequestHeaders().getFirst("Authorization"),
                new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        requests.add(request);
        Response response = responder.apply(request);
        byte[] body = response.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", response.contentType());
        exchange.sendResponseHeaders(response.status(), body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /** Sets how requests are answered. */
    public CannedRegistryServer answer(Function<Request, Response> responder) {
        this.responder = responder;
        return this;
    }

    /** Answers every request with {@code status} and {@code body}. */
    public CannedRegistryServer answer(int status, String body) {
        return answer(r -> Response.json(status, body));
    }

    /** The base URL of the API, with path. */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + BASE_PATH;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    /** A loopback port where nothing listens (just closed). */
    public static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
