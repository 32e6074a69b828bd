/**
 * The engine of one stream task ({@link dev.dashmech.engine.processor.internal.StageEngine}) and what it holds:
 * open stages, market runtimes built from configurations, recent dashboard versions per agent, standing bids, and
 * the binary format of its store values. Not API: names and formats here may change between versions (the store
 * format carries its version).
 */
package dev.dashmech.engine.processor.internal;
