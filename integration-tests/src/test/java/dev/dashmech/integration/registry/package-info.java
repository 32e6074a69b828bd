/**
 * A real schema registry for the integration tests: Apicurio Registry's Confluent-compatible API run as a child
 * process ({@link dev.dashmech.integration.registry.ApicurioRegistry}), shared by the test run through a JUnit 5
 * extension ({@link dev.dashmech.integration.registry.ApicurioRegistryExtension}).
 */
package dev.dashmech.integration.registry;
