/**
 * Observability of a service: a Micrometer Prometheus registry with the JVM meters
 * ({@link dev.dashmech.platform.metrics.ServiceMetrics}) and its HTTP endpoint with {@code /metrics} and
 * {@code /health} ({@link dev.dashmech.platform.metrics.MetricsServer},
 * {@link dev.dashmech.platform.metrics.HealthCheck}).
 */
package dev.dashmech.platform.metrics;
