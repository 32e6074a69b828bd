package dev.dashmech.platform.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;
import org.apache.kafka.common.utils.Utils;

import dev.dashmech.platform.config.internal.ConfigFiles;
import dev.dashmech.platform.config.internal.PassthroughKeys;

/**
 * The configuration of a dashmech service, read the same way by every service: defaults, then a config file, then
 * environment variables, then command-line flags, each overriding the one before.
 *
 * <h2>Keys</h2>
 * Dotted lower-case keys, declared with Kafka's {@link ConfigDef} (type, default, validator, documentation): the
 * platform's keys ({@link #platformKeys()}: {@value #BOOTSTRAP_SERVERS}, {@value #SCHEMA_REGISTRY_URL},
 * {@value #METRICS_PORT}, {@value #STATE_DIR}) plus each service's own ({@link Builder#define}). Two prefixes pass
 * settings through to Kafka:
 * <ul>
 *   <li>{@value #KAFKA_PREFIX}{@code <client setting>}: to every Kafka client of the service (producer, consumer,
 *       admin), e.g. {@code kafka.security.protocol=SSL};</li>
 *   <li>{@value #STREAMS_PREFIX}{@code <streams setting>}: to the service's Kafka Streams application, including
 *       Streams' own prefixes, e.g. {@code streams.num.stream.threads=2},
 *       {@code streams.producer.linger.ms=20}, {@code streams.topic.min.insync.replicas=2}.</li>
 * </ul>
 * Any other key is an error that names it, and so is a passthrough key Kafka does not know (Kafka would ignore it
 * silently). {@code bootstrap.servers} cannot be passed through: it is a platform key.
 *
 * <h2>Sources, lowest precedence first</h2>
 * <ol>
 *   <li>defaults: the key's default, or a service default ({@link Builder#serviceDefault});</li>
 *   <li>a config file ({@link Builder#file}): YAML ({@code *.yaml}, {@code *.yml}; nested mappings join their keys
 *       with dots, lists become comma-separated values) or Java properties ({@code *.properties});</li>
 *   <li>environment variables ({@link Builder#environment}): {@value #ENV_PREFIX} followed by the key in upper case
 *       with {@code _} for {@code .}: {@code DASHMECH_BOOTSTRAP_SERVERS} sets {@code bootstrap.servers},
 *       {@code DASHMECH_SCHEMA_REGISTRY_URL} sets {@code schema.registry.url},
 *       {@code DASHMECH_KAFKA_SECURITY_PROTOCOL} sets {@code kafka.security.protocol}. Every {@code DASHMECH_}
 *       variable must map to a known key (a mistyped variable is an error, not a silently embedded broker). Keys
 *       holding {@code _} or {@code -} cannot be set this way;</li>
 *   <li>command-line flags ({@link Builder#flags}, e.g. from {@link ServiceOptions}).</li>
 * </ol>
 * An empty value (e.g. {@code DASHMECH_BOOTSTRAP_SERVERS=}) unsets the key, so its default applies.
 *
 * <h2>Embedded defaults</h2>
 * Without {@code bootstrap.servers} a service runs against an embedded broker
 * ({@link dev.dashmech.platform.broker.KafkaEndpoint}); without {@code schema.registry.url} it uses the in-process
 * registry {@value #EMBEDDED_SCHEMA_REGISTRY_URL}.
 */
public final class ServiceConfig {

    /** Kafka's {@code host:port[,host:port...]}; unset means: start an embedded broker. */
    public static final String BOOTSTRAP_SERVERS = "bootstrap.servers";
    /** The schema registry (Confluent REST API) URL(s), or {@code mock://NAME} for an in-process registry. */
    public static final String SCHEMA_REGISTRY_URL = "schema.registry.url";
    /** The port of the metrics and health endpoint on 127.0.0.1; 0 means a free port chosen at start. */
    public static final String METRICS_PORT = "metrics.port";
    /** The directory of the service's local state (Kafka Streams stores); unset means a temporary directory. */
    public static final String STATE_DIR = "state.dir";
    /** The prefix of settings passed to every Kafka client of a service. */
    public static final String KAFKA_PREFIX = "kafka.";
    /** The prefix of settings passed to a service's Kafka Streams application. */
    public static final String STREAMS_PREFIX = "streams.";
    /** The prefix of the environment variables that set keys. */
    public static final String ENV_PREFIX = "DASHMECH_";
    /** The in-process schema registry used when {@value #SCHEMA_REGISTRY_URL} is not set. */
    public static final String EMBEDDED_SCHEMA_REGISTRY_URL = "mock://dashmech";

