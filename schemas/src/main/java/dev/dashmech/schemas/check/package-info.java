/**
 * Checks of the invariants the {@code .avsc} docs state but Avro cannot express (ranges, array lengths,
 * monotonicity), for the records our own components write: a market configuration before the operator
 * publishes it, a dashboard before the publisher publishes it or the engine inverts it.
 */
package dev.dashmech.schemas.check;
