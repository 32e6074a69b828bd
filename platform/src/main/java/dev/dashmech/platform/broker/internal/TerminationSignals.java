package dev.dashmech.platform.broker.internal;

import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns SIGTERM and SIGINT (Ctrl-C) into a call of our own, so a foreground server can stop cleanly and exit with
 * status 0 instead of the JVM's 143/130.
 *
 * <p>The JDK has no public API for this; {@code sun.misc.Signal} (module {@code jdk.unsupported}) is the supported
 * way in practice (Kafka's own {@code LoggingSignalHandler} uses it). It is reached by reflection, as Kafka does, so
 * the build has no proprietary-API warning and a JVM without it simply keeps its default behaviour (shutdown hooks).
 */
public final class TerminationSignals {

    private static final Logger LOG = LoggerFactory.getLogger(TerminationSignals.class);
    private static final List<String> SIGNALS = List.of("TERM", "INT");

    private TerminationSignals() {
    }

    /**
     * Runs {@code onSignal} (on the JVM's signal thread, so it must return quickly) when SIGTERM or SIGINT arrives,
     * instead of the JVM starting its shutdown, until the returned registration is closed.
     *
     * @return the registration, whose {@code close()} restores the previous handlers; empty when this JVM cannot
     *     handle signals, in which case they keep running the JVM's shutdown hooks
     */
    public static Optional<AutoCloseable> install(Runnable onSignal) {
        try {
            Class<?> signalClass = Class.forName("sun.misc.Signal");
            Class<?> handlerClass = Class.forName("sun.misc.SignalHandler");
            Object handler = Proxy.newProxyInstance(TerminationSignals.class.getClassLoader(),
                    new Class<?>[] {handlerClass}, (proxy, method, args) -> switch (method.getName()) {
                        case "handle" -> {
                            onSignal.run();
                            yield null;
                        }
                        case "hashCode" -> System.identityHashCode(proxy);
                        case "equals" -> proxy == args[0];
                        case "toString" -> "dashmech termination handler";
                        default -> null;
                    });
            Constructor<?> newSignal = signalClass.getConstructor(String.class);
            Method handle = signalClass.getMethod("handle", signalClass, handlerClass);
            Map<Object, Object> previous = new LinkedHashMap<>();
            for (String name : SIGNALS) {
                Object signal = newSignal.newInstance(name);
                previous.put(signal, handle.invoke(null, signal, handler));
            }
            return Optional.of(() -> {
                for (Map.Entry<Object, Object> entry : previous.entrySet()) {
                    try {
                        handle.invoke(null, entry.getKey(), entry.getValue());
                    } catch (ReflectiveOperationException | RuntimeException e) {
                        LOG.debug("could not restore the handler of {}", entry.getKey(), e);
                    }
                }
            });
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            LOG.debug("cannot handle SIGTERM/SIGINT on this JVM; they will run the shutdown hooks", e);
            return Optional.empty();
        }
    }
}
