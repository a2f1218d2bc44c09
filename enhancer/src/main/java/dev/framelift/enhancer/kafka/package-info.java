/**
 * Small helpers for the plain Kafka clients the commands make beside Kafka Streams (replay,
 * audit): reading a topic's committed records to its end without a consumer group.
 */
package dev.framelift.enhancer.kafka;
