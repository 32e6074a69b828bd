package dev.dashmech.platform.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmInfoMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * The Micrometer registry of one service: Prometheus format, every meter tagged {@code service=<name>}, with the JVM
 * and process meters bound (memory, GC, threads, class loading, CPU, uptime, file descriptors). Services add their
 * domain meters to {@link #registry()}; {@link dev.dashmech.platform.streams.StreamsApp} binds Kafka Streams' own.
 * Serve it with {@link MetricsServer}.
 */
public final class ServiceMetrics implements AutoCloseable {

    /** The tag naming the service on every meter. */
    public static final String SERVICE_TAG = "service";

    private final String service;
    private final PrometheusMeterRegistry registry;
    private final List<AutoCloseable> closeables = new ArrayList<>();

    private ServiceMetrics(String service) {
        this.service = service;
        this.registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        registry.config().commonTags(SERVICE_TAG, service);
        JvmGcMetrics gc = new JvmGcMetrics();
        closeables.add(gc);
        List<MeterBinder> binders = List.of(new ClassLoaderMetrics(), new JvmMemoryMetrics(), gc,
                new JvmThreadMetrics(), new JvmInfoMetrics(), new ProcessorMetrics(), new UptimeMetrics(),
                new FileDescriptorMetrics());
        binders.forEach(binder -> binder.bindTo(registry));
    }

    /**
     * A registry for the service {@code service} (e.g. {@code stage-engine}) with the JVM meters bound.
     *
     * @throws IllegalArgumentException when the name is blank
     */
    public static ServiceMetrics create(String service) {
        Objects.requireNonNull(service, "service");
        if (service.isBlank()) {
            throw new IllegalArgumentException("service name must not be blank; it tags every meter");
        }
        return new ServiceMetrics(service);
    }

    /** The service name on every meter. */
    public String service() {
        return service;
    }

    /** The registry to add meters to and to scrape. */
    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /** All meters in the Prometheus text format (0.0.4). */
    public String scrape() {
        return registry.scrape();
    }

    /** Stops the GC listeners and closes the registry. */
    @Override
    public void close() {
        for (AutoCloseable closeable : closeables) {
            try {
                closeable.close();
            } catch (Exception e) {
                // a binder that cannot stop listening keeps nothing alive once the registry is closed
            }
        }
        registry.close();
    }
}
