package dev.dashmech.schemas.serde;

import dev.dashmech.schemas.registry.SchemaRegistries;
import dev.dashmech.schemas.registry.SchemaRegistryClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

/**
 * The settings of the dashmech Avro serdes. Keys are Confluent's, so producer and consumer properties
 * written for Confluent's serializers work unchanged; settings a serde does not know are ignored (serdes see
 * the whole client configuration).
 *
 * <table>
 *   <caption>keys</caption>
 *   <tr><td>{@value #SCHEMA_REGISTRY_URL}</td><td>required: {@code http(s)://host:port[/path]}
 *       (comma-separated for failover) or {@code mock://NAME} (in-process, shared by name)</td></tr>
 *   <tr><td>{@value #AUTO_REGISTER_SCHEMAS}</td><td>serializer: register the record's schema under the
 *       subject (default true); when false it must already be registered</td></tr>
 *   <tr><td>{@value #SPECIFIC_AVRO_VALUE_TYPE}, {@value #SPECIFIC_AVRO_KEY_TYPE}</td><td>deserializer: the
 *       generated record class to read into, when the deserializer is created by class name</td></tr>
 *   <tr><td>{@value #BASIC_AUTH_USER_INFO}</td><td>{@code user:password} for HTTP basic auth (or put it in
 *       the URL)</td></tr>
 *   <tr><td>{@value #REQUEST_TIMEOUT_MS}</td><td>timeout of one registry request in ms (default 10000);
 *       dashmech's own key</td></tr>
 *   <tr><td>{@value #KEY_SUBJECT_NAME_STRATEGY}, {@value #VALUE_SUBJECT_NAME_STRATEGY}</td><td>only
 *       TopicNameStrategy ({@code <topic>-key}, {@code <topic>-value}) is supported; any other value is an
 *       error</td></tr>
 * </table>
 */
public final class AvroSerdeConfig extends AbstractConfig {

    public static final String SCHEMA_REGISTRY_URL = "schema.registry.url";
    public static final String AUTO_REGISTER_SCHEMAS = "auto.register.schemas";
    public static final String SPECIFIC_AVRO_KEY_TYPE = "specific.avro.key.type";
    public static final String SPECIFIC_AVRO_VALUE_TYPE = "specific.avro.value.type";
    public static final String BASIC_AUTH_USER_INFO = "basic.auth.user.info";
    public static final String REQUEST_TIMEOUT_MS = "schema.registry.request.timeout.ms";
    public static final String KEY_SUBJECT_NAME_STRATEGY = "key.subject.name.strategy";
    public static final String VALUE_SUBJECT_NAME_STRATEGY = "value.subject.name.strategy";

    /** Confluent's class name for the only subject naming this project uses. */
    public static final String TOPIC_NAME_STRATEGY = "io.confluent.kafka.serializers.subject.TopicNameStrategy";

    private static final ConfigDef DEFINITION = new ConfigDef()
            .define(SCHEMA_REGISTRY_URL, Type.LIST, ConfigDef.NO_DEFAULT_VALUE, Importance.HIGH,
                    "Schema registry URL: http(s)://host:port[/path] (comma-separated for failover) or mock://NAME")
            .define(AUTO_REGISTER_SCHEMAS, Type.BOOLEAN, true, Importance.MEDIUM,
                    "Whether the serializer registers the record's schema under the subject")
            .define(SPECIFIC_AVRO_KEY_TYPE, Type.CLASS, null, Importance.MEDIUM,
                    "Generated Avro class the key deserializer reads into")
            .define(SPECIFIC_AVRO_VALUE_TYPE, Type.CLASS, null, Importance.MEDIUM,
                    "Generated Avro class the value deserializer reads into")
            .define(BASIC_AUTH_USER_INFO, Type.PASSWORD, null, Importance.MEDIUM,
                    "user:password for HTTP basic authentication to the registry")
            .define(REQUEST_TIMEOUT_MS, Type.LONG, SchemaRegistries.DEFAULT_REQUEST_TIMEOUT.toMillis(),
                    ConfigDef.Range.atLeast(1), Importance.LOW, "Timeout of one registry request in milliseconds")
            .define(KEY_SUBJECT_NAME_STRATEGY, Type.STRING, TOPIC_NAME_STRATEGY, Importance.LOW,
                    "Subject naming for keys; only TopicNameStrategy is supported")
            .define(VALUE_SUBJECT_NAME_STRATEGY, Type.STRING, TOPIC_NAME_STRATEGY, Importance.LOW,
                    "Subject naming for values; only TopicNameStrategy is supported");

    /**
     * Reads and checks the settings.
     *
     * @throws ConfigException naming the key and the bad value
     */
    public AvroSerdeConfig(Map<String, ?> configs) {
        super(DEFINITION, configs, false);
        for (String key : List.of(KEY_SUBJECT_NAME_STRATEGY, VALUE_SUBJECT_NAME_STRATEGY)) {
            String strategy = getString(key);
            if (!TOPIC_NAME_STRATEGY.equals(strategy) && !"TopicNameStrategy".equals(strategy)) {
                throw new ConfigException(key, strategy, "only " + TOPIC_NAME_STRATEGY
                        + " (subjects <topic>-key and <topic>-value) is supported");
            }
        }
        if (getList(SCHEMA_REGISTRY_URL).isEmpty()) {
            throw new ConfigException(SCHEMA_REGISTRY_URL, "",
                    "set it to http(s)://host:port[/path] or mock://NAME");
        }
    }

    /** The configuration's definition, e.g. to print the accepted keys. */
    public static ConfigDef definition() {
        return DEFINITION;
    }

    /** The registry URL(s) as one comma-separated string. */
    public String registryUrl() {
        return String.join(",", getList(SCHEMA_REGISTRY_URL));
    }

    public boolean autoRegisterSchemas() {
        return getBoolean(AUTO_REGISTER_SCHEMAS);
    }

    /** The configured record class for keys or values, or null when not configured. */
    public Class<?> specificType(boolean isKey) {
        return getClass(isKey ? SPECIFIC_AVRO_KEY_TYPE : SPECIFIC_AVRO_VALUE_TYPE);
    }

    public Duration requestTimeout() {
        return Duration.ofMillis(getLong(REQUEST_TIMEOUT_MS));
    }

    /** A registry client for these settings ({@link SchemaRegistries#connect(String, Duration, String)}). */
    public SchemaRegistryClient connectRegistry() {
        Password userInfo = getPassword(BASIC_AUTH_USER_INFO);
        return SchemaRegistries.connect(registryUrl(), requestTimeout(), userInfo == null ? null : userInfo.value());
    }
}
