/**
 * One stage of the dashboard mechanism (Def. 2; Def. 16 when instrumented), the per-stage math that the offline
 * simulator and the Kafka stage engine share: infer each agent's value from its bid and the dashboard table it
 * follows, run the (instrumented) allocation algorithm with one call, and compute what each agent paid and its
 * truthful payment, whose difference the ledger adds to the agent's outstanding balance. Entry point:
 * {@link dev.dashmech.mechanism.stage.DashboardMechanismStage}.
 */
package dev.dashmech.mechanism.stage;
