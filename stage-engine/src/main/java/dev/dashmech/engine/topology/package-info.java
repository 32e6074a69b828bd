/**
 * The stage engine's public entry point: {@link dev.dashmech.engine.topology.StageEngineTopology#build} turns a
 * {@link dev.dashmech.engine.topology.StageEngineConfig} into the Kafka Streams topology that assembles stages from
 * auctions and bids, infers values by inverting the dashboards the bids name, runs the instrumented allocation once
 * per stage and writes stage outcomes and rejected bids.
 */
package dev.dashmech.engine.topology;
