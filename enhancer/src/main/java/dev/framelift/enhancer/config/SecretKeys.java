package dev.framelift.enhancer.config;

import java.util.List;
import java.util.Locale;

import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.streams.StreamsConfig;

/**
 * Which settings hold secrets, so that they are never printed: every key Kafka's own client and
 * Streams definitions declare as a PASSWORD ({@code ssl.truststore.password},
 * {@code sasl.jaas.config}, ...), with or without the {@code kafka.} and client prefixes, and any
 * key whose name says password, secret, token, credential or JAAS.
 */
public final class SecretKeys {
    /** What a secret value is printed as. */
    public static final String MASK = "[hidden]";

    private static final List<String> CLIENT_PREFIXES = List.of(StreamsConfig.MAIN_CONSUMER_PREFIX,
            StreamsConfig.RESTORE_CONSUMER_PREFIX, StreamsConfig.GLOBAL_CONSUMER_PREFIX, StreamsConfig.CONSUMER_PREFIX,
            StreamsConfig.PRODUCER_PREFIX, StreamsConfig.ADMIN_CLIENT_PREFIX);
    private static final List<ConfigDef> KAFKA_DEFINITIONS = List.of(StreamsConfig.configDef(),
            ProducerConfig.configDef(), ConsumerConfig.configDef(), AdminClientConfig.configDef());
    private static final List<String> SECRET_WORDS = List.of("password", "secret", "token", "credential", "jaas");

    private SecretKeys() {
    }

    public static boolean isSecret(String key) {
        String bare = key.startsWith(EnhancerConfig.KAFKA_PREFIX) ? key.substring(EnhancerConfig.KAFKA_PREFIX.length()) : key;
        for (String prefix : CLIENT_PREFIXES) {
            if (bare.startsWith(prefix)) {
                bare = bare.substring(prefix.length());
                break;
            }
        }
        final String lower = bare.toLowerCase(Locale.ROOT);
        if (SECRET_WORDS.stream().anyMatch(lower::contains)) {
            return true;
        }
        // listener- or mechanism-scoped variants end in a known key, e.g. listener.name.x.ssl.key.password
        for (ConfigDef definition : KAFKA_DEFINITIONS) {
            for (ConfigDef.ConfigKey known : definition.configKeys().values()) {
                if (known.type == ConfigDef.Type.PASSWORD && (lower.equals(known.name) || lower.endsWith("." + known.name))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** {@code value}, or {@link #MASK} when {@code key} holds a secret. */
    public static Object printable(String key, Object value) {
        return isSecret(key) ? MASK : value;
    }
}
