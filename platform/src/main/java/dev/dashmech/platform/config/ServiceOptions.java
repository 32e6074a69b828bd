package dev.dashmech.platform.config;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.apache.kafka.common.config.ConfigDef;

import picocli.CommandLine.Option;

/**
 * The command-line flags every dashmech service takes, as a picocli mixin ({@code @Mixin ServiceOptions options;}).
 * They are the highest-precedence source of a {@link ServiceConfig}:
 *
 * <pre>
 *   --config FILE                  YAML (*.yaml, *.yml) or *.properties file of settings
 *   --bootstrap-servers HOST:PORT  bootstrap.servers (unset: an embedded broker)
 *   --schema-registry-url URL      schema.registry.url (unset: mock://dashmech)
 *   --metrics-port PORT            metrics.port
 *   --state-dir DIR                state.dir
 *   --set KEY=VALUE                any setting, repeatable (e.g. --set streams.num.stream.threads=2)
 * </pre>
 */
public final class ServiceOptions {

    @Option(names = "--config", paramLabel = "FILE",
            description = "Settings file: YAML (*.yaml, *.yml) or *.properties. Environment variables DASHMECH_<KEY> "
                    + "override it, flags override both.")
    Path configFile;

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT[,...]",
            description = "Kafka brokers (bootstrap.servers). Unset: an embedded broker is started.")
    String bootstrapServers;

    @Option(names = "--schema-registry-url", paramLabel = "URL",
            description = "Schema registry URL (schema.registry.url). Unset: the in-process mock://dashmech.")
    String schemaRegistryUrl;

    @Option(names = "--metrics-port", paramLabel = "PORT",
            description = "Port of /metrics and /health on 127.0.0.1 (metrics.port); 0 picks a free one.")
    Integer metricsPort;

    @Option(names = "--state-dir", paramLabel = "DIR",
            description = "Directory of local state, e.g. Kafka Streams stores (state.dir).")
    Path stateDir;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "Any setting, repeatable: a service key, kafka.<client setting> or "
                    + "streams.<streams setting>.")
    Map<String, String> settings = new LinkedHashMap<>();

    /** The {@code --config} file, if given. */
    public Optional<Path> configFile() {
        return Optional.ofNullable(configFile);
    }

    /**
     * The settings given as flags, by key.
     *
     * @throws ServiceConfigException when a key is given both by its own flag and by {@code --set} with two values
     */
    public Map<String, String> flags() {
        Map<String, String> flags = new LinkedHashMap<>(settings);
        putFlag(flags, ServiceConfig.BOOTSTRAP_SERVERS, "--bootstrap-servers", bootstrapServers);
        putFlag(flags, ServiceConfig.SCHEMA_REGISTRY_URL, "--schema-registry-url", schemaRegistryUrl);
        putFlag(flags, ServiceConfig.METRICS_PORT, "--metrics-port",
                metricsPort == null ? null : metricsPort.toString());
        putFlag(flags, ServiceConfig.STATE_DIR, "--state-dir", stateDir == null ? null : stateDir.toString());
        return flags;
    }

    /** {@code builder} with these flags, the config file and the process environment as its sources. */
    public ServiceConfig.Builder applyTo(ServiceConfig.Builder builder) {
        return builder.file(configFile).environment(System.getenv()).flags(flags());
    }

    /** The configuration of a service with {@code serviceKeys} (none for the platform keys only) from these flags. */
    public ServiceConfig load(ConfigDef... serviceKeys) {
        ServiceConfig.Builder builder = ServiceConfig.builder();
        for (ConfigDef keys : serviceKeys) {
            builder.define(keys);
        }
        return applyTo(builder).build();
    }

    private static void putFlag(Map<String, String> flags, String key, String flag, String value) {
        if (value == null) {
            return;
        }
        String viaSet = flags.put(key, value);
        if (viaSet != null && !viaSet.equals(value)) {
            throw new ServiceConfigException(flag + " " + value + " and --set " + key + "=" + viaSet
                    + " disagree; give one of them");
        }
    }
}
