/**
 * {@code dashctl demo}: the pipeline on a real (embedded) Kafka broker. The stage engine's topology runs as a
 * Kafka Streams app; synthetic bidders follow their dashboards; an in-process stand-in for the dashboard
 * publisher closes the loop (instrumented dashboards, Def. 17, rebalanced with each agent's balance, Def. 14);
 * and the run is summarised per agent, with every bid accounted for.
 */
package dev.dashmech.dashctl.demo;
