/**
 * One way for every service to read its configuration: {@link dev.dashmech.platform.config.ServiceConfig} (defaults,
 * file, environment, flags; checked keys and values) and {@link dev.dashmech.platform.config.ServiceOptions} (the
 * picocli flags).
 */
package dev.dashmech.platform.config;
