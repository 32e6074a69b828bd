/** JMH benchmarks of the engine's own work, without Kafka (the Kafka figure is {@code dashctl bench engine}). */
package dev.dashmech.engine.benchmark;
