/**
 * Readers of the files the math commands take: scenario YAML (strict: unknown keys and bad values are errors
 * naming their path) and two-column CSV curves. Every problem is a
 * {@link dev.dashmech.dashctl.BadInputException} naming the file, the place in it, and the bad value.
 */
package dev.dashmech.dashctl.input;
