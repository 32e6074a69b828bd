/**
 * Interoperability with the clients bidders really use: the Confluent Python client's Avro serdes and kcat, on a
 * real broker with a real schema registry.
 */
package dev.dashmech.integration.interop;
