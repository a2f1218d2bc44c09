/**
 * The wire format: Avro single-object encoding (header {@code C3 01}, the 8-byte little-endian
 * CRC-64-AVRO fingerprint of the writer schema, then the Avro binary body), as Kafka serdes.
 * Readers resolve older writer schemas that they were told about, so schemas can evolve.
 */
package dev.framelift.schema.serde;
