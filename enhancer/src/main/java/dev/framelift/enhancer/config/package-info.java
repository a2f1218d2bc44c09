/**
 * The enhancer's configuration keys, each declared once with its type, default, bounds and doc
 * (as Kafka's {@code StreamsConfig} does); the settings of the plain Kafka clients FrameLift
 * makes beside Kafka Streams; and which keys hold secrets, never to be printed. The README's
 * configuration table is rendered from here.
 */
package dev.framelift.enhancer.config;
