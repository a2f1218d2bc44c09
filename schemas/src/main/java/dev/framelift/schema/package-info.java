/**
 * FrameLift's contracts: the Avro records that cross Kafka (generated from {@code src/main/avro}),
 * the topic names, and the single-object wire format. Nothing here knows about images or models;
 * both the enhancer and the trainer depend on this package and never on each other.
 */
package dev.framelift.schema;
