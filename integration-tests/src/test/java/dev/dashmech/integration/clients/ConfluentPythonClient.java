package dev.dashmech.integration.clients;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The Confluent Python client ({@code confluent_kafka} 1.7.0 from Debian, with fastavro from {@code .ci/pydeps})
 * producing and consuming Avro records with its own {@code AvroSerializer} / {@code AvroDeserializer} and
 * {@code SchemaRegistryClient}, through the script {@code python/confluent_avro_client.py} of the test resources.
 *
 * <p>Records cross the process boundary in Avro's standard JSON encoding (what Java's
 * {@code org.apache.avro.io.JsonEncoder} writes), so values can be compared exactly on both sides.
 */
public final class ConfluentPythonClient {

    /** Debian's interpreter: the one {@code python3-confluent-kafka} is installed for (not pyenv's). */
    static final Path PYTHON = Path.of("/usr/bin/python3");
    private static final String REPO_ROOT_PROPERTY = "dashmech.repo.root";
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path script;
    private final Map<String, String> environment;

    private ConfluentPythonClient(Path script, Map<String, String> environment) {
        this.script = script;
        this.environment = environment;
    }

    /**
     * The client, if {@code /usr/bin/python3} can import {@code confluent_kafka.schema_registry.avro}; otherwise
     * the calling test is skipped, or failed under {@code CI=true} ({@link ExternalClients}).
     */
    public static ConfluentPythonClient require() {
        Path pydeps = repoRoot().resolve(".ci").resolve("pydeps");
        Map<String, String> environment = Map.of("PYTHONPATH", pydeps.toString(), "PYTHONDONTWRITEBYTECODE", "1");
        if (!Files.isExecutable(PYTHON)) {
            ExternalClients.require(false, "The Confluent Python client", PYTHON + " does not exist");
        }
        ExternalProcess.Result probe = ExternalProcess.run(
                List.of(PYTHON.toString(), "-c", "import confluent_kafka.schema_registry.avro, fastavro"),
                environment, "", PROBE_TIMEOUT);
        ExternalClients.require(probe.exitCode() == 0, "The Confluent Python client",
                "PYTHONPATH=" + pydeps + " " + PYTHON + ": " + lastLine(probe.stderr()));
        return new ConfluentPythonClient(script(), environment);
    }

    /**
     * Produces {@code records} (each in Avro JSON encoding of {@code schema}) to {@code topic} with the Confluent
     * {@code AvroSerializer}, which registers the schema under {@code <topic>-value}; the key of each record is
     * the string value of its field {@code keyField}. Returns when all are acknowledged ({@code acks=all}).
     */
    public void produce(String bootstrap, String registryUrl, String topic, String schema, String keyField,
            List<String> records, Duration timeout) {
        List<String> command = List.of(PYTHON.toString(), script.toString(), "produce",
                "--bootstrap", bootstrap, "--registry", registryUrl, "--topic", topic,
                "--schema", schema, "--key-field", keyField, "--timeout-s", seconds(timeout));
        ExternalProcess.Result result = ExternalProcess.run(command, environment,
                String.join("\n", records) + "\n", timeout.plusSeconds(15)).requireSuccess();
        int delivered = Integer.parseInt(result.stdoutText().strip());
        if (delivered != records.size()) {
            throw new AssertionError("Python producer delivered " + delivered + " of " + records.size() + " records");
        }
    }

    /**
     * Reads {@code count} records from the beginning of {@code topic} with the Confluent {@code AvroDeserializer}
     * (schema fetched from the registry by the id in each record) and returns them in topic order per partition.
     */
    public List<ConsumedRecord> consume(String bootstrap, String registryUrl, String topic, int count,
            Duration timeout) {
        List<String> command = List.of(PYTHON.toString(), script.toString(), "consume",
                "--bootstrap", bootstrap, "--registry", registryUrl, "--topic", topic,
                "--count", Integer.toString(count), "--timeout-s", seconds(timeout));
        ExternalProcess.Result result =
                ExternalProcess.run(command, environment, "", timeout.plusSeconds(15)).requireSuccess();
        List<ConsumedRecord> records = new ArrayList<>();
        for (String line : result.stdoutText().split("\n")) {
            if (!line.isBlank()) {
                records.add(ConsumedRecord.parse(line));
            }
        }
        return records;
    }

    /**
     * One record as the Python consumer saw it.
     *
     * @param key      the record key (UTF-8 string), or null
     * @param schemaId the registry id in the record's Confluent header
     * @param value    the deserialized value in Avro JSON encoding, written with the record's writer schema
     */
    public record ConsumedRecord(String key, int schemaId, JsonNode value) {

        static ConsumedRecord parse(String line) {
            try {
                JsonNode node = JSON.readTree(line);
                return new ConsumedRecord(node.get("key").isNull() ? null : node.get("key").asText(),
                        node.get("schemaId").asInt(), node.get("value"));
            } catch (JsonProcessingException e) {
                throw new AssertionError("Python consumer printed a line that is not JSON: " + line, e);
            }
        }
    }

    private static Path script() {
        URL url = ConfluentPythonClient.class.getResource("/python/confluent_avro_client.py");
        if (url == null) {
            throw new IllegalStateException("python/confluent_avro_client.py is missing from the test resources");
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("Bad resource URL " + url, e);
        }
    }

    private static Path repoRoot() {
        String root = System.getProperty(REPO_ROOT_PROPERTY);
        // outside Maven (an IDE) the working directory is usually the integration-tests module
        return (root != null ? Path.of(root) : Path.of("..")).toAbsolutePath().normalize();
    }

    private static String seconds(Duration timeout) {
        return Long.toString(Math.max(1, timeout.toSeconds()));
    }

    private static String lastLine(String text) {
        String[] lines = text.strip().split("\n");
        return lines[lines.length - 1];
    }
}
