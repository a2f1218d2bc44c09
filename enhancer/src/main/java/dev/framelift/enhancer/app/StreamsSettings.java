package dev.framelift.enhancer.app;

import java.util.Properties;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;

import dev.framelift.enhancer.config.EnhancerConfig;
import dev.framelift.enhancer.stream.LenientTimestampExtractor;

/**
 * Maps an {@link EnhancerConfig} onto Kafka Streams properties, with message limits raised
 * consistently and the timeouts of {@link TimeoutChain} derived from {@code frame.deadline.ms}.
 */
public final class StreamsSettings {
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

    public static Properties of(EnhancerConfig config) {
        int largestRecord = config.rejectedMessageMaxBytes();
        Properties p = new Properties();
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
        p.put("processing.exception.handler.global.enabled", true);

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
}
