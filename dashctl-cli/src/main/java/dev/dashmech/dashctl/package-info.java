/** The {@code dashctl} command line (picocli): one class per command. */
package dev.dashmech.dashctl;