    private static final String DEFAULT_ORIGIN = "default";

    private final ConfigDef definition;
    private final Map<String, Object> values;
    private final Map<String, String> kafkaOverrides;
    private final Map<String, String> streamsOverrides;
    private final Map<String, String> origins;

    private ServiceConfig(ConfigDef definition, Map<String, Object> values, Map<String, String> kafkaOverrides,
            Map<String, String> streamsOverrides, Map<String, String> origins) {
        this.definition = definition;
        this.values = values;
        this.kafkaOverrides = kafkaOverrides;
        this.streamsOverrides = streamsOverrides;
        this.origins = origins;
    }

    /** The platform's keys, which every service has. A new {@link ConfigDef} on each call. */
    public static ConfigDef platformKeys() {
        return new ConfigDef()
                .define(BOOTSTRAP_SERVERS, Type.STRING, null, ServiceConfig::checkBootstrapServers, Importance.HIGH,
                        "Kafka brokers, host:port[,host:port...]. Unset: the service starts an embedded broker.")
                .define(SCHEMA_REGISTRY_URL, Type.STRING, EMBEDDED_SCHEMA_REGISTRY_URL,
                        ServiceConfig::checkSchemaRegistryUrl, Importance.HIGH,
                        "Schema registry (Confluent REST API) URL, http(s)://host:port[,...], or mock://NAME for "
                                + "an in-process registry.")
                .define(METRICS_PORT, Type.INT, 0, ConfigDef.Range.between(0, 65535), Importance.MEDIUM,
                        "Port of the /metrics (Prometheus) and /health endpoint on 127.0.0.1; 0 picks a free port.")
                .define(STATE_DIR, Type.STRING, null, ServiceConfig::checkNotBlank, Importance.MEDIUM,
                        "Directory of the service's local state (Kafka Streams state stores). Unset: a "
                                + "temporary directory.");
    }

    /** A builder: declare the service's keys and sources, then {@link Builder#build()}. */
    public static Builder builder() {
        return new Builder();
    }

    /** The environment variable that sets {@code key}: {@code DASHMECH_} + upper case, {@code _} for {@code .}. */
    public static String environmentVariable(String key) {
        return ENV_PREFIX + key.toUpperCase(Locale.ROOT).replace('.', '_');
    }

    /** {@value #BOOTSTRAP_SERVERS}, or empty when the service should start an embedded broker. */
    public Optional<String> bootstrapServers() {
        return Optional.ofNullable((String) values.get(BOOTSTRAP_SERVERS));
    }

    /** {@value #SCHEMA_REGISTRY_URL}; {@value #EMBEDDED_SCHEMA_REGISTRY_URL} unless configured. */
    public String schemaRegistryUrl() {
        return (String) values.get(SCHEMA_REGISTRY_URL);
    }

    /** Whether the schema registry is an in-process one ({@code mock://}). */
    public boolean usesInProcessSchemaRegistry() {
        return schemaRegistryUrl().startsWith("mock://");
    }

    /** {@value #METRICS_PORT}: 0 for a free port. */
    public int metricsPort() {
        return (Integer) values.get(METRICS_PORT);
    }

    /** {@value #STATE_DIR}, or empty for a temporary directory. */
    public Optional<Path> stateDir() {
        return Optional.ofNullable((String) values.get(STATE_DIR)).map(Path::of);
    }

    /** The {@value #KAFKA_PREFIX} settings without their prefix, for every Kafka client of the service. */
    public Map<String, String> kafkaOverrides() {
        return kafkaOverrides;
    }

