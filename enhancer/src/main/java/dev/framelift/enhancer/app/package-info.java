/**
 * The running enhancer: wires configuration, models, the micro-batcher and the Kafka Streams
 * topology together, creates missing topics, and owns the lifecycle of all of them.
 */
package dev.framelift.enhancer.app;
