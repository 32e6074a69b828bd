package dev.dashmech.platform.metrics;

import java.util.Objects;

/**
 * The health of one part of a service, as {@code /health} reports it.
 *
 * @param up whether the part works
 * @param detail a short word or sentence for people, e.g. a Kafka Streams state ({@code RUNNING})
 */
public record HealthStatus(boolean up, String detail) {

    public HealthStatus {
        Objects.requireNonNull(detail, "detail");
    }

    /** A working part. */
    public static HealthStatus up(String detail) {
        return new HealthStatus(true, detail);
    }

    /** A part that does not work. */
    public static HealthStatus down(String detail) {
        return new HealthStatus(false, detail);
    }
}
