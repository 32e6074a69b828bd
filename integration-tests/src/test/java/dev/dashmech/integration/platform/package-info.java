/**
 * The platform's acceptance test: the topic catalog's "ensure topics" step and every record type through the
 * Confluent-framed serdes, on a real broker with the in-process and a real schema registry.
 */
package dev.dashmech.integration.platform;
