/**
 * Schema registry access in the Confluent Schema Registry REST API, as served by Confluent Schema
 * Registry, Apicurio's {@code ccompat} API, Karapace and Redpanda.
 *
 * <p>{@link dev.dashmech.schemas.registry.SchemaRegistryClient} is the contract;
 * {@link dev.dashmech.schemas.registry.SchemaRegistries#connect} picks the implementation from a URL:
 * {@code http(s)://...} gives a {@link dev.dashmech.schemas.registry.RestSchemaRegistryClient},
 * {@code mock://NAME} an {@link dev.dashmech.schemas.registry.InMemorySchemaRegistry} shared by name within
 * the JVM. Every failure is a typed {@link dev.dashmech.schemas.registry.SchemaRegistryException} naming the
 * registry URL and the subject or id concerned.
 */
package dev.dashmech.schemas.registry;
