/**
 * How the brokers are made: single-node server properties, free loopback ports, storage formatting, the bounded
 * start and stop of a {@code KafkaRaftServer}, properties files, and termination signals. Not API.
 */
package dev.dashmech.platform.broker.internal;
