/** The decode core shared by the deserializer and the decoder; not an API. */
package dev.dashmech.schemas.serde.internal;
