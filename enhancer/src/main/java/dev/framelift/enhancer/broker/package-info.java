/**
 * A real single-node Kafka broker (KRaft, combined broker and controller) started in-process
 * from the Kafka jars: the broker of {@code framelift broker}, {@code framelift demo} and the
 * integration tests. It is Kafka itself, not an imitation; only its defaults are sized for one
 * machine. Its log directory is formatted once and keeps its ports and secrets, so a restarted
 * broker is the same broker; its client listener can require TLS and SASL/SCRAM.
 */
package dev.framelift.enhancer.broker;
