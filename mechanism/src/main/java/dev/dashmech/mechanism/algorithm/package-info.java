/**
 * Multi-agent allocation algorithms (Section 2): softmax, proportional share, position slots; each with
 * the single call (Section 8), its allocation probabilities and counterfactual curves (Def. 3).
 */
package dev.dashmech.mechanism.algorithm;
