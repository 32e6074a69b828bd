package dev.dashmech.integration.registry;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Proves the fixture is a real registry speaking the Confluent Schema Registry REST API, with nothing but HTTP:
 * the calls a Confluent serializer makes (register, look up by id, latest version) and the compatibility check
 * that guards schema evolution.
 */
@ExtendWith(ApicurioRegistryExtension.class)
class ApicurioRegistryTest {

    private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private static final String BID_V1 = """
            {"type": "record", "name": "Bid", "namespace": "dev.dashmech.test",
             "fields": [{"name": "market", "type": "string"}, {"name": "amount", "type": "double"}]}""";
    /** v1 plus a field with a default: a reader of v2 can read v1 data, so BACKWARD compatible. */
    private static final String BID_V2_WITH_DEFAULT = """
            {"type": "record", "name": "Bid", "namespace": "dev.dashmech.test",
             "fields": [{"name": "market", "type": "string"}, {"name": "amount", "type": "double"},
                        {"name": "dashboardVersion", "type": "long", "default": 0}]}""";
    /** v1 plus a field without a default: a reader of this cannot read v1 data, so not BACKWARD compatible. */
    private static final String BID_V2_WITHOUT_DEFAULT = """
            {"type": "record", "name": "Bid", "namespace": "dev.dashmech.test",
             "fields": [{"name": "market", "type": "string"}, {"name": "amount", "type": "double"},
                        {"name": "dashboardVersion", "type": "long"}]}""";

    private final String ccompat;
    private String subject;

    ApicurioRegistryTest(ApicurioRegistry registry) {
        this.ccompat = registry.ccompatUrl();
    }

    @BeforeEach
    void useOwnSubject(TestInfo test) {
        // the registry is shared by the whole run: a subject per test keeps tests independent
        subject = test.getTestMethod().orElseThrow().getName() + "-" + UUID.randomUUID() + "-value";
    }

    @Test
    void shouldReturnTheRegisteredSchemaWhenLookedUpById() throws Exception {
        // given
        int id = register(subject, BID_V1).body().get("id").asInt();

        // when
        Reply byId = get("/schemas/ids/" + id);

        // then
        assertThat(byId.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(byId.body().get("schema").asText())).isEqualTo(JSON.readTree(BID_V1));
    }

    @Test
    void shouldGiveTheSameIdWhenTheSameSchemaIsRegisteredAgain() throws Exception {
        // given
        int first = register(subject, BID_V1).body().get("id").asInt();

        // when
        Reply again = register(subject, BID_V1);

        // then: serializers register on first use, so re-registering must be idempotent
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.body().get("id").asInt()).isEqualTo(first);
    }

    @Test
    void shouldReturnTheNewestVersionAsLatestWhenACompatibleSchemaIsAdded() throws Exception {
        // given
        register(subject, BID_V1);
        int v2 = register(subject, BID_V2_WITH_DEFAULT).body().get("id").asInt();

        // when
        Reply latest = get("/subjects/" + subject + "/versions/latest");

        // then
        assertThat(latest.statusCode()).isEqualTo(200);
        assertThat(latest.body().get("id").asInt()).isEqualTo(v2);
        assertThat(latest.body().get("version").asInt()).isEqualTo(2);
        assertThat(latest.body().get("subject").asText()).isEqualTo(subject);
        assertThat(JSON.readTree(latest.body().get("schema").asText())).isEqualTo(JSON.readTree(BID_V2_WITH_DEFAULT));
    }

    @Test
    void shouldRejectWithConflictWhenANewSchemaBreaksBackwardCompatibility() throws Exception {
        // given: the fixture sets the registry-wide level to BACKWARD
        assertThat(get("/config").body().get("compatibilityLevel").asText()).isEqualTo("BACKWARD");
        register(subject, BID_V1);

        // when
        Reply incompatible = register(subject, BID_V2_WITHOUT_DEFAULT);

        // then
        assertThat(incompatible.statusCode()).isEqualTo(409);
        assertThat(get("/subjects/" + subject + "/versions").body()).hasSize(1);
    }

    private Reply register(String subject, String schema) throws IOException, InterruptedException {
        String body = JSON.writeValueAsString(JSON.createObjectNode().put("schema", schema));
        return send(HttpRequest.newBuilder(URI.create(ccompat + "/subjects/" + subject + "/versions"))
                .header("Content-Type", CONTENT_TYPE)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private Reply get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(ccompat + path)).GET());
    }

    private static Reply send(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(request.timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        return new Reply(response.statusCode(),
                response.body().isBlank() ? JSON.nullNode() : JSON.readTree(response.body()));
    }

    /** An HTTP status and the parsed JSON body. */
    private record Reply(int statusCode, JsonNode body) {
    }
}
