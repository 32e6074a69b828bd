/**
 * Translation between the records of the {@code schemas} contract and the {@code mechanism}'s types, for the
 * engine and for tools that speak both (the demo's stand-in publisher).
 */
package dev.dashmech.engine.records;
