package dev.framelift.enhancer.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Properties;

import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.framelift.enhancer.config.EnhancerConfig;

class StreamsSettingsTest {
    @ParameterizedTest
    @CsvSource({
            "kafka.processing.guarantee, at_least_once",
            "kafka.processing.guarantee, exactly_once_v2",
            "kafka.processing.exception.handler, org.apache.kafka.streams.errors.LogAndContinueProcessingExceptionHandler",
            "kafka.default.deserialization.exception.handler, org.apache.kafka.streams.errors.LogAndContinueExceptionHandler",
            "kafka.deserialization.exception.handler, org.apache.kafka.streams.errors.LogAndContinueExceptionHandler",
            "kafka.default.production.exception.handler, com.example.Ignore",
            "kafka.production.exception.handler, com.example.Ignore",
            "kafka.isolation.level, read_uncommitted",
            "kafka.consumer.isolation.level, read_uncommitted",
            "kafka.main.consumer.isolation.level, read_uncommitted",
            "kafka.consumer.enable.auto.commit, true",
            "kafka.producer.enable.idempotence, false",
            "kafka.producer.acks, 1",
            "kafka.acks, 0",
            "kafka.producer.transactional.id, mine",
            "kafka.producer.retries, 0",
            "kafka.producer.max.in.flight.requests.per.connection, 6",
            "kafka.num.stream.threads, 4",
            "kafka.application.id, other",
    })
    void shouldRefuseOverridesThatWeakenExactlyOnceNamingTheKey(String key, String value) {
        EnhancerConfig config = new EnhancerConfig(Map.of(key, value));

        assertThatThrownBy(() -> StreamsSettings.of(config)).isInstanceOf(ConfigException.class)
                .hasMessageContaining(key);
    }

    @Test
    void shouldPassHarmlessOverridesThrough() {
        EnhancerConfig config = new EnhancerConfig(Map.of("kafka.consumer.session.timeout.ms", "6000",
                "kafka.producer.acks", "all", "kafka.consumer.isolation.level", "read_committed",
                "kafka.security.protocol", "SASL_SSL"));

        Properties settings = StreamsSettings.of(config);

        assertThat(settings).containsEntry("consumer.session.timeout.ms", "6000")
                .containsEntry("security.protocol", "SASL_SSL")
                .containsEntry(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    }

    @Test
    void shouldRefuseAFrameLimitThatTheRecordLimitCannotHold() {
        EnhancerConfig config = new EnhancerConfig(Map.of(EnhancerConfig.FRAME_MAX_BYTES, String.valueOf(2 << 20),
                EnhancerConfig.MESSAGE_MAX_BYTES, String.valueOf(2 << 20)));

        assertThatThrownBy(() -> StreamsSettings.of(config)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("frame.max.bytes").hasMessageContaining("message.max.bytes");
    }
}
