/** Reading configuration files and knowing Kafka's own setting names. Not API. */
package dev.dashmech.platform.config.internal;
