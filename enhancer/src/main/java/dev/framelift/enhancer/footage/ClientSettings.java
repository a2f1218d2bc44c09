package dev.framelift.enhancer.footage;

import java.util.Properties;
import java.util.Set;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;

import dev.framelift.enhancer.config.EnhancerConfig;

/**
 * Plain Kafka client settings for {@code ingest} and {@code export}, from the enhancer's
 * configuration: its bootstrap servers, its record size limit, and the {@code kafka.*}
 * overrides that a producer or consumer understands (security settings, above all).
 */
final class ClientSettings {
    private ClientSettings() {
    }

    /** Idempotent, acks=all, one batch in flight (see the README on freshly created topics). */
    static Properties producer(EnhancerConfig config) {
        final Properties p = common(config);
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
        p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, config.messageMaxBytes());
        p.put(ProducerConfig.BUFFER_MEMORY_CONFIG, Math.max(32L << 20, 3L * config.messageMaxBytes()));
        p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        overrides(config, p, ProducerConfig.configNames());
        return p;
    }

    /** read_committed, no group (partitions are assigned), large enough for the biggest record. */
    static Properties consumer(EnhancerConfig config) {
        final Properties p = common(config);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, config.rejectedMessageMaxBytes());
        p.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, Math.max(52_428_800, 2 * config.rejectedMessageMaxBytes()));
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 50);
        overrides(config, p, ConsumerConfig.configNames());
        return p;
    }

    private static Properties common(EnhancerConfig config) {
        final Properties p = new Properties();
        p.put("bootstrap.servers", config.bootstrapServers());
        return p;
    }

    private static void overrides(EnhancerConfig config, Properties p, Set<String> known) {
        config.kafkaOverrides().forEach((key, value) -> {
            if (known.contains(key)) {
                p.put(key, value);
            }
        });
    }
}
