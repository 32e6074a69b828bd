/**
 * Multi-agent allocation algorithms (Section 2): softmax, proportional share, position slots; each with
 * the single call (Section 8), its allocation probabilities and counterfactual curves (Def. 3).
 *
 * <p>{@link dev.dashmech.mechanism.algorithm.AllocationAlgorithm} is the contract; build an implementation by
 * name with {@link dev.dashmech.mechanism.algorithm.AllocationAlgorithms#of} or
 * {@link dev.dashmech.mechanism.algorithm.AllocationAlgorithms#parse}, or with the factories of
 * {@link dev.dashmech.mechanism.algorithm.Softmax}, {@link dev.dashmech.mechanism.algorithm.Proportional} and
 * {@link dev.dashmech.mechanism.algorithm.Slots}. All built-ins are immutable, thread-safe, and allocate nothing
 * per stage in {@code sample} and {@code allocation}.
 */
package dev.dashmech.mechanism.algorithm;
