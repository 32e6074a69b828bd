/**
 * Test support for the mechanism's property tests: {@link dev.dashmech.mechanism.testing.Cases} runs a
 * property over seeded random cases, {@link dev.dashmech.mechanism.testing.Draw} draws their parameters with
 * edge values mixed in, {@link dev.dashmech.mechanism.testing.RuleGenerators} and
 * {@link dev.dashmech.mechanism.testing.Scenario} generate allocation rules and dynamic environments, and
 * {@link dev.dashmech.mechanism.testing.Inversion} asserts that inference recovers a value.
 */
package dev.dashmech.mechanism.testing;
