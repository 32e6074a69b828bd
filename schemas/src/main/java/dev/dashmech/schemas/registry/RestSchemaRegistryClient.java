package dev.dashmech.schemas.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;

/**
 * A {@link SchemaRegistryClient} speaking the Confluent Schema Registry REST API over HTTP(S) with
 * {@code java.net.http} and Jackson; hand-written because Confluent's client is not on Maven Central and
 * Apicurio's serdes speak their own API. Works against Confluent Schema Registry, Apicurio's
 * {@code /apis/ccompat/v6} or {@code /v7} (so base URLs may carry a path), Karapace and Redpanda: optional
 * response fields may be missing and unknown ones are ignored.
 *
 * <p>Several base URLs may be given (comma-separated in {@link SchemaRegistries#connect}); a request that
 * gets no response from one is tried on the next, and the first that answered is tried first next time.
 * Schemas by id and ids of registered schemas are cached forever (they never change); the latest version of
 * a subject and compatibility answers are never cached. Thread-safe.
 */
public final class RestSchemaRegistryClient implements SchemaRegistryClient {

    /** The media type of the Confluent API, sent as the request body type. */
    public static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final String ACCEPT = "application/vnd.schemaregistry.v1+json,"
            + " application/vnd.schemaregistry+json; qs=0.9, application/json; qs=0.5";
    private static final int MAX_QUOTED_BODY = 300;

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One HTTP client for the JVM: it is thread-safe, and each one holds a selector thread. */
    private static final class Http {
        static final HttpClient CLIENT = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
    }

    private final List<URI> bases;
    private final String url;
    private final Duration requestTimeout;
    private final String authorization;
    private final AtomicInteger preferred = new AtomicInteger();
    private final ConcurrentHashMap<Integer, Schema> schemasById = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<SubjectSchema, Integer> idsBySubjectSchema = new ConcurrentHashMap<>();

    private record SubjectSchema(String subject, Schema schema) {
    }

    private record Response(int status, JsonNode body, String text) {
    }

