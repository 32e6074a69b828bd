/**
 * Real third-party Kafka clients driven from the integration tests: the Confluent Python client with its Avro
 * serializer ({@link dev.dashmech.integration.clients.ConfluentPythonClient}) and kcat
 * ({@link dev.dashmech.integration.clients.Kcat}). They prove that dashmech's topics are readable and writable by
 * the standard tools a bidder would use, not only by our own code.
 */
package dev.dashmech.integration.clients;
