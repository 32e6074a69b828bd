/**
 * How the math commands print: a readable aligned {@link dev.dashmech.dashctl.output.TextTable} by default, or JSON
 * ({@code --json}) through one configured Jackson mapper.
 */
package dev.dashmech.dashctl.output;
