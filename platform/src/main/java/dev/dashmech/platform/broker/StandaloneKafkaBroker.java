package dev.dashmech.platform.broker;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import dev.dashmech.platform.broker.internal.Directories;
import dev.dashmech.platform.broker.internal.KraftNode;
import dev.dashmech.platform.broker.internal.LoopbackPorts;
import dev.dashmech.platform.broker.internal.PropertiesFiles;
import dev.dashmech.platform.broker.internal.SingleNodeProperties;
import dev.dashmech.platform.broker.internal.StorageFormatter;
import dev.dashmech.platform.broker.internal.TerminationSignals;

/**
 * A real single-node Kafka broker (KRaft, combined broker and controller) on 127.0.0.1 whose data outlives it: the
 * broker behind {@code dashctl broker}, for external clients (kcat, librdkafka, the Confluent Python client, any
 * Kafka tool).
 *
 * <p>It is what {@code kafka-storage format --standalone -t <uuid> -c server.properties} followed by
 * {@code kafka-server-start server.properties} give, run by the same Kafka jars inside this JVM. The data directory
 * holds:
 * <ul>
 *   <li>{@code server.properties}: written when the directory is new, then read on every start (edit it to tune the
 *       broker; its listeners decide the ports);</li>
 *   <li>{@code kafka-logs/}: the topics and the metadata log, formatted once when the directory is new, so a restart
 *       with the same directory keeps its topics and records.</li>
 * </ul>
 */
public final class StandaloneKafkaBroker implements AutoCloseable {

    /** The broker port of a new data directory when none is given. */
    public static final int DEFAULT_PORT = 9092;
    /** The data directory when none is given: {@code .dashctl/broker} under the working directory. */
    public static final Path DEFAULT_DATA_DIRECTORY = Path.of(".dashctl", "broker");
    /** How long a start waits for the broker by default. */
    public static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(120);
    /** The name of the broker's properties file in the data directory. */
    public static final String PROPERTIES_FILE = "server.properties";
    /** The name of the Kafka log directory in the data directory. */
    public static final String LOG_DIRECTORY = "kafka-logs";

    private static final Pattern BROKER_LISTENER = Pattern.compile("PLAINTEXT://([^,:]*):(\\d+)");
    private static final Pattern CONTROLLER_LISTENER = Pattern.compile("CONTROLLER://([^,:]*):(\\d+)");

    private final KraftNode node;
    private final Path dataDirectory;
    private final boolean formatted;
    private final AtomicBoolean closed = new AtomicBoolean();

    private StandaloneKafkaBroker(KraftNode node, Path dataDirectory, boolean formatted) {
        this.node = node;
        this.dataDirectory = dataDirectory;
        this.formatted = formatted;
    }

    /**
     * Starts the broker of {@code options.dataDirectory()}, creating and formatting the directory first when it is
     * new, and waits until the broker is ready.
     *
     * @throws IllegalArgumentException when the directory is not a broker's (non-empty, no {@code server.properties})
     *     or was created for other ports than the ones asked for
     * @throws IllegalStateException when a port is taken or the broker does not become ready in time
     */
    public static StandaloneKafkaBroker start(Options options) {
        Path dir = options.dataDirectory().toAbsolutePath().normalize();
        Path propertiesFile = dir.resolve(PROPERTIES_FILE);
        boolean isNew = !Files.exists(propertiesFile);
        boolean dirExisted = Files.exists(dir);
        if (isNew) {
            checkNewDirectory(dir);
            int port = options.port().orElse(DEFAULT_PORT);
            int controllerPort = options.controllerPort().orElse(port + 1);
            checkFree(port, "--port", dir, true);
            checkFree(controllerPort, "--controller-port", dir, true);
            createProperties(dir, port, controllerPort);
        }
        try {
            Map<String, String> properties = PropertiesFiles.read(propertiesFile);
            int port = listenerPort(properties, BROKER_LISTENER, propertiesFile);
            int controllerPort = listenerPort(properties, CONTROLLER_LISTENER, propertiesFile);
            if (!isNew) {
                checkSame("--port", options.port(), port, dir);
                checkSame("--controller-port", options.controllerPort(), controllerPort, dir);
                checkFree(port, "--port", dir, false);
                checkFree(controllerPort, "--controller-port", dir, false);
            }
            String logDirs = properties.get("log.dirs");
            if (logDirs == null || logDirs.isBlank()) {
                throw new IllegalArgumentException(propertiesFile + " has no log.dirs; restore it or use a new --data");
            }
            boolean format = Stream.of(logDirs.split(","))
                    .noneMatch(logDir -> Files.exists(Path.of(logDir.strip()).resolve("meta.properties")));
            if (format) {
                StorageFormatter.format(propertiesFile, StorageFormatter.newClusterId(), true);
            }
            KraftNode node = KraftNode.start(properties, LoopbackPorts.HOST + ":" + port, options.startTimeout());
            return new StandaloneKafkaBroker(node, dir, format);
        } catch (RuntimeException e) {
            if (isNew) {
                // leave no half-made directory behind: the next attempt may choose other ports
                Directories.deleteRecursively(dir.resolve(LOG_DIRECTORY));
                Directories.deleteRecursively(propertiesFile);
                if (!dirExisted) {
                    Directories.deleteRecursively(dir);
                }
            }
            throw e;
        }
    }

