package dev.framelift.enhancer.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

import dev.framelift.enhancer.app.StreamsSettings;
import dev.framelift.enhancer.config.EnhancerConfig;

class LenientTimestampExtractorTest {
    private final LenientTimestampExtractor extractor = new LenientTimestampExtractor();

    @Test
    void shouldKeepARecordsOwnTimestamp() {
        assertThat(extractor.extract(record(1234L), 99L)).isEqualTo(1234L);
    }

    @Test
    void shouldGiveARecordWithoutATimestampThePartitionTimeInsteadOfFailing() {
        assertThat(extractor.extract(record(-1L), 99L)).isEqualTo(99L);
    }

    @Test
    void shouldFallBackToTheWallClockOnAFreshPartition() {
        long before = System.currentTimeMillis();
        assertThat(extractor.extract(record(-1L), -1L)).isBetween(before, System.currentTimeMillis());
    }

    @Test
    void shouldBeTheEnhancersExtractor() {
        assertThat(StreamsSettings.of(new EnhancerConfig(java.util.Map.of()))
                .get(StreamsConfig.DEFAULT_TIMESTAMP_EXTRACTOR_CLASS_CONFIG)).isEqualTo(LenientTimestampExtractor.class);
    }

    private static ConsumerRecord<Object, Object> record(long timestamp) {
        return new ConsumerRecord<>("frames.raw", 0, 5L, timestamp, TimestampType.CREATE_TIME, 0, 0, null, null,
                new RecordHeaders(), Optional.empty());
    }
}
