package dev.dashmech.platform.streams;

import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.dashmech.platform.metrics.HealthCheck;
import dev.dashmech.platform.metrics.HealthStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;

/**
 * One running Kafka Streams application with the lifecycle every dashmech service needs: exactly-once by default,
 * a bounded wait until it is {@code RUNNING}, a documented policy for uncaught exceptions, its metrics in Micrometer,
 * its state as a {@link HealthCheck}, and a graceful bounded close (also from a shutdown hook).
 *
 * <pre>{@code
 * Properties props = StreamsApp.streamsProperties("stage-engine", bootstrap, stateDir, config.streamsOverrides());
 * try (StreamsApp app = StreamsApp.builder(topology, props).meterRegistry(metrics.registry()).start()) {
 *     metricsServer.register("streams", app);
 *     app.stopped().toCompletableFuture().join();   // until SIGTERM (shutdown hook) or a fatal error
 * }
 * }</pre>
 *
 * <h2>Uncaught exceptions</h2>
 * The default response to an exception that escapes the topology is
 * {@link StreamThreadExceptionResponse#SHUTDOWN_CLIENT}: the exception is logged and counted
 * ({@value #UNCAUGHT_EXCEPTIONS_METER}), the client stops (state {@code ERROR}), {@link #health()} turns
 * {@code DOWN} and {@link #stopped()} completes, so the process can exit and its supervisor restart it. Under
 * exactly-once the failed transaction is aborted, so nothing half-done is visible. Replacing the thread instead
 * ({@link Builder#onUncaughtException}) would replay the same input into the same bug in a loop; bad <em>input</em>
 * is the topology's business (rejected-bid records), not this handler's.
 */
public final class StreamsApp implements AutoCloseable, HealthCheck {

    /** How long {@link Builder#start()} waits for {@code RUNNING} by default. */
    public static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(60);
    /** How long {@link #close()} waits for the threads to finish by default. */
    public static final Duration DEFAULT_CLOSE_TIMEOUT = Duration.ofSeconds(30);
    /** Counter of exceptions that escaped the topology, tagged {@code application} and {@code exception}. */
    public static final String UNCAUGHT_EXCEPTIONS_METER = "dashmech.streams.uncaught.exceptions";
    /** Gauge: 1 while the application is {@code RUNNING}, else 0; tagged {@code application}. */
    public static final String RUNNING_METER = "dashmech.streams.running";

    private static final Logger LOG = LoggerFactory.getLogger(StreamsApp.class);
    private static final Set<KafkaStreams.State> HEALTHY =
            EnumSet.of(KafkaStreams.State.RUNNING, KafkaStreams.State.REBALANCING);

    private final String applicationId;
    private final KafkaStreams streams;
    private final Duration closeTimeout;
    private final boolean leaveGroupOnClose;
    private final CompletableFuture<KafkaStreams.State> stopped = new CompletableFuture<>();
    private final AtomicReference<Throwable> fatalError = new AtomicReference<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile KafkaStreamsMetrics metrics;
    private volatile Thread shutdownHook;

    private StreamsApp(String applicationId, KafkaStreams streams, Duration closeTimeout, boolean leaveGroupOnClose) {
        this.applicationId = applicationId;
        this.streams = streams;
        this.closeTimeout = closeTimeout;
        this.leaveGroupOnClose = leaveGroupOnClose;
    }

    /** A builder for an app running {@code topology} with {@code properties} (see {@link #streamsProperties}). */
    public static Builder builder(Topology topology, Properties properties) {
        return new Builder(topology, properties);
    }

    /** Starts {@code topology} with the defaults of {@link Builder} and waits until it is {@code RUNNING}. */
    public static StreamsApp start(Topology topology, Properties properties) {
        return builder(topology, properties).start();
    }

