/**
 * {@code framelift bench}: measures inference alone and the whole Kafka path on the same frames,
 * so that the cost of everything around the model (Kafka, Avro, decoding, encoding) shows as a
 * ratio. Quality and speed claims in the READMEs come from here, not from timed tests.
 */
package dev.framelift.enhancer.bench;
