/**
 * The Avro contract of dashmech: one record type per topic, generated at build time from
 * {@code schemas/src/main/avro/*.avsc} by the Avro Maven plugin (strings as {@link java.lang.String},
 * timestamps as {@link java.time.Instant}; built with {@code newBuilder()}, read with getters).
 *
 * <ul>
 *   <li>{@link dev.dashmech.schemas.avro.MarketConfig} on {@code markets}: a market's algorithm, value range,
 *       dashboards, payment formats, rebalancing and stage timing.</li>
 *   <li>{@link dev.dashmech.schemas.avro.AuctionOpened} on {@code auctions}: opens a stage.</li>
 *   <li>{@link dev.dashmech.schemas.avro.Bid} on {@code bids}: one agent's bid in one stage.</li>
 *   <li>{@link dev.dashmech.schemas.avro.RejectedBid} on {@code rejected-bids}: a bid not taken, with the
 *       reason and, for undecodable bytes, the raw bytes.</li>
 *   <li>{@link dev.dashmech.schemas.avro.StageOutcome} on {@code stage-outcomes}: one per closed stage, one
 *       {@link dev.dashmech.schemas.avro.StageEntry} per agent (inferred value, instrumentation draw,
 *       allocation, paid and truthful payment).</li>
 *   <li>{@link dev.dashmech.schemas.avro.AgentBalance} on {@code balances}: an agent's outstanding
 *       balance L.</li>
 *   <li>{@link dev.dashmech.schemas.avro.Dashboard} on {@code dashboards.internal} and {@code dashboards}: an
 *       agent's table of value, bid and win probability.</li>
 * </ul>
 *
 * <p>Every field carries a {@code doc} (units, range, writer) in the {@code .avsc}, which is the reference.
 * Evolution is BACKWARD: a new version may add fields with defaults or drop fields; readers with the
 * current classes read records written with any earlier version.
 */
package dev.dashmech.schemas.avro;
