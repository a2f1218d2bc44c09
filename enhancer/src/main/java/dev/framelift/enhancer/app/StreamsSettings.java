package dev.framelift.enhancer.app;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;

import dev.framelift.enhancer.config.EnhancerConfig;
import dev.framelift.enhancer.stream.LenientTimestampExtractor;

/**
 * Maps an {@link EnhancerConfig} onto Kafka Streams properties, with message limits raised
 * consistently and the timeouts of {@link TimeoutChain} derived from {@code frame.deadline.ms}, and
 * refuses {@code kafka.} overrides that would undo exactly-once processing or silently shadow an
 * enhancer key.
 */
public final class StreamsSettings {
    /** Streams-level keys that decide what happens to a frame that fails: FrameLift's topology owns that. */
    private static final Set<String> GUARANTEE_KEYS = Set.of(
            StreamsConfig.PROCESSING_GUARANTEE_CONFIG,
            StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG,
            StreamsConfig.DEFAULT_DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
            StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
            StreamsConfig.DEFAULT_PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG,
            StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG);
    /** Streams keys set from an enhancer key, which is the one to use. */
    private static final Map<String, String> SHADOWED_KEYS = Map.of(
            StreamsConfig.APPLICATION_ID_CONFIG, EnhancerConfig.APPLICATION_ID,
            StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, EnhancerConfig.BOOTSTRAP_SERVERS,
            StreamsConfig.NUM_STREAM_THREADS_CONFIG, EnhancerConfig.STREAM_THREADS,
            StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, EnhancerConfig.COMMIT_INTERVAL_MS,
            StreamsConfig.STATE_DIR_CONFIG, EnhancerConfig.STATE_DIR);
    /** Client keys (bare or with a Streams client prefix) and the only values exactly-once allows. */
    private static final Map<String, Predicate<String>> CLIENT_KEYS = Map.of(
            ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"::equalsIgnoreCase,
            ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false"::equalsIgnoreCase,
            ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true"::equalsIgnoreCase,
            ProducerConfig.ACKS_CONFIG, value -> value.equalsIgnoreCase("all") || value.equals("-1"),
            ProducerConfig.TRANSACTIONAL_ID_CONFIG, value -> false,
            ProducerConfig.RETRIES_CONFIG, value -> !value.strip().equals("0"),
            ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, value -> value.strip().matches("[1-5]"));
    private static final List<String> CLIENT_PREFIXES = List.of("", StreamsConfig.CONSUMER_PREFIX,
            StreamsConfig.MAIN_CONSUMER_PREFIX, StreamsConfig.RESTORE_CONSUMER_PREFIX, StreamsConfig.GLOBAL_CONSUMER_PREFIX,
            StreamsConfig.PRODUCER_PREFIX);

    private StreamsSettings() {
    }

    /**
     * The timeouts Kafka Streams will run with, checked against each other.
     *
     * @throws org.apache.kafka.common.config.ConfigException if they do not nest (one line that
     *     names the settings)
     */
    public static TimeoutChain timeouts(EnhancerConfig config) {
        return TimeoutChain.validate(config, of(config));
    }

