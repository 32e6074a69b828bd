/**
 * The lifecycle of a Kafka Streams service ({@link dev.dashmech.platform.streams.StreamsApp}): exactly-once defaults,
 * bounded start, uncaught-exception policy, metrics, health and graceful close.
 */
package dev.dashmech.platform.streams;
