/**
 * How the stage engine's task stores are built: {@link dev.dashmech.engine.topology.internal.WriteBehindStore}, which
 * keeps the writes of a commit interval in a map and hands them to the changelogged store when Kafka Streams
 * prepares a commit. Not API.
 */
package dev.dashmech.engine.topology.internal;
