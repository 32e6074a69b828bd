/**
 * Records for the tests that move them between clients: random valid instances of any generated type
 * ({@link dev.dashmech.integration.records.RandomRecords}) and their Avro JSON encoding
 * ({@link dev.dashmech.integration.records.AvroJson}), the form in which they are compared with other clients.
 */
package dev.dashmech.integration.records;