    /**
     * Runs the broker in the foreground, as {@code dashctl broker} does: starts it, prints its bootstrap address
     * ({@code 127.0.0.1:PORT}) as the only line on {@code out} once it is ready, and stops it cleanly on SIGTERM or
     * Ctrl-C (a second one halts at once). Progress and errors go to {@code err}.
     *
     * @return the process exit status: 0 after a requested stop, 1 when the broker could not start or stopped by
     *     itself
     */
    public static int runInForeground(Options options, PrintStream out, PrintStream err) {
        CountDownLatch stop = new CountDownLatch(1);
        AtomicBoolean requested = new AtomicBoolean();
        AtomicInteger signals = new AtomicInteger();
        // handlers first: a signal during the start stops the broker as soon as it is up, still cleanly
        Optional<AutoCloseable> handlers = TerminationSignals.install(() -> {
            requested.set(true);
            stop.countDown();
            if (signals.incrementAndGet() > 1) {
                err.println("broker: second stop signal; halting without a clean shutdown");
                Runtime.getRuntime().halt(1);
            }
        });
        try {
            StandaloneKafkaBroker broker;
            try {
                broker = start(options);
            } catch (RuntimeException e) {
                err.println("broker: " + e.getMessage());
                return 1;
            }
            // without signal handlers (or on System.exit elsewhere) the hook still stops the broker cleanly
            Thread hook = new Thread(broker::close, "dashmech-broker-shutdown-hook");
            Runtime.getRuntime().addShutdownHook(hook);
            broker.node.shutdownFuture().thenRun(stop::countDown);
            if (!requested.get()) {
                err.println("broker: " + (broker.formatted ? "formatted a new" : "reusing the") + " data directory "
                        + broker.dataDirectory + "; ready at " + broker.bootstrapServers() + "; stop with "
                        + (handlers.isPresent() ? "Ctrl-C or SIGTERM" : "Ctrl-C"));
                out.println(broker.bootstrapServers());
                out.flush();
            }
            try {
                stop.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                requested.set(true);
            }
            boolean stoppedByItself = !requested.get();
            broker.close();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException alreadyShuttingDown) {
                // the JVM is exiting anyway; the hook finds the broker closed
            }
            err.println(stoppedByItself ? "broker: stopped by itself; see the log above" : "broker: stopped");
            return stoppedByItself ? 1 : 0;
        } finally {
            handlers.ifPresent(StandaloneKafkaBroker::closeQuietly);
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            // restoring signal handlers is best effort
        }
    }

    /** {@code 127.0.0.1:PORT} of the broker, for {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return node.bootstrapServers();
    }

    /** The absolute data directory. */
    public Path dataDirectory() {
        return dataDirectory;
    }

    /** Whether this start formatted the data directory (it was new), rather than reusing it. */
    public boolean formatted() {
        return formatted;
    }

    /** Stops the broker (bounded wait); its data stays. A second call does nothing. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            node.close();
        }
    }

    @Override
    public String toString() {
        return "StandaloneKafkaBroker[" + bootstrapServers() + ", " + dataDirectory + "]";
    }

    private static void checkNewDirectory(Path dir) {
        if (Files.isDirectory(dir)) {
            try (Stream<Path> entries = Files.list(dir)) {
                if (entries.findAny().isPresent()) {
                    throw new IllegalArgumentException("data directory " + dir + " is not empty and has no "
                            + PROPERTIES_FILE + ", so it is not a broker's; choose a new or empty directory");
                }
            } catch (IOException e) {
                throw new UncheckedIOException("could not read the data directory " + dir, e);
            }
        } else if (Files.exists(dir)) {
            throw new IllegalArgumentException("data directory " + dir + " is a file; choose a directory");
        }
    }

    private static void checkFree(int port, String option, Path dir, boolean isNew) {
        LoopbackPorts.checkPort(port, option);
        if (!LoopbackPorts.isFree(port)) {
            throw new IllegalStateException("port " + port + " (" + option + ") on 127.0.0.1 is in use: another broker"
                    + " or program listens there; stop it, or " + (isNew ? "choose another " + option
                    : "use a new --data directory (" + dir + " was created for port " + port + ")"));
        }
    }

    private static void createProperties(Path dir, int port, int controllerPort) {
        if (controllerPort == port) {
            throw new IllegalArgumentException("the broker and the controller need two ports; both are " + port);
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("could not create the data directory " + dir, e);
        }
        Map<String, String> properties = SingleNodeProperties.of(port, controllerPort, dir.resolve(LOG_DIRECTORY),
                SingleNodeProperties.Quorum.STANDALONE);
        PropertiesFiles.write(dir.resolve(PROPERTIES_FILE), properties, List.of(
                "A single-node Kafka cluster (KRaft, broker and controller combined), written by dashmech.",
                "Read on every start of this data directory; edit it to tune the broker.",
                "The PLAINTEXT and CONTROLLER listeners decide the ports; keep them on 127.0.0.1."));
    }

    private static int listenerPort(Map<String, String> properties, Pattern listener, Path file) {
        String listeners = properties.getOrDefault("listeners", "");
        Matcher matcher = listener.matcher(listeners);
        if (!matcher.find()) {
            throw new IllegalArgumentException(file + ": listeners=" + listeners + " has no "
                    + listener.pattern().substring(0, listener.pattern().indexOf(':'))
                    + " listener; restore it or use a new data directory");
        }
        return Integer.parseInt(matcher.group(2));
    }

    private static void checkSame(String option, OptionalInt asked, int stored, Path dir) {
        if (asked.isPresent() && asked.getAsInt() != stored) {
            throw new IllegalArgumentException("data directory " + dir + " was created for " + option + " " + stored
                    + ", not " + asked.getAsInt() + "; leave " + option + " out (or pass " + stored
                    + "), edit its " + PROPERTIES_FILE + ", or use a new --data directory");
        }
    }

    /**
     * Where and how a {@link StandaloneKafkaBroker} runs.
     *
     * @param dataDirectory the data directory, created when missing
     * @param port the broker port on 127.0.0.1; empty for {@link #DEFAULT_PORT} in a new directory or the stored
     *     port in an existing one
     * @param controllerPort the controller port on 127.0.0.1; empty for {@code port + 1} in a new directory or the
     *     stored port in an existing one
     * @param startTimeout how long a start waits for the broker to be ready
     */
    public record Options(Path dataDirectory, OptionalInt port, OptionalInt controllerPort, Duration startTimeout) {

        public Options {
            Objects.requireNonNull(dataDirectory, "dataDirectory");
            Objects.requireNonNull(port, "port");
            Objects.requireNonNull(controllerPort, "controllerPort");
            port.ifPresent(p -> LoopbackPorts.checkPort(p, "the broker port (--port)"));
            controllerPort.ifPresent(p -> LoopbackPorts.checkPort(p, "the controller port (--controller-port)"));
            if (startTimeout == null || startTimeout.isNegative() || startTimeout.isZero()) {
                throw new IllegalArgumentException("start timeout must be positive, got " + startTimeout);
            }
        }

        /** Options for {@code dataDirectory} with the default ports and start timeout. */
        public static Options of(Path dataDirectory) {
            return new Options(dataDirectory, OptionalInt.empty(), OptionalInt.empty(), DEFAULT_START_TIMEOUT);
        }

        /** These options with the broker port {@code port}. */
        public Options withPort(int port) {
            return new Options(dataDirectory, OptionalInt.of(port), controllerPort, startTimeout);
        }

        /** These options with the controller port {@code controllerPort}. */
        public Options withControllerPort(int controllerPort) {
            return new Options(dataDirectory, port, OptionalInt.of(controllerPort), startTimeout);
        }

        /** These options with another start timeout. */
        public Options withStartTimeout(Duration startTimeout) {
            return new Options(dataDirectory, port, controllerPort, startTimeout);
        }
    }
}
