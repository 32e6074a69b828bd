package dev.dashmech.platform.broker;

import java.util.Objects;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.dashmech.platform.config.ServiceConfig;

/**
 * The Kafka cluster a service talks to: the one {@code bootstrap.servers} names, or, when it names none, an
 * {@link EmbeddedKafkaBroker} started for the service and stopped by {@link #close()}.
 *
 * <pre>{@code
 * try (KafkaEndpoint kafka = KafkaEndpoint.of(config)) {
 *     Properties props = StreamsApp.streamsProperties("stage-engine", kafka.bootstrapServers(), ...);
 * }
 * }</pre>
 */
public final class KafkaEndpoint implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaEndpoint.class);

    private final String bootstrapServers;
    private final EmbeddedKafkaBroker embedded;

    private KafkaEndpoint(String bootstrapServers, EmbeddedKafkaBroker embedded) {
        this.bootstrapServers = bootstrapServers;
        this.embedded = embedded;
    }

    /** The configured cluster, or a new embedded broker when {@code bootstrap.servers} is unset. */
    public static KafkaEndpoint of(ServiceConfig config) {
        Optional<String> configured = config.bootstrapServers();
        if (configured.isPresent()) {
            return external(configured.get());
        }
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start();
        LOG.info("no bootstrap.servers configured: started an embedded Kafka broker at {}", broker.bootstrapServers());
        return embedded(broker);
    }

    /** An external cluster; closing the endpoint leaves it alone. */
    public static KafkaEndpoint external(String bootstrapServers) {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        return new KafkaEndpoint(bootstrapServers, null);
    }

    /** An embedded broker, owned by the endpoint: closing the endpoint stops it. */
    public static KafkaEndpoint embedded(EmbeddedKafkaBroker broker) {
        Objects.requireNonNull(broker, "broker");
        return new KafkaEndpoint(broker.bootstrapServers(), broker);
    }

    /** {@code bootstrap.servers} for the service's clients. */
    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** The embedded broker, when the endpoint started one. */
    public Optional<EmbeddedKafkaBroker> embeddedBroker() {
        return Optional.ofNullable(embedded);
    }

    /** Stops the embedded broker, if the endpoint owns one. */
    @Override
    public void close() {
        if (embedded != null) {
            embedded.close();
        }
    }

    @Override
    public String toString() {
        return "KafkaEndpoint[" + bootstrapServers + (embedded != null ? ", embedded" : "") + "]";
    }
}
