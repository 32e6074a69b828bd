package dev.dashmech.platform.metrics;

/** One part of a service that {@code /health} asks; it must answer quickly and never throw. */
@FunctionalInterface
public interface HealthCheck {

    /** The current health of the part. */
    HealthStatus check();
}
