/**
 * The enhancer's configuration keys, each declared once with its type, default and doc (as
 * Kafka's {@code StreamsConfig} does), and their mapping onto Kafka Streams, producer, consumer
 * and topic settings. The README's configuration table is rendered from here.
 */
package dev.framelift.enhancer.config;