    /**
     * The properties of a Kafka client (producer, consumer, admin) of the service: {@code bootstrap.servers} (the
     * configured one, or {@code bootstrapServers} of the embedded broker when none is configured), then the
     * {@value #KAFKA_PREFIX} settings. A new mutable map, to which the client's own settings are added.
     */
    public Map<String, Object> clientProperties(String bootstrapServers) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put(BOOTSTRAP_SERVERS, bootstrapServers().orElse(Objects.requireNonNull(bootstrapServers,
                "bootstrapServers")));
        properties.putAll(kafkaOverrides);
        return properties;
    }

    /**
     * The settings for the service's Kafka Streams application: the {@value #KAFKA_PREFIX} settings, then the
     * {@value #STREAMS_PREFIX} settings (which win), without their prefixes.
     */
    public Map<String, String> streamsOverrides() {
        Map<String, String> merged = new LinkedHashMap<>(kafkaOverrides);
        merged.putAll(streamsOverrides);
        return Collections.unmodifiableMap(merged);
    }

    /** The value of a STRING key, or empty when it is unset. */
    public Optional<String> findString(String key) {
        return Optional.ofNullable(typed(key, Type.STRING, Type.PASSWORD)).map(ServiceConfig::text);
    }

    /** The value of a STRING key; it must be set (have a default or a value). */
    public String getString(String key) {
        return text(required(key, Type.STRING, Type.PASSWORD));
    }

    /** The value of an INT key. */
    public int getInt(String key) {
        return (Integer) required(key, Type.INT);
    }

    /** The value of a LONG key. */
    public long getLong(String key) {
        return (Long) required(key, Type.LONG);
    }

    /** The value of a DOUBLE key. */
    public double getDouble(String key) {
        return (Double) required(key, Type.DOUBLE);
    }

    /** The value of a BOOLEAN key. */
    public boolean getBoolean(String key) {
        return (Boolean) required(key, Type.BOOLEAN);
    }

    /** The value of a LIST key (comma-separated in files, variables and flags). */
    @SuppressWarnings("unchecked")
    public List<String> getList(String key) {
        return List.copyOf((List<String>) required(key, Type.LIST));
    }

    /** The value of a LONG key holding milliseconds (named {@code *.ms} by Kafka's convention), as a duration. */
    public Duration getDuration(String key) {
        return Duration.ofMillis(getLong(key));
    }

    /** Where the value of {@code key} came from: "default", "config file F", "environment variable V", "flag". */
    public String origin(String key) {
        return origins.getOrDefault(key, DEFAULT_ORIGIN);
    }

    /** Whether {@code key} is one of this configuration's keys (passthrough keys are not). */
    public boolean defines(String key) {
        return definition.configKeys().containsKey(key);
    }

    /**
     * Every key with its value and origin, one per line, sorted; passwords and passthrough values whose key
     * mentions a password, secret, or JAAS configuration are masked. For a service's startup log.
     */
    public String describe() {
        Map<String, String> lines = new TreeMap<>();
        for (ConfigDef.ConfigKey key : definition.configKeys().values()) {
            Object value = values.get(key.name);
            String shown = value == null ? "(unset)" : key.type == Type.PASSWORD ? "[hidden]" : format(value);
            lines.put(key.name, shown + "  (" + origin(key.name) + ")");
        }
        kafkaOverrides.forEach((key, value) -> lines.put(KAFKA_PREFIX + key, mask(key, value) + "  ("
                + origin(KAFKA_PREFIX + key) + ")"));
        streamsOverrides.forEach((key, value) -> lines.put(STREAMS_PREFIX + key, mask(key, value) + "  ("
                + origin(STREAMS_PREFIX + key) + ")"));
        StringBuilder text = new StringBuilder();
        lines.forEach((key, line) -> text.append(key).append(" = ").append(line).append('\n'));
        return text.toString();
    }

    @Override
    public String toString() {
        return "ServiceConfig{\n" + describe() + "}";
    }

    private Object required(String key, Type... types) {
        Object value = typed(key, types);
        if (value == null) {
            throw new IllegalStateException("setting '" + key + "' has no value and no default; set it in the config "
                    + "file, with " + environmentVariable(key) + ", or with --set " + key + "=VALUE");
        }
        return value;
    }

    private Object typed(String key, Type... types) {
        ConfigDef.ConfigKey configKey = definition.configKeys().get(key);
        if (configKey == null) {
            throw new IllegalArgumentException("'" + key + "' is not a key of this configuration; define it with "
                    + "ServiceConfig.builder().define(...) (keys: " + new TreeSet<>(definition.names()) + ")");
        }
        if (!List.of(types).contains(configKey.type)) {
            throw new IllegalArgumentException("setting '" + key + "' is of type " + configKey.type + ", not "
                    + types[0]);
        }
        return values.get(key);
    }

    private static String text(Object value) {
        return value instanceof Password password ? password.value() : (String) value;
    }

    private static String format(Object value) {
        return value instanceof List<?> list ? String.join(",", list.stream().map(String::valueOf).toList())
                : String.valueOf(value);
    }

    private static String mask(String key, String value) {
        String lower = key.toLowerCase(Locale.ROOT);
        return lower.contains("password") || lower.contains("secret") || lower.contains("jaas") ? "[hidden]" : value;
    }

    private static void checkBootstrapServers(String name, Object value) {
        if (value == null) {
            return;
        }
        for (String address : value.toString().split(",", -1)) {
            String trimmed = address.strip();
            String host = Utils.getHost(trimmed);
            Integer port = Utils.getPort(trimmed);
            if (host == null || host.isEmpty() || port == null || port < 1 || port > 65535) {
                throw new ConfigException(name, value, "'" + trimmed + "' is not host:port; give the brokers as "
                        + "host:port[,host:port...], e.g. 127.0.0.1:9092, or unset it for an embedded broker");
            }
        }
    }

    private static void checkSchemaRegistryUrl(String name, Object value) {
        if (value == null) {
            return;
        }
        String text = value.toString().strip();
        if (text.startsWith("mock://")) {
            if (text.length() == "mock://".length() || text.contains(",")) {
                throw new ConfigException(name, value, "an in-process registry is one mock://NAME, e.g. "
                        + EMBEDDED_SCHEMA_REGISTRY_URL);
            }
            return;
        }
        for (String url : text.split(",", -1)) {
            try {
                URI uri = new URI(url.strip());
                if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                    throw new ConfigException(name, value, "'" + url.strip() + "' is not an http(s)://host[:port] "
                            + "URL; give http(s) URLs separated by commas, or mock://NAME");
                }
            } catch (URISyntaxException e) {
                throw new ConfigException(name, value, "'" + url.strip() + "' is not a URL: " + e.getReason());
            }
        }
    }

    private static void checkNotBlank(String name, Object value) {
        if (value != null && value.toString().isBlank()) {
            throw new ConfigException(name, value, "must not be blank");
        }
    }

    /** Collects the keys and sources of a {@link ServiceConfig}; the order of calls does not matter. */
    public static final class Builder {

        private final List<ConfigDef> serviceKeys = new ArrayList<>();
        private final Map<String, Object> serviceDefaults = new LinkedHashMap<>();
        private Path file;
        private Map<String, String> environment = Map.of();
        private Map<String, String> flags = Map.of();

        private Builder() {
        }

        /** Adds a service's own keys; a key the platform (or an earlier definition) has is an error. */
        public Builder define(ConfigDef keys) {
            serviceKeys.add(Objects.requireNonNull(keys, "keys"));
            return this;
        }

        /**
         * Replaces the default of {@code key} for this service (e.g. its own {@code metrics.port}); any source
         * overrides it. Passthrough keys ({@code kafka.*}, {@code streams.*}) may have service defaults too.
         */
        public Builder serviceDefault(String key, Object value) {
            serviceDefaults.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value of " + key));
            return this;
        }

        /** The config file to read, or {@code null} for none. */
        public Builder file(Path file) {
            this.file = file;
            return this;
        }

        /** The environment to read {@code DASHMECH_*} variables from (others are ignored); usually System.getenv(). */
        public Builder environment(Map<String, String> environment) {
            this.environment = Map.copyOf(Objects.requireNonNull(environment, "environment"));
            return this;
        }

        /** The settings given on the command line, by key. */
        public Builder flags(Map<String, String> flags) {
            this.flags = Map.copyOf(Objects.requireNonNull(flags, "flags"));
            return this;
        }

        /**
         * Reads the sources, checks every key and value, and returns the configuration.
         *
         * @throws ServiceConfigException naming the key, value and source of the first problem found
         */
        public ServiceConfig build() {
            ConfigDef definition = platformKeys();
            for (ConfigDef keys : serviceKeys) {
                for (ConfigDef.ConfigKey key : keys.configKeys().values()) {
                    if (definition.configKeys().containsKey(key.name)) {
                        throw new IllegalArgumentException("key '" + key.name + "' is defined twice (the platform "
                                + "keys are " + platformKeys().names() + ")");
                    }
                    definition.define(key);
                }
            }
            Map<String, String> raw = new LinkedHashMap<>();
            Map<String, String> origins = new LinkedHashMap<>();
            serviceDefaults.forEach((key, value) -> {
                if (!definition.configKeys().containsKey(key) && !isPassthrough(key)) {
                    throw new IllegalArgumentException("service default for unknown key '" + key + "'");
                }
                put(raw, origins, key, format(value), "service default");
            });
            if (file != null) {
                String origin = "config file " + file;
                ConfigFiles.read(file).forEach((key, value) -> put(raw, origins, key, value, origin));
            }
            new TreeMap<>(environment).forEach((variable, value) -> {
                if (variable.startsWith(ENV_PREFIX)) {
                    String key = variable.substring(ENV_PREFIX.length()).toLowerCase(Locale.ROOT).replace('_', '.');
                    if (key.isEmpty()) {
                        throw new ServiceConfigException("environment variable " + variable + " names no key; use "
                                + ENV_PREFIX + "KEY_IN_UPPER_CASE, e.g. " + environmentVariable(BOOTSTRAP_SERVERS));
                    }
                    put(raw, origins, key, value, "environment variable " + variable);
                }
            });
            flags.forEach((key, value) -> put(raw, origins, key, value, "flag"));

            Map<String, String> kafka = new LinkedHashMap<>();
            Map<String, String> streams = new LinkedHashMap<>();
            for (Map.Entry<String, String> setting : raw.entrySet()) {
                String key = setting.getKey();
                if (definition.configKeys().containsKey(key)) {
                    continue;
                }
                String origin = origins.get(key);
                if (key.startsWith(KAFKA_PREFIX)) {
                    String clientKey = key.substring(KAFKA_PREFIX.length());
                    PassthroughKeys.checkClientKey(clientKey).ifPresent(problem -> {
                        throw new ServiceConfigException("unknown setting '" + key + "' (" + origin + "): " + problem);
                    });
                    kafka.put(clientKey, setting.getValue());
                } else if (key.startsWith(STREAMS_PREFIX)) {
                    String streamsKey = key.substring(STREAMS_PREFIX.length());
                    PassthroughKeys.checkStreamsKey(streamsKey).ifPresent(problem -> {
                        throw new ServiceConfigException("unknown setting '" + key + "' (" + origin + "): " + problem);
                    });
                    streams.put(streamsKey, setting.getValue());
                } else {
                    throw new ServiceConfigException("unknown setting '" + key + "' (" + origin + "); the known "
                            + "settings are " + new TreeSet<>(definition.names()) + ", plus Kafka client settings "
                            + "under '" + KAFKA_PREFIX + "' and Kafka Streams settings under '" + STREAMS_PREFIX
                            + "'" + (origin.startsWith("environment") ? "; unset the variable" : ""));
                }
            }

            Map<String, Object> values = new LinkedHashMap<>();
            for (ConfigDef.ConfigKey key : definition.configKeys().values()) {
                String value = raw.get(key.name);
                if (value == null) {
                    if (!key.hasDefault()) {
                        throw new ServiceConfigException("setting '" + key.name + "' is required: " + key.documentation
                                + " Set it in the config file, with " + environmentVariable(key.name)
                                + ", or with --set " + key.name + "=VALUE");
                    }
                    values.put(key.name, key.defaultValue);
                    continue;
                }
                String origin = origins.get(key.name);
                try {
                    Object parsed = ConfigDef.parseType(key.name, value, key.type);
                    if (key.validator != null) {
                        key.validator.ensureValid(key.name, parsed);
                    }
                    values.put(key.name, parsed);
                } catch (ConfigException e) {
                    throw new ServiceConfigException("invalid value '" + value + "' for '" + key.name + "' (" + origin
                            + "): " + reason(e, key.name) + (key.documentation == null ? "" : " " + key.documentation),
                            e);
                }
            }
            Map<String, String> keptOrigins = new LinkedHashMap<>(origins);
            return new ServiceConfig(definition, Collections.unmodifiableMap(values),
                    Collections.unmodifiableMap(kafka), Collections.unmodifiableMap(streams),
                    Collections.unmodifiableMap(keptOrigins));
        }

        // Kafka's messages read "Invalid value V for configuration K: REASON"; ours name value and key already
        private static String reason(ConfigException e, String key) {
            String message = String.valueOf(e.getMessage());
            String marker = "for configuration " + key + ": ";
            int at = message.indexOf(marker);
            String reason = at < 0 ? message : message.substring(at + marker.length());
            return reason.endsWith(".") ? reason : reason + ".";
        }

        private static boolean isPassthrough(String key) {
            return key.startsWith(KAFKA_PREFIX) || key.startsWith(STREAMS_PREFIX);
        }

        // an empty value unsets the key: the default (or a lower source's value is dropped too)
        private static void put(Map<String, String> raw, Map<String, String> origins, String key, String value,
                String origin) {
            if (value == null || value.isBlank()) {
                raw.remove(key);
                origins.put(key, origin + " (unset)");
            } else {
                raw.put(key, value.strip());
                origins.put(key, origin);
            }
        }
    }
}
