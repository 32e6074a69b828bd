/**
 * Single-call instrumentation (Section 8, Def. 16): with probability ρ per agent the algorithm sees a uniform
 * random value instead of the inferred one, the algorithm is called once, and the outcome yields unbiased
 * implicit payments (Theorem 6) and the instrumentation samples that instrumented dashboards learn from
 * (Def. 17). Entry point: {@link dev.dashmech.mechanism.instrument.InstrumentedAllocation}.
 */
package dev.dashmech.mechanism.instrument;
