package dev.dashmech.platform.broker;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.dashmech.platform.broker.internal.Directories;
import dev.dashmech.platform.broker.internal.KraftNode;
import dev.dashmech.platform.broker.internal.LoopbackPorts;
import dev.dashmech.platform.broker.internal.PropertiesFiles;
import dev.dashmech.platform.broker.internal.SingleNodeProperties;
import dev.dashmech.platform.broker.internal.StorageFormatter;
import dev.dashmech.schemas.topic.TopicProvisioner;
import dev.dashmech.schemas.topic.TopicProvisioningException;

/**
 * A real one-node Kafka cluster (KRaft, broker and controller combined) running inside this JVM on free 127.0.0.1
 * ports, with its data in a temporary directory that {@link #close()} deletes. Transactions, consumer groups and
 * therefore {@code exactly_once_v2} Kafka Streams applications work on it.
 *
 * <p>For tests and the embedded default of every service (no {@code bootstrap.servers} configured):
 *
 * <pre>{@code
 * try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start()) {
 *     broker.createTopics(4, "bids", "auctions");
 *     producerProps.put("bootstrap.servers", broker.bootstrapServers());
 *     ...
 * }
 * }</pre>
 *
 * <p>Topics are not created automatically ({@code auto.create.topics.enable=false}): create them with
 * {@link #createTopics} or an Admin client, or turn it on with {@link Builder#brokerProperty}.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

    /** How long {@link #start()} waits for the broker by default; generous, as the machine may be shared. */
    public static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(90);
    /** How long {@link #createTopics} waits for the topics and their partition leaders. */
    public static final Duration TOPIC_TIMEOUT = Duration.ofSeconds(30);

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);
    private static final int PORT_ATTEMPTS = 3;

    private final KraftNode node;
    private final Path dataDirectory;
    private final AtomicBoolean closed = new AtomicBoolean();

    private EmbeddedKafkaBroker(KraftNode node, Path dataDirectory) {
        this.node = node;
        this.dataDirectory = dataDirectory;
    }

    /** Starts a broker with the default settings and waits until it is ready. */
    public static EmbeddedKafkaBroker start() {
        return builder().start();
    }

    /** A builder for a broker with extra broker properties or another start timeout. */
    public static Builder builder() {
        return new Builder();
    }

    /** {@code 127.0.0.1:port} of the broker, for {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return node.bootstrapServers();
    }

    /** A new map holding only {@code bootstrap.servers}, to which a client's own settings are added. */
    public Map<String, Object> clientProperties() {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        return properties;
    }

    /** A new Admin client on this broker; the caller closes it. */
    public Admin createAdmin() {
        return Admin.create(clientProperties());
    }

    /** The temporary directory holding the broker's logs (deleted by {@link #close()}). */
    public Path dataDirectory() {
        return dataDirectory;
    }

    /** Creates topics of {@code partitions} partitions each (replication factor 1); see {@link #createTopics}. */
    public void createTopics(int partitions, String... names) {
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be at least 1, got " + partitions);
        }
        List<NewTopic> topics = new ArrayList<>();
        for (String name : names) {
            topics.add(new NewTopic(Objects.requireNonNull(name, "topic name"), partitions, (short) 1));
        }
        createTopics(topics);
    }

    /**
     * Creates {@code topics} and waits (at most {@link #TOPIC_TIMEOUT}) until every partition has a leader that
     * answers for it ({@link TopicProvisioner#awaitServed}), so that clients can use them at once.
     *
     * @throws IllegalStateException naming the topic when one cannot be created (for example because it exists)
     */
    public void createTopics(Collection<NewTopic> topics) {
        if (topics.isEmpty()) {
            return;
        }
        long deadline = System.nanoTime() + TOPIC_TIMEOUT.toNanos();
        try (Admin admin = createAdmin()) {
            for (var entry : admin.createTopics(topics).values().entrySet()) {
                try {
                    entry.getValue().get(remainingMillis(deadline), TimeUnit.MILLISECONDS);
                } catch (ExecutionException e) {
                    throw new IllegalStateException("could not create topic '" + entry.getKey() + "' on "
                            + bootstrapServers() + ": " + e.getCause().getMessage(), e.getCause());
                }
            }
            TopicProvisioner.awaitServed(admin, topics.stream().map(NewTopic::name).toList(),
                    Duration.ofMillis(remainingMillis(deadline)));
        } catch (TimeoutException | TopicProvisioningException e) {
            throw new IllegalStateException("topics " + topics.stream().map(NewTopic::name).toList()
                    + " were not ready on " + bootstrapServers() + " within " + TOPIC_TIMEOUT, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics on " + bootstrapServers(), e);
        }
    }

    /** Stops the broker (bounded wait) and deletes its data directory; a second call does nothing. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            node.close();
        } finally {
            try {
                Directories.deleteRecursively(dataDirectory);
            } catch (RuntimeException e) {
                LOG.warn("could not delete the embedded broker's data directory {}", dataDirectory, e);
            }
        }
    }

    @Override
    public String toString() {
        return "EmbeddedKafkaBroker[" + bootstrapServers() + ", " + dataDirectory + "]";
    }

    private static long remainingMillis(long deadline) throws TimeoutException {
        long remaining = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        if (remaining <= 0) {
            throw new TimeoutException("deadline passed");
        }
        return remaining;
    }

    /** Settings of an {@link EmbeddedKafkaBroker} before it starts. */
    public static final class Builder {

        private final Map<String, String> brokerProperties = new LinkedHashMap<>();
        private Duration startTimeout = DEFAULT_START_TIMEOUT;

        private Builder() {
        }

        /**
         * Sets a broker property on top of the single-node defaults (e.g. {@code auto.create.topics.enable=true},
         * {@code num.partitions=4}). Listeners, node id, quorum and log directory are the broker's own: setting
         * them is an error.
         */
        public Builder brokerProperty(String key, Object value) {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(value, "value of " + key);
            if (OWNED_KEYS.contains(key)) {
                throw new IllegalArgumentException("broker property '" + key + "' is set by EmbeddedKafkaBroker itself "
                        + "and cannot be overridden; the broker always listens on free 127.0.0.1 ports in a temp dir");
            }
            brokerProperties.put(key, value.toString());
            return this;
        }

        /** Sets several broker properties; see {@link #brokerProperty}. */
        public Builder brokerProperties(Properties properties) {
            properties.forEach((key, value) -> brokerProperty(key.toString(), value));
            return this;
        }

        /** How long {@link #start()} waits for the broker to be ready (default {@link #DEFAULT_START_TIMEOUT}). */
        public Builder startTimeout(Duration timeout) {
            if (timeout == null || timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("start timeout must be positive, got " + timeout);
            }
            this.startTimeout = timeout;
            return this;
        }

        /**
         * Formats a temporary directory, starts the node and waits until its broker is ready.
         *
         * @throws IllegalStateException when the broker does not start or is not ready within the start timeout
         */
        public EmbeddedKafkaBroker start() {
            IllegalStateException lastFailure = null;
            for (int attempt = 1; attempt <= PORT_ATTEMPTS; attempt++) {
                Path dir = Directories.createTemp("dashmech-kafka-");
                try {
                    return startIn(dir);
                } catch (RuntimeException e) {
                    Directories.deleteRecursively(dir);
                    if (!isBindFailure(e) || attempt == PORT_ATTEMPTS) {
                        throw e instanceof IllegalStateException ise ? ise
                                : new IllegalStateException("the embedded Kafka broker failed to start: " + e, e);
                    }
                    lastFailure = new IllegalStateException(e.getMessage(), e);
                    LOG.info("a chosen port was taken before the broker bound it; trying other ports ({})",
                            e.toString());
                }
            }
            throw lastFailure;
        }

        private EmbeddedKafkaBroker startIn(Path dir) {
            int[] ports = LoopbackPorts.free(2);
            Path logDir = dir.resolve("logs");
            Map<String, String> properties = new LinkedHashMap<>(
                    SingleNodeProperties.of(ports[0], ports[1], logDir, SingleNodeProperties.Quorum.STATIC_VOTERS));
            properties.putAll(SingleNodeProperties.lightweight());
            properties.putAll(brokerProperties);
            Path propertiesFile = dir.resolve("server.properties");
            PropertiesFiles.write(propertiesFile, properties, List.of("an embedded Kafka broker of dashmech"));
            StorageFormatter.format(propertiesFile, StorageFormatter.newClusterId(), false);
            String bootstrap = LoopbackPorts.HOST + ":" + ports[0];
            KraftNode node = KraftNode.start(properties, bootstrap, startTimeout);
            LOG.debug("embedded Kafka broker ready at {} (data in {})", bootstrap, dir);
            return new EmbeddedKafkaBroker(node, dir);
        }

        private static boolean isBindFailure(Throwable e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof java.net.BindException
                        || (t.getMessage() != null && t.getMessage().contains("Address already in use"))) {
                    return true;
                }
            }
            return false;
        }

        private static final List<String> OWNED_KEYS = Arrays.asList("process.roles", "node.id", "listeners",
                "advertised.listeners", "listener.security.protocol.map", "controller.listener.names",
                "inter.broker.listener.name", "controller.quorum.voters", "controller.quorum.bootstrap.servers",
                "log.dirs", "log.dir", "metadata.log.dir");
    }
}
