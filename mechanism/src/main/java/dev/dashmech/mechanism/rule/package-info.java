/**
 * Single-agent allocation rules on a value grid and the payment identity (Section 3, Theorem 1, eq. 2).
 */
package dev.dashmech.mechanism.rule;
