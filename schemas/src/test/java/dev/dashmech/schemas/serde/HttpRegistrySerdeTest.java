package dev.dashmech.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dashmech.schemas.avro.Bid;
import dev.dashmech.schemas.avro.SampleRecords;
import dev.dashmech.schemas.registry.CannedRegistryServer;
import dev.dashmech.schemas.registry.CannedRegistryServer.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;

/** The serdes configured with an http URL that has a path, as for Apicurio's ccompat API. */
class HttpRegistrySerdeTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void shouldRoundTripThroughARegistryReachedOverHttp() throws IOException {
        // given a server that keeps what is registered and serves it by id
        Map<Integer, String> schemas = new ConcurrentHashMap<>();
        try (CannedRegistryServer server = new CannedRegistryServer()) {
            server.answer(r -> {
                String path = r.rawPathAndQuery();
                if (r.method().equals("POST") && path.endsWith("/subjects/bids-value/versions")) {
                    schemas.put(21, readSchema(r.body()));
                    return Response.json(200, "{\"id\": 21}");
                }
                if (r.method().equals("GET") && path.endsWith("/schemas/ids/21")) {
                    return Response.json(200, JSON.createObjectNode().put("schema", schemas.get(21)).toString());
                }
                return Response.json(404, "{\"error_code\": 40403, \"message\": \"not found\"}");
            });
            Serde<Bid> serde = AvroSerdes.specific(Bid.class,
                    Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, server.url()), false);

            // when a bid is written and read
            byte[] bytes = serde.serializer().serialize("bids", SampleRecords.bid());
            Bid back = serde.deserializer().deserialize("bids", bytes);

            // then it round-trips with the id the server gave, one register and one lookup
            assertThat(back).isEqualTo(SampleRecords.bid());
            assertThat(ConfluentWireFormat.schemaId(bytes)).isEqualTo(21);
            assertThat(server.requests()).extracting(CannedRegistryServer.Request::rawPathAndQuery).containsExactly(
                    CannedRegistryServer.BASE_PATH + "/subjects/bids-value/versions",
                    CannedRegistryServer.BASE_PATH + "/schemas/ids/21");
        }
    }

    private static String readSchema(String body) {
        try {
            return JSON.readTree(body).get("schema").asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