    /**
     * @throws ConfigException naming the {@code kafka.} key, for an override that would weaken exactly-once
     */
    public static Properties of(EnhancerConfig config) {
        refuseUnsafeOverrides(config.kafkaOverrides());
        // only when set: the default frame limit above a lowered record limit is harmless (no such record arrives)
        if (config.originals().containsKey(EnhancerConfig.FRAME_MAX_BYTES)
                && config.getInt(EnhancerConfig.FRAME_MAX_BYTES) >= config.messageMaxBytes()) {
            throw new ConfigException(EnhancerConfig.FRAME_MAX_BYTES, config.getInt(EnhancerConfig.FRAME_MAX_BYTES),
                    "must be smaller than " + EnhancerConfig.MESSAGE_MAX_BYTES + " (" + config.messageMaxBytes()
                            + "), which also holds the record around the image");
        }
        final int largestRecord = config.rejectedMessageMaxBytes();
        final Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, config.getString(EnhancerConfig.APPLICATION_ID));
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, config.getInt(EnhancerConfig.STREAM_THREADS));
        p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, config.getLong(EnhancerConfig.COMMIT_INTERVAL_MS));
        p.put(StreamsConfig.STATE_DIR_CONFIG, config.getString(EnhancerConfig.STATE_DIR));
        p.put(StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG, Serdes.ByteArraySerde.class);
        p.put(StreamsConfig.DEFAULT_VALUE_SERDE_CLASS_CONFIG, Serdes.ByteArraySerde.class);
        p.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0);
        // The topology has no global state; enabling this only opts in to Kafka 5.0's default now.
        p.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true);
        // Each stream thread's partition assignor builds a StreamsConfig from the main consumer's
        // settings and would warn, once per thread, that the key above is off: give it the key too.
        p.put(StreamsConfig.mainConsumerPrefix(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG), true);

        p.put(StreamsConfig.producerPrefix(ProducerConfig.MAX_REQUEST_SIZE_CONFIG), largestRecord);
        p.put(StreamsConfig.producerPrefix(ProducerConfig.BUFFER_MEMORY_CONFIG), Math.max(32L << 20, 3L * largestRecord));
        p.put(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), 5);
        p.put(StreamsConfig.consumerPrefix(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG), largestRecord);
        p.put(StreamsConfig.consumerPrefix(ConsumerConfig.FETCH_MAX_BYTES_CONFIG), Math.max(52_428_800, 2 * largestRecord));
        // Each record blocks for its inference; small polls keep rebalances and shutdown prompt.
        p.put(StreamsConfig.consumerPrefix(ConsumerConfig.MAX_POLL_RECORDS_CONFIG), 50);
        p.put(StreamsConfig.topicPrefix("max.message.bytes"), largestRecord);
        // A record with a negative timestamp must be enhanced like any other, not stop the thread.
        p.put(StreamsConfig.DEFAULT_TIMESTAMP_EXTRACTOR_CLASS_CONFIG, LenientTimestampExtractor.class);
        p.putAll(TimeoutChain.kafkaDefaults(config));
        p.putAll(config.kafkaOverrides());
        return p;
    }

    /**
     * Refuses, naming the first offending key, overrides that would let a frame be lost, doubled or
     * read uncommitted: the processing guarantee, the exception handlers, and client settings
     * that exactly-once depends on (isolation level, auto-commit, idempotence, acks, transactional
     * id, retries, in-flight requests); and keys that shadow an enhancer key.
     *
     * @param overrides the {@code kafka.} settings without their prefix
     */
    static void refuseUnsafeOverrides(Map<String, Object> overrides) {
        for (Map.Entry<String, Object> entry : overrides.entrySet()) {
            final String key = entry.getKey().toLowerCase(Locale.ROOT);
            final String value = String.valueOf(entry.getValue()).strip();
            final String shown = EnhancerConfig.KAFKA_PREFIX + entry.getKey();
            if (GUARANTEE_KEYS.contains(key)) {
                throw new ConfigException(shown, value, "FrameLift always runs exactly_once_v2 and answers every frame "
                        + "itself (enhanced or rejected with a reason); this key cannot be overridden");
            }
            if (SHADOWED_KEYS.containsKey(key)) {
                throw new ConfigException(shown, value, "set the enhancer key '" + SHADOWED_KEYS.get(key) + "' instead");
            }
            for (String prefix : CLIENT_PREFIXES) {
                if (key.startsWith(prefix) && CLIENT_KEYS.containsKey(key.substring(prefix.length()))
                        && !CLIENT_KEYS.get(key.substring(prefix.length())).test(value)) {
                    throw new ConfigException(shown, value, "exactly-once processing depends on this client setting; "
                            + "Kafka Streams sets it, and this value would weaken it");
                }
            }
        }
    }
}
