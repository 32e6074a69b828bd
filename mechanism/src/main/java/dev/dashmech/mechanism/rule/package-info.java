/**
 * Single-agent allocation rules on a value grid and the payment identity (Section 3, Theorem 1, eq. 2).
 *
 * <p>A rule is piecewise linear on a {@link dev.dashmech.mechanism.rule.ValueGrid}, so its integral and
 * the truthful payments are exact for the representation ({@link dev.dashmech.mechanism.rule.AllocationRule#integral},
 * {@link dev.dashmech.mechanism.rule.AllocationRule#payment}). The transformations the dashboards need live here too:
 * the mean of stage rules (Def. 3), the η floor (Lemma 4), mixing with a constant (Def. 17) and the
 * tiny slope that makes a rule strictly increasing, hence its bid strategy invertible (Lemma 1).
 */
package dev.dashmech.mechanism.rule;
