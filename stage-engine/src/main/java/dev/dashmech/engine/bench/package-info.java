/**
 * {@code dashctl bench engine}: the stage engine's throughput measured against a pass-through Kafka Streams
 * application over the same records in the same run ({@link dev.dashmech.engine.bench.EngineBenchmark}).
 */
package dev.dashmech.engine.bench;
