/** Helpers shared by the registry implementations and the decoder; not an API. */
package dev.dashmech.schemas.registry.internal;
