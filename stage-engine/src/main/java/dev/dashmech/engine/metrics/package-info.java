/**
 * The stage engine's domain meters in Micrometer ({@link dev.dashmech.engine.metrics.EngineMetrics}): bids in,
 * rejects by reason, clamps, stages opened and closed by reason, close latency in event and wall-clock time.
 */
package dev.dashmech.engine.metrics;