    /**
     * A client for the given base URLs ({@code http(s)://host:port[/path]}, without credentials), with a
     * timeout per request (connection included) and optional basic-auth {@code user:password}.
     * {@link SchemaRegistries#connect} parses and checks URL strings; use it unless you have URIs.
     */
    public RestSchemaRegistryClient(List<URI> baseUrls, Duration requestTimeout, String basicAuthUserInfo) {
        if (baseUrls.isEmpty()) {
            throw new IllegalArgumentException("a registry client needs at least one base URL");
        }
        this.bases = List.copyOf(baseUrls);
        this.url = bases.stream().map(URI::toString).collect(Collectors.joining(","));
        if (requestTimeout.isNegative() || requestTimeout.isZero()) {
            throw new IllegalArgumentException("the registry request timeout must be positive, was " + requestTimeout);
        }
        this.requestTimeout = requestTimeout;
        this.authorization = basicAuthUserInfo == null ? null
                : "Basic " + Base64.getEncoder().encodeToString(basicAuthUserInfo.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String url() {
        return url;
    }

    @Override
    public int register(String subject, Schema schema) {
        SubjectSchema key = new SubjectSchema(Objects.requireNonNull(subject, "subject"), schema);
        Integer cached = idsBySubjectSchema.get(key);
        if (cached != null) {
            return cached;
        }
        String request = "POST /subjects/" + subject + "/versions";
        Response r = send("POST", "/subjects/" + segment(subject) + "/versions", schemaBody(schema), request);
        switch (r.status) {
            case 200, 201 -> {
                int id = requiredInt(r, "id", request);
                idsBySubjectSchema.put(key, id);
                schemasById.putIfAbsent(id, schema);
                return id;
            }
            case 409 -> throw new IncompatibleSchemaException(url, subject, messages(r),
                    "registry " + url + " refused schema " + schema.getFullName() + " under subject '" + subject
                            + "': incompatible with the registered versions (HTTP 409: " + message(r)
                            + "). Make the change compatible (add fields with defaults) or change the subject's"
                            + " compatibility level deliberately.");
            case 422 -> throw invalidSchema(r, subject, schema, request);
            default -> throw unexpected(r, request);
        }
    }

    @Override
    public int idOf(String subject, Schema schema) {
        SubjectSchema key = new SubjectSchema(Objects.requireNonNull(subject, "subject"), schema);
        Integer cached = idsBySubjectSchema.get(key);
        if (cached != null) {
            return cached;
        }
        String request = "POST /subjects/" + subject;
        Response r = send("POST", "/subjects/" + segment(subject), schemaBody(schema), request);
        switch (r.status) {
            case 200 -> {
                int id = requiredInt(r, "id", request);
                idsBySubjectSchema.put(key, id);
                schemasById.putIfAbsent(id, schema);
                return id;
            }
            case 404 -> throw new SchemaNotFoundException(url, "registry " + url + " has no schema "
                    + schema.getFullName() + " under subject '" + subject + "' (" + message(r)
                    + "); register it, or enable auto.register.schemas", null, subject);
            case 422 -> throw invalidSchema(r, subject, schema, request);
            default -> throw unexpected(r, request);
        }
    }

    @Override
    public Schema schemaById(int id) {
        Schema cached = schemasById.get(id);
        if (cached != null) {
            return cached;
        }
        String request = "GET /schemas/ids/" + id;
        Response r = send("GET", "/schemas/ids/" + id, null, request);
        if (r.status == 404) {
            throw new SchemaNotFoundException(url, "registry " + url + " has no schema with id " + id + " ("
                    + message(r) + ")", id, null);
        }
        if (r.status != 200) {
            throw unexpected(r, request);
        }
        String type = text(r.body, "schemaType");
        if (type != null && !type.equalsIgnoreCase("AVRO")) {
            throw new UnsupportedSchemaException(url, id, "schema id " + id + " in registry " + url + " is a "
                    + type + " schema, not Avro", null);
        }
        JsonNode refs = r.body == null ? null : r.body.get("references");
        if (refs != null && refs.isArray() && refs.size() > 0) {
            throw new UnsupportedSchemaException(url, id, "schema id " + id + " in registry " + url
                    + " uses schema references, which this client does not resolve", null);
        }
        Schema schema = parse(requiredText(r, "schema", request), id);
        Schema previous = schemasById.putIfAbsent(id, schema);
        return previous == null ? schema : previous;
    }

    @Override
    public RegisteredSchema latest(String subject) {
        Objects.requireNonNull(subject, "subject");
        String request = "GET /subjects/" + subject + "/versions/latest";
        Response r = send("GET", "/subjects/" + segment(subject) + "/versions/latest", null, request);
        if (r.status == 404) {
            throw new SchemaNotFoundException(url, "registry " + url + " has no subject '" + subject + "' ("
                    + message(r) + ")", null, subject);
        }
        if (r.status != 200) {
            throw unexpected(r, request);
        }
        int id = requiredInt(r, "id", request);
        int version = requiredInt(r, "version", request);
        String returnedSubject = text(r.body, "subject");
        Schema schema = schemasById.computeIfAbsent(id, k -> parse(requiredText(r, "schema", request), k));
        return new RegisteredSchema(returnedSubject == null ? subject : returnedSubject, version, id, schema);
    }

    @Override
    public CompatibilityCheck checkCompatibility(String subject, Schema schema) {
        Objects.requireNonNull(subject, "subject");
        String request = "POST /compatibility/subjects/" + subject + "/versions/latest";
        Response r = send("POST", "/compatibility/subjects/" + segment(subject) + "/versions/latest?verbose=true",
                schemaBody(schema), request);
        switch (r.status) {
            case 200 -> {
                JsonNode flag = r.body == null ? null : r.body.get("is_compatible");
                if (flag == null || !flag.isBoolean()) {
                    throw new RegistryErrorResponseException(url, r.status, null, "registry " + url + " answered "
                            + request + " without a boolean 'is_compatible': " + quote(r.text));
                }
                return new CompatibilityCheck(flag.booleanValue(), messages(r));
            }
            case 404 -> {
                // no versions yet: nothing to be incompatible with
                return CompatibilityCheck.ok();
            }
            case 422 -> throw invalidSchema(r, subject, schema, request);
            default -> throw unexpected(r, request);
        }
    }

    @Override
    public CompatibilityLevel setCompatibility(CompatibilityLevel level) {
        return putConfig("/config", "PUT /config", level);
    }

    @Override
    public CompatibilityLevel setCompatibility(String subject, CompatibilityLevel level) {
        Objects.requireNonNull(subject, "subject");
        return putConfig("/config/" + segment(subject), "PUT /config/" + subject, level);
    }

    private CompatibilityLevel putConfig(String path, String request, CompatibilityLevel level) {
        ObjectNode body = JSON.createObjectNode().put("compatibility", level.name());
        Response r = send("PUT", path, body.toString(), request);
        if (r.status != 200 && r.status != 204) {
            throw unexpected(r, request);
        }
        String echoed = text(r.body, "compatibility");
        if (echoed == null) {
            echoed = text(r.body, "compatibilityLevel");
        }
        return echoed == null ? level : CompatibilityLevel.parse(echoed);
    }

    @Override
    public String toString() {
        return "RestSchemaRegistryClient[" + url + "]";
    }

    // ---- HTTP ----

    private Response send(String method, String path, String body, String request) {
        int start = Math.floorMod(preferred.get(), bases.size());
        List<String> failures = new ArrayList<>();
        Throwable last = null;
        for (int k = 0; k < bases.size(); k++) {
            int index = (start + k) % bases.size();
            URI base = bases.get(index);
            URI target = URI.create(base.toString() + path);
            HttpRequest.Builder builder = HttpRequest.newBuilder(target)
                    .timeout(requestTimeout)
                    .header("Accept", ACCEPT)
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
            if (body != null) {
                builder.header("Content-Type", CONTENT_TYPE);
            }
            if (authorization != null) {
                builder.header("Authorization", authorization);
            }
            try {
                HttpResponse<String> response =
                        Http.CLIENT.send(builder.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                preferred.set(index);
                return new Response(response.statusCode(), parseJson(response.body()), response.body());
            } catch (IOException e) {
                last = e;
                failures.add(base + ": " + describe(e));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RegistryUnreachableException(url, "interrupted while waiting for registry " + base
                        + " to answer " + request, e);
            }
        }
        throw new RegistryUnreachableException(url, "schema registry unreachable for " + request + ": "
                + String.join("; ", failures) + ". Check schema.registry.url and that the registry is running.", last);
    }

    private static String describe(IOException e) {
        String type = e.getClass().getSimpleName();
        String message = e.getMessage();
        if (message == null && e.getCause() != null) {
            message = e.getCause().toString();
        }
        return message == null ? type : type + " " + message;
    }

    private static JsonNode parseJson(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private static String schemaBody(Schema schema) {
        return JSON.createObjectNode().put("schema", schema.toString()).toString();
    }

    private Schema parse(String text, int id) {
        try {
            return new Schema.Parser().parse(text);
        } catch (SchemaParseException | NullPointerException e) {
            throw new UnsupportedSchemaException(url, id, "schema id " + id + " in registry " + url
                    + " is not a valid Avro schema: " + e.getMessage(), e);
        }
    }

    // ---- response reading, lenient about what is optional ----

    private static String text(JsonNode body, String field) {
        if (body == null) {
            return null;
        }
        JsonNode node = body.get(field);
        return node == null || node.isNull() ? null : node.asText();
    }

    private String requiredText(Response r, String field, String request) {
        String value = text(r.body, field);
        if (value == null) {
            throw new RegistryErrorResponseException(url, r.status, null, "registry " + url + " answered " + request
                    + " without '" + field + "': " + quote(r.text));
        }
        return value;
    }

    private int requiredInt(Response r, String field, String request) {
        JsonNode node = r.body == null ? null : r.body.get(field);
        if (node == null || !node.canConvertToInt()) {
            throw new RegistryErrorResponseException(url, r.status, null, "registry " + url + " answered " + request
                    + " without an integer '" + field + "': " + quote(r.text));
        }
        return node.intValue();
    }

    private static Integer errorCode(Response r) {
        JsonNode node = r.body == null ? null : r.body.get("error_code");
        return node != null && node.canConvertToInt() ? node.intValue() : null;
    }

    private static String message(Response r) {
        String message = text(r.body, "message");
        return message != null ? message : quote(r.text);
    }

    private static List<String> messages(Response r) {
        List<String> out = new ArrayList<>();
        JsonNode list = r.body == null ? null : r.body.get("messages");
        if (list != null && list.isArray()) {
            list.forEach(m -> out.add(m.asText()));
        } else if (r.status != 200) {
            out.add(message(r));
        }
        return out;
    }

    private static String quote(String text) {
        if (text == null || text.isBlank()) {
            return "(empty body)";
        }
        String flat = text.strip().replaceAll("\\s+", " ");
        return flat.length() <= MAX_QUOTED_BODY ? flat : flat.substring(0, MAX_QUOTED_BODY) + "...";
    }

    private InvalidSchemaException invalidSchema(Response r, String subject, Schema schema, String request) {
        return new InvalidSchemaException(url, subject, "registry " + url + " rejected schema " + schema.getFullName()
                + " as invalid for " + request + " (HTTP 422, error code " + errorCode(r) + "): " + message(r));
    }

    private RegistryErrorResponseException unexpected(Response r, String request) {
        Integer code = errorCode(r);
        String hint = switch (r.status) {
            case 401, 403 -> " Check basic.auth.user.info.";
            case 404 -> " Check that schema.registry.url includes the API path (e.g. /apis/ccompat/v6 for Apicurio).";
            default -> r.status >= 500 ? " The registry failed; retry later." : "";
        };
        return new RegistryErrorResponseException(url, r.status, code, "registry " + url + " answered " + request
                + " with HTTP " + r.status + (code == null ? "" : " (error code " + code + ")") + ": " + message(r)
                + "." + hint);
    }

    /** Percent-encodes one path segment: everything but RFC 3986 unreserved characters. */
    static String segment(String raw) {
        StringBuilder out = new StringBuilder(raw.length() + 8);
        for (byte b : raw.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == '~') {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }
}