    /**
     * The Kafka Streams properties every dashmech Streams service starts from:
     * <ul>
     *   <li>{@code application.id}, {@code bootstrap.servers} and {@code state.dir} as given (a {@code null}
     *       {@code stateDir} means {@code <java.io.tmpdir>/dashmech-streams});</li>
     *   <li>{@code processing.guarantee=exactly_once_v2}: every bid ends in exactly one outcome or reject;</li>
     *   <li>{@code replication.factor=-1}: internal topics take the broker's default replication factor;</li>
     *   <li>{@code producer.compression.type=lz4}: cheap on CPU, and stage records compress well;</li>
     *   <li>{@code processing.exception.handler.global.enabled=true}: global stores get the same processing
     *       exception handler as tasks (Kafka's recommendation, and its default from 5.0); also with the
     *       {@code main.consumer.} prefix, where Kafka Streams' partition assignor reads it;</li>
     * </ul>
     * then {@code overrides} (e.g. {@code ServiceConfig.streamsOverrides()}), which win over all of these.
     */
    public static Properties streamsProperties(String applicationId, String bootstrapServers, Path stateDir,
            Map<String, ?> overrides) {
        requireText(applicationId, "applicationId");
        requireText(bootstrapServers, "bootstrapServers");
        Properties properties = new Properties();
        properties.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        properties.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        Path dir = stateDir != null ? stateDir : Path.of(System.getProperty("java.io.tmpdir"), "dashmech-streams");
        properties.put(StreamsConfig.STATE_DIR_CONFIG, dir.toAbsolutePath().toString());
        properties.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        properties.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, -1);
        properties.put(StreamsConfig.producerPrefix("compression.type"), "lz4");
        // deprecated in 4.4 as a bridge to 5.0, where it is the default; set by name to avoid the deprecation
        properties.put("processing.exception.handler.global.enabled", true);
        // Kafka Streams' partition assignor builds its own StreamsConfig from the main consumer's configs, which do
        // not carry the setting, and would warn at every start that the handler is not enabled
        properties.put(StreamsConfig.mainConsumerPrefix("processing.exception.handler.global.enabled"), true);
        if (overrides != null) {
            overrides.forEach((key, value) -> {
                if (value != null) {
                    properties.put(key, value);
                }
            });
        }
        return properties;
    }

    /** The {@code application.id}. */
    public String applicationId() {
        return applicationId;
    }

    /** The Kafka Streams client, e.g. for interactive queries. Do not close it directly: close this app. */
    public KafkaStreams kafkaStreams() {
        return streams;
    }

    /** The current state. */
    public KafkaStreams.State state() {
        return streams.state();
    }

    /** Up while {@code RUNNING} or {@code REBALANCING}; the detail is the state (and the fatal error, if any). */
    @Override
    public HealthStatus check() {
        return health();
    }

    /** See {@link #check()}. */
    public HealthStatus health() {
        KafkaStreams.State state = streams.state();
        Throwable error = fatalError.get();
        String detail = state.name() + (error == null ? "" : ": " + rootOf(error));
        return HEALTHY.contains(state) ? HealthStatus.up(detail) : HealthStatus.down(detail);
    }

    /** Completes with the final state ({@code NOT_RUNNING} or {@code ERROR}) once the application has stopped. */
    public CompletionStage<KafkaStreams.State> stopped() {
        return stopped.minimalCompletionStage();
    }

    /** The exception that stopped the application, if one did. */
    public Throwable fatalError() {
        return fatalError.get();
    }

    /** Closes within the close timeout; see {@link #close(Duration)}. */
    @Override
    public void close() {
        close(closeTimeout);
    }

    /**
     * Stops processing (committing what is done), leaves the consumer group unless configured otherwise, and
     * unbinds the metrics; waits at most {@code timeout}. A second call does nothing.
     *
     * @return whether the threads finished within the timeout
     */
    public boolean close(Duration timeout) {
        if (!closed.compareAndSet(false, true)) {
            return true;
        }
        Thread hook = shutdownHook;
        if (hook != null && Thread.currentThread() != hook) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException alreadyShuttingDown) {
                // the hook is running or about to; this close already does its work
            }
        }
        CloseOptions options = CloseOptions.timeout(timeout).withGroupMembershipOperation(leaveGroupOnClose
                ? CloseOptions.GroupMembershipOperation.LEAVE_GROUP
                : CloseOptions.GroupMembershipOperation.REMAIN_IN_GROUP);
        boolean finished = streams.close(options);
        if (!finished) {
            LOG.warn("Kafka Streams application {} did not close within {}", applicationId, timeout);
        }
        KafkaStreamsMetrics bound = metrics;
        if (bound != null) {
            bound.close();
        }
        stopped.complete(streams.state());
        return finished;
    }

    @Override
    public String toString() {
        return "StreamsApp[" + applicationId + ", " + streams.state() + "]";
    }

    private void awaitRunning(Duration timeout, CompletableFuture<Void> running) {
        try {
            running.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            KafkaStreams.State state = streams.state();
            close();
            throw new IllegalStateException("Kafka Streams application " + applicationId + " did not reach RUNNING "
                    + "within " + timeout + " (state " + state + "); check that the brokers are reachable and the "
                    + "source topics exist, or raise the start timeout", e);
        } catch (ExecutionException e) {
            close();
            throw new IllegalStateException("Kafka Streams application " + applicationId + " failed while starting: "
                    + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw new IllegalStateException("interrupted while starting Kafka Streams application " + applicationId, e);
        }
    }

    private static Throwable rootOf(Throwable exception) {
        Throwable cause = exception;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank, got '" + value + "'");
        }
    }

    /** Settings of a {@link StreamsApp} before it starts. */
    public static final class Builder {

        private final Topology topology;
        private final Properties properties;
        private MeterRegistry meterRegistry;
        private Duration startTimeout = DEFAULT_START_TIMEOUT;
        private Duration closeTimeout = DEFAULT_CLOSE_TIMEOUT;
        private StreamThreadExceptionResponse onUncaughtException = StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        private boolean closeOnShutdown = true;
        private boolean leaveGroupOnClose = true;

        private Builder(Topology topology, Properties properties) {
            this.topology = Objects.requireNonNull(topology, "topology");
            this.properties = new Properties();
            this.properties.putAll(Objects.requireNonNull(properties, "properties"));
            if (!properties.containsKey(StreamsConfig.PROCESSING_GUARANTEE_CONFIG)) {
                this.properties.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
            }
        }

        /** Binds Kafka Streams' metrics and this app's own meters to {@code registry}. */
        public Builder meterRegistry(MeterRegistry registry) {
            this.meterRegistry = Objects.requireNonNull(registry, "registry");
            return this;
        }

        /** How long {@link #start()} waits for {@code RUNNING} (default {@link #DEFAULT_START_TIMEOUT}). */
        public Builder startTimeout(Duration timeout) {
            this.startTimeout = positive(timeout, "start timeout");
            return this;
        }

        /** How long {@link StreamsApp#close()} waits (default {@link #DEFAULT_CLOSE_TIMEOUT}). */
        public Builder closeTimeout(Duration timeout) {
            this.closeTimeout = positive(timeout, "close timeout");
            return this;
        }

        /** The response to an uncaught exception (default {@code SHUTDOWN_CLIENT}; see the class comment). */
        public Builder onUncaughtException(StreamThreadExceptionResponse response) {
            this.onUncaughtException = Objects.requireNonNull(response, "response");
            return this;
        }

        /** Whether a JVM shutdown hook closes the app (default true), so SIGTERM stops it gracefully. */
        public Builder closeOnShutdown(boolean closeOnShutdown) {
            this.closeOnShutdown = closeOnShutdown;
            return this;
        }

        /**
         * Whether closing leaves the consumer group (default true), so the group rebalances at once rather than
         * after the session timeout; false suits rolling restarts with static membership.
         */
        public Builder leaveGroupOnClose(boolean leaveGroupOnClose) {
            this.leaveGroupOnClose = leaveGroupOnClose;
            return this;
        }

        /**
         * Creates and starts the application and waits until it is {@code RUNNING}.
         *
         * @throws IllegalStateException when it fails or does not reach {@code RUNNING} within the start timeout;
         *     it is closed before the exception is thrown
         * @throws org.apache.kafka.common.config.ConfigException when the properties are invalid
         */
        public StreamsApp start() {
            String applicationId = properties.getProperty(StreamsConfig.APPLICATION_ID_CONFIG);
            requireText(applicationId, StreamsConfig.APPLICATION_ID_CONFIG);
            KafkaStreams streams = new KafkaStreams(topology, properties);
            StreamsApp app = new StreamsApp(applicationId, streams, closeTimeout, leaveGroupOnClose);
            CompletableFuture<Void> running = new CompletableFuture<>();
            Tags tags = Tags.of("application", applicationId);
            streams.setStateListener((newState, oldState) -> {
                LOG.info("Kafka Streams application {}: {} -> {}", applicationId, oldState, newState);
                if (newState == KafkaStreams.State.RUNNING) {
                    running.complete(null);
                } else if (newState == KafkaStreams.State.ERROR) {
                    Throwable error = app.fatalError.get();
                    running.completeExceptionally(error != null ? error
                            : new IllegalStateException("Kafka Streams went to ERROR"));
                    app.stopped.complete(newState);
                } else if (newState == KafkaStreams.State.NOT_RUNNING) {
                    running.completeExceptionally(new IllegalStateException("Kafka Streams stopped while starting"));
                    app.stopped.complete(newState);
                }
            });
            StreamThreadExceptionResponse response = onUncaughtException;
            MeterRegistry registry = meterRegistry;
            streams.setUncaughtExceptionHandler(exception -> {
                Throwable cause = rootOf(exception);
                LOG.error("Kafka Streams application {}: uncaught exception, responding {}", applicationId, response,
                        exception);
                if (registry != null) {
                    Counter.builder(UNCAUGHT_EXCEPTIONS_METER).tags(tags)
                            .tag("exception", cause.getClass().getSimpleName())
                            .description("Exceptions that escaped the topology").register(registry).increment();
                }
                if (response != StreamThreadExceptionResponse.REPLACE_THREAD) {
                    app.fatalError.compareAndSet(null, exception);
                }
                return response;
            });
            if (registry != null) {
                Gauge.builder(RUNNING_METER, streams, s -> s.state() == KafkaStreams.State.RUNNING ? 1 : 0)
                        .tags(tags).description("1 while the Kafka Streams application is RUNNING")
                        .register(registry);
                KafkaStreamsMetrics bound = new KafkaStreamsMetrics(streams, tags);
                bound.bindTo(registry);
                app.metrics = bound;
            }
            if (closeOnShutdown) {
                Thread hook = new Thread(app::close, "dashmech-streams-shutdown-" + applicationId);
                app.shutdownHook = hook;
                Runtime.getRuntime().addShutdownHook(hook);
            }
            try {
                streams.start();
            } catch (RuntimeException e) {
                app.close();
                throw e;
            }
            app.awaitRunning(startTimeout, running);
            return app;
        }

        private static Duration positive(Duration duration, String what) {
            if (duration == null || duration.isNegative() || duration.isZero()) {
                throw new IllegalArgumentException(what + " must be positive, got " + duration);
            }
            return duration;
        }
    }
}
