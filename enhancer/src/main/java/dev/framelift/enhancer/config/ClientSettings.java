package dev.framelift.enhancer.config;

import java.util.Properties;
import java.util.Set;

import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * Properties for the plain Kafka clients FrameLift makes besides Kafka Streams (topic set-up,
 * demo, benchmark, replay, chaos, audit), so that every one of them reaches the cluster the way
 * the enhancer does: {@code bootstrap.servers} plus each {@code kafka.} setting that this kind
 * of client understands (security above all), and {@code kafka.producer.*},
 * {@code kafka.consumer.*} and {@code kafka.admin.*} settings for that kind alone, as Kafka
 * Streams reads them. Callers add what their job needs on top.
 */
public final class ClientSettings {
    private ClientSettings() {
    }

    public static Properties producer(EnhancerConfig config) {
        return of(config, ProducerConfig.configNames(), "producer.");
    }

    /** Never creates a topic it reads: a missing one is created by the enhancer, with its limits, or not at all. */
    public static Properties consumer(EnhancerConfig config) {
        final Properties props = of(config, ConsumerConfig.configNames(), "consumer.");
        props.putIfAbsent(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        return props;
    }

    public static Properties admin(EnhancerConfig config) {
        return of(config, AdminClientConfig.configNames(), "admin.");
    }

    private static Properties of(EnhancerConfig config, Set<String> known, String prefix) {
        final Properties props = new Properties();
        props.put("bootstrap.servers", config.bootstrapServers());
        props.putAll(config.kafkaOverridesFor(known));
        // prefixed settings win over plain ones, as in Kafka Streams
        config.kafkaOverrides().forEach((key, value) -> {
            if (key.startsWith(prefix) && known.contains(key.substring(prefix.length()))) {
                props.put(key.substring(prefix.length()), value);
            }
        });
        return props;
    }
}
