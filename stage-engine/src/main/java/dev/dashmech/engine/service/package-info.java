/**
 * The stage engine as a running service ({@link dev.dashmech.engine.service.StageEngineService}), what
 * {@code dashctl run --role stage-engine} starts: configuration, Kafka endpoint, topics, Streams lifecycle, metrics.
 */
package dev.dashmech.engine.service;
