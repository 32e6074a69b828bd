/**
 * Building {@link dev.dashmech.schemas.avro.RejectedBid} records, the one place that knows which fields a
 * rejection carries: from a decode failure ({@link dev.dashmech.schemas.serde.Decoded.Malformed}, with the raw
 * bytes) or from a decoded bid the stage engine refused.
 */
package dev.dashmech.schemas.reject;
