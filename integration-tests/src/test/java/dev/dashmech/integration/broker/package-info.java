/**
 * The real Kafka broker of the integration tests (platform's embedded KRaft node, one per test run through
 * {@link dev.dashmech.integration.broker.SharedBrokerExtension}) and bounded produce / consume helpers
 * ({@link dev.dashmech.integration.broker.TopicRecords}).
 */
package dev.dashmech.integration.broker;
