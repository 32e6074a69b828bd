/**
 * The stage engine's processors: {@link dev.dashmech.engine.processor.StageEngineProcessor}, the stateful processor
 * of the co-partitioned stage inputs (an adapter from the Kafka Streams Processor API to the per-task engine in
 * {@code internal}), and {@link dev.dashmech.engine.processor.MarketConfigProcessor}, the update processor of the
 * global markets store.
 */
package dev.dashmech.engine.processor;
