package dev.dashmech.platform.broker.internal;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;

/**
 * One running {@link KafkaRaftServer} (broker and controller in this JVM), started with a bounded wait and stopped
 * with a bounded wait. Kafka's startup and readiness can block indefinitely when something is wrong (a port taken,
 * a disk full, an overloaded machine); here every wait ends with an error that says what did not happen.
 */
public final class KraftNode implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(KraftNode.class);
    private static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(60);

    private final KafkaRaftServer server;
    private final String bootstrapServers;
    private final AtomicBoolean stopped = new AtomicBoolean();
    private final CompletableFuture<Void> shutdown = new CompletableFuture<>();

    private KraftNode(KafkaRaftServer server, String bootstrapServers) {
        this.server = server;
        this.bootstrapServers = bootstrapServers;
    }

    /**
     * Starts a node from {@code properties} and waits until its broker answers a metadata request on
     * {@code bootstrapServers} and lists itself as an unfenced broker.
     *
     * @throws IllegalStateException when the node fails to start or is not ready within {@code timeout}; the node is
     *     stopped before the exception is thrown
     */
    public static KraftNode start(Map<String, String> properties, String bootstrapServers, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        KafkaConfig config = KafkaConfig.fromProps(SingleNodeProperties.toProperties(properties), false);
        KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
        KraftNode node = new KraftNode(server, bootstrapServers);
        CompletableFuture<Void> startup = new CompletableFuture<>();
        Thread starter = new Thread(() -> {
            try {
                server.startup();
                startup.complete(null);
            } catch (Throwable e) {
                startup.completeExceptionally(e);
            }
        }, "kafka-node-startup");
        starter.setDaemon(true);
        starter.start();
        try {
            startup.get(remainingNanos(deadline), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            node.close();
            throw new IllegalStateException("the Kafka node for " + bootstrapServers
                    + " did not finish starting within " + timeout
                    + "; the machine may be overloaded (raise the start timeout) or a port may be taken", e);
        } catch (ExecutionException e) {
            node.close();
            Throwable cause = e.getCause();
            throw new IllegalStateException("the Kafka node for " + bootstrapServers + " failed to start: "
                    + cause.getMessage(), cause);
        } catch (InterruptedException e) {
            node.close();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting the Kafka node for " + bootstrapServers, e);
        }
        node.awaitReady(deadline, timeout);
        Thread watcher = new Thread(() -> {
            server.awaitShutdown();
            node.shutdown.complete(null);
        }, "kafka-node-watcher");
        watcher.setDaemon(true);
        watcher.start();
        return node;
    }

    /** The broker's {@code host:port}. */
    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** Completes when the node has shut down, whether {@link #close()} stopped it or it stopped by itself. */
    public CompletableFuture<Void> shutdownFuture() {
        return shutdown.copy();
    }

    /** Stops the node and waits (bounded) for it; a second call does nothing. */
    @Override
    public void close() {
        if (!stopped.compareAndSet(false, true)) {
            return;
        }
        Thread stopper = new Thread(() -> {
            try {
                server.shutdown();
                server.awaitShutdown();
            } catch (Throwable e) {
                LOG.warn("the Kafka node for {} did not shut down cleanly", bootstrapServers, e);
            }
        }, "kafka-node-shutdown");
        stopper.setDaemon(true);
        stopper.start();
        try {
            stopper.join(SHUTDOWN_TIMEOUT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (stopper.isAlive()) {
            LOG.warn("the Kafka node for {} did not shut down within {}; leaving it behind", bootstrapServers,
                    SHUTDOWN_TIMEOUT);
        }
        shutdown.complete(null);
    }

    private void awaitReady(long deadline, Duration timeout) {
        Map<String, Object> adminConfig = Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.CLIENT_ID_CONFIG, "dashmech-readiness-probe",
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5_000,
                AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 200);
        Throwable lastError = null;
        try (Admin admin = Admin.create(adminConfig)) {
            while (System.nanoTime() < deadline) {
                try {
                    int probeMillis = (int) Math.max(500, Math.min(5_000, remainingNanos(deadline) / 1_000_000));
                    var nodes = admin.describeCluster(new DescribeClusterOptions().timeoutMs(probeMillis)).nodes()
                            .get(probeMillis + 1_000L, TimeUnit.MILLISECONDS);
                    if (nodes.stream().map(Node::id).anyMatch(id -> id == SingleNodeProperties.NODE_ID)) {
                        return;
                    }
                    lastError = null;
                } catch (ExecutionException e) {
                    lastError = e.getCause();
                } catch (TimeoutException e) {
                    lastError = e;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    close();
                    throw new IllegalStateException("interrupted while waiting for the Kafka broker at "
                            + bootstrapServers, e);
                }
                sleep(100);
            }
        }
        close();
        throw new IllegalStateException("the Kafka broker at " + bootstrapServers + " started but did not list itself "
                + "as a ready broker within " + timeout + (lastError == null ? "" : "; last error: " + lastError)
                + "; the machine may be overloaded (raise the start timeout)", lastError);
    }

    private static long remainingNanos(long deadline) {
        return Math.max(0, deadline - System.nanoTime());
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
