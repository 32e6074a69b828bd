/**
 * The offline sequential simulator: a {@link dev.dashmech.mechanism.simulate.Scenario} (a market, agents with
 * value processes and strategies, a number of stages, a seed) is run stage by stage through the dashboard
 * mechanism, and a {@link dev.dashmech.mechanism.simulate.RunReport} says what each agent won, paid, should
 * have paid in the sequential truthful mechanism, and how its outstanding balance compared with the paper's
 * bound. Seeded and reproducible: the same scenario and seed give the same report.
 */
package dev.dashmech.mechanism.simulate;
