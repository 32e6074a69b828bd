package dev.dashmech.schemas.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dashmech.schemas.registry.CannedRegistryServer.Response;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RestSchemaRegistryClientTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Schema THING = SchemaBuilder.record("Thing").namespace("t").fields()
            .requiredString("a").endRecord();

    private final CannedRegistryServer server;
    private final SchemaRegistryClient client;

    RestSchemaRegistryClientTest() throws IOException {
        server = new CannedRegistryServer();
        client = SchemaRegistries.connect(server.url());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static String schemaResponse(Schema schema, String extraFields) {
        ObjectNode node = JSON.createObjectNode().put("schema", schema.toString());
        return node.toString().replaceFirst("\\}$", extraFields.isEmpty() ? "}" : "," + extraFields + "}");
    }

    @Test
    void shouldRegisterWithTheConfluentRequestUnderTheBasePathAndCacheTheId() throws IOException {
        server.answer(200, "{\"id\": 7}");

        int id = client.register("bids-value", THING);
        int again = client.register("bids-value", THING);

        assertThat(id).isEqualTo(7);
        assertThat(again).isEqualTo(7);
        assertThat(server.requests()).singleElement().satisfies(r -> {
            assertThat(r.method()).isEqualTo("POST");
            assertThat(r.rawPathAndQuery()).isEqualTo("/apis/ccompat/v6/subjects/bids-value/versions");
            assertThat(r.contentType()).isEqualTo("application/vnd.schemaregistry.v1+json");
            assertThat(JSON.readTree(r.body()).get("schema").asText()).isEqualTo(THING.toString());
        });
    }

    @Test
    void shouldFetchASchemaByIdOnceIgnoringUnknownFields() {
        server.answer(200, schemaResponse(THING, "\"schemaType\":\"AVRO\",\"references\":[],\"someFutureField\":1"));

        Schema first = client.schemaById(12);
        Schema second = client.schemaById(12);

        assertThat(first).isEqualTo(THING);
        assertThat(second).isSameAs(first);
        assertThat(server.requests()).singleElement()
                .satisfies(r -> assertThat(r.rawPathAndQuery()).isEqualTo("/apis/ccompat/v6/schemas/ids/12"));
    }

    @Test
    void shouldReadTheLatestVersionWithOrWithoutTheSubjectEchoed() {
        server.answer(200, schemaResponse(THING, "\"version\":3,\"id\":9"));

        RegisteredSchema latest = client.latest("bids-value");

        assertThat(latest).isEqualTo(new RegisteredSchema("bids-value", 3, 9, THING));
        assertThat(server.requests().get(0).rawPathAndQuery())
                .isEqualTo("/apis/ccompat/v6/subjects/bids-value/versions/latest");
    }

    @Test
    void shouldReportCompatibilityWithTheRegistrysReasons() {
        server.answer(200, "{\"is_compatible\": false, \"messages\": [\"field b has no default\"]}");

        CompatibilityCheck check = client.checkCompatibility("bids-value", THING);

        assertThat(check.compatible()).isFalse();
        assertThat(check.reasons()).containsExactly("field b has no default");
        assertThat(server.requests().get(0).rawPathAndQuery())
                .startsWith("/apis/ccompat/v6/compatibility/subjects/bids-value/versions/latest");
    }

    @Test
    void shouldCallASubjectWithoutVersionsCompatible() {
        server.answer(404, "{\"error_code\": 40401, \"message\": \"Subject 'bids-value' not found.\"}");

        assertThat(client.checkCompatibility("bids-value", THING).compatible()).isTrue();
    }

    @Test
    void shouldPutTheCompatibilityLevelGloballyAndPerSubject() throws IOException {
        server.answer(r -> Response.json(200, r.body()));

        assertThat(client.setCompatibility(CompatibilityLevel.BACKWARD)).isEqualTo(CompatibilityLevel.BACKWARD);
        assertThat(client.setCompatibility("bids-value", CompatibilityLevel.FULL)).isEqualTo(CompatibilityLevel.FULL);

        assertThat(server.requests()).extracting(CannedRegistryServer.Request::method).containsOnly("PUT");
        assertThat(server.requests()).extracting(CannedRegistryServer.Request::rawPathAndQuery)
                .containsExactly("/apis/ccompat/v6/config", "/apis/ccompat/v6/config/bids-value");
        assertThat(JSON.readTree(server.requests().get(0).body()).get("compatibility").asText()).isEqualTo("BACKWARD");
    }

    @Test
    void shouldThrowSchemaNotFoundNamingTheIdAndUrlOn404() {
        server.answer(404, "{\"error_code\": 40403, \"message\": \"Schema 404 not found\"}");

        assertThatThrownBy(() -> client.schemaById(404))
                .isInstanceOfSatisfying(SchemaNotFoundException.class, e -> {
                    assertThat(e.schemaId()).isEqualTo(404);
                    assertThat(e.registryUrl()).isEqualTo(server.url());
                    assertThat(e.isRetriable()).isFalse();
                })
                .hasMessageContaining("id 404")
                .hasMessageContaining(server.url());
    }

    @Test
    void shouldThrowIncompatibleNamingTheSubjectOn409() {
        server.answer(409, "{\"error_code\": 409, \"message\": \"Schema being registered is incompatible\"}");

        assertThatThrownBy(() -> client.register("bids-value", THING))
                .isInstanceOfSatisfying(IncompatibleSchemaException.class,
                        e -> assertThat(e.subject()).isEqualTo("bids-value"))
                .hasMessageContaining("'bids-value'")
                .hasMessageContaining("Schema being registered is incompatible");
    }

    @Test
    void shouldThrowARetriableErrorWithTheStatusOn5xx() {
        server.answer(503, "{\"error_code\": 50003, \"message\": \"Error while forwarding the request\"}");

        assertThatThrownBy(() -> client.latest("bids-value"))
                .isInstanceOfSatisfying(RegistryErrorResponseException.class, e -> {
                    assertThat(e.status()).isEqualTo(503);
                    assertThat(e.errorCode()).isEqualTo(50003);
                    assertThat(e.isRetriable()).isTrue();
                })
                .hasMessageContaining("HTTP 503")
                .hasMessageContaining("Error while forwarding");
    }

    @Test
    void shouldQuoteANonJsonErrorBody() {
        server.answer(r -> new Response(502, "text/html", "<html><body>Bad gateway</body></html>"));

        assertThatThrownBy(() -> client.schemaById(1))
                .isInstanceOf(RegistryErrorResponseException.class)
                .hasMessageContaining("<html><body>Bad gateway");
    }

    @Test
    void shouldThrowInvalidSchemaOn422() {
        server.answer(422, "{\"error_code\": 42201, \"message\": \"Invalid schema\"}");

        assertThatThrownBy(() -> client.register("bids-value", THING))
                .isInstanceOfSatisfying(InvalidSchemaException.class,
                        e -> assertThat(e.subject()).isEqualTo("bids-value"))
                .hasMessageContaining("42201");
    }

    @Test
    void shouldHintAtCredentialsOn401() {
        server.answer(401, "{\"error_code\": 401, \"message\": \"Unauthorized\"}");

        assertThatThrownBy(() -> client.latest("x"))
                .isInstanceOfSatisfying(RegistryErrorResponseException.class,
                        e -> assertThat(e.isRetriable()).isFalse())
                .hasMessageContaining("basic.auth.user.info");
    }

    @Test
    void shouldSayWhichFieldIsMissingFromASuccessResponse() {
        server.answer(200, "{\"version\": 1}");

        assertThatThrownBy(() -> client.register("bids-value", THING))
                .isInstanceOf(RegistryErrorResponseException.class)
                .hasMessageContaining("'id'");
    }

    @Test
    void shouldRefuseANonAvroOrUnparsableSchema() {
        server.answer(200, "{\"schema\": \"syntax = \\\"proto3\\\";\", \"schemaType\": \"PROTOBUF\"}");
        assertThatThrownBy(() -> client.schemaById(5))
                .isInstanceOfSatisfying(UnsupportedSchemaException.class, e -> assertThat(e.schemaId()).isEqualTo(5))
                .hasMessageContaining("PROTOBUF");

        server.answer(200, "{\"schema\": \"{not avro\"}");
        assertThatThrownBy(() -> client.schemaById(6))
                .isInstanceOf(UnsupportedSchemaException.class)
                .hasMessageContaining("not a valid Avro schema");
    }

    @Test
    void shouldThrowUnreachableNamingTheUrlWhenNothingListens() throws IOException {
        String url = "http://127.0.0.1:" + CannedRegistryServer.closedPort() + "/apis/ccompat/v6";
        SchemaRegistryClient down = SchemaRegistries.connect(url);

        assertThatThrownBy(() -> down.schemaById(1))
                .isInstanceOfSatisfying(RegistryUnreachableException.class,
                        e -> assertThat(e.isRetriable()).isTrue())
                .hasMessageContaining(url)
                .hasMessageContaining("GET /schemas/ids/1");
    }

    @Test
    void shouldFailOverToTheNextUrl() throws IOException {
        server.answer(200, "{\"id\": 3}");
        String dead = "http://127.0.0.1:" + CannedRegistryServer.closedPort();
        SchemaRegistryClient twoUrls = SchemaRegistries.connect(dead + "," + server.url());

        assertThat(twoUrls.register("s", THING)).isEqualTo(3);
        assertThat(twoUrls.url()).contains(dead).contains(server.url());
    }

    @Test
    void shouldSendBasicAuthFromTheUrlAndNeverShowThePassword() {
        server.answer(200, "{\"id\": 1}");
        String withCredentials = server.url().replace("http://", "http://alice:s3cret@");
        SchemaRegistryClient authed = SchemaRegistries.connect(withCredentials);

        authed.register("s", THING);

        assertThat(server.requests().get(0).authorization()).isEqualTo("Basic "
                + Base64.getEncoder().encodeToString("alice:s3cret".getBytes(StandardCharsets.UTF_8)));
        assertThat(authed.url()).doesNotContain("s3cret").doesNotContain("alice");
    }

    @Test
    void shouldPercentEncodeSubjectsInPaths() {
        server.answer(200, "{\"id\": 1}");

        client.register("odd subject/with-slash", THING);

        assertThat(server.requests().get(0).rawPathAndQuery())
                .isEqualTo("/apis/ccompat/v6/subjects/odd%20subject%2Fwith-slash/versions");
    }

    @Test
    void shouldRefuseBadUrlsSayingWhatIsAccepted() {
        for (String bad : new String[] {"ftp://registry:8081", "http://", "http://h:1/api?x=1", "registry:8081",
                "http://ok:1,:bad"}) {
            assertThatThrownBy(() -> SchemaRegistries.connect(bad))
                    .as(bad)
                    .isInstanceOf(InvalidRegistryUrlException.class)
                    .hasMessageContaining("http(s)://host:port[/path]")
                    .hasMessageContaining("mock://NAME");
        }
        assertThatThrownBy(() -> SchemaRegistries.connect("ftp://bob:hunter2@registry"))
                .isInstanceOf(InvalidRegistryUrlException.class)
                .message().doesNotContain("hunter2");
        assertThatThrownBy(() -> SchemaRegistries.connect(" "))
                .isInstanceOf(InvalidRegistryUrlException.class)
                .hasMessageContaining("schema.registry.url");
    }
}
