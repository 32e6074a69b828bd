/**
 * Seeded randomness for stages: {@link dev.dashmech.mechanism.random.StageRandom} derives the generator of a stage
 * from (market seed, stage id), so that replaying the same log gives bit-identical outcomes (ARCHITECTURE.md,
 * "Determinism").
 */
package dev.dashmech.mechanism.random;
