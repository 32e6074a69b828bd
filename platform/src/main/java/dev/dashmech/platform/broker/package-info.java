/**
 * Real Kafka brokers for dashmech: {@link dev.dashmech.platform.broker.EmbeddedKafkaBroker} (in-process, temporary,
 * for tests and the embedded default of every service), {@link dev.dashmech.platform.broker.StandaloneKafkaBroker}
 * (persistent, for {@code dashctl broker} and external clients), and
 * {@link dev.dashmech.platform.broker.KafkaEndpoint} (the configured cluster or an embedded one). All are one-node
 * KRaft clusters on 127.0.0.1 that support transactions and consumer groups.
 */
package dev.dashmech.platform.broker;
