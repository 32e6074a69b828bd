/**
 * The stage engine's stateful processor ({@link dev.dashmech.engine.processor.StageEngineProcessor}), an adapter
 * from the Kafka Streams Processor API to the per-task engine in {@code internal}.
 */
package dev.dashmech.engine.processor;
