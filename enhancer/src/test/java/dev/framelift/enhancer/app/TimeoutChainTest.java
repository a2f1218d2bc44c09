package dev.framelift.enhancer.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

import dev.framelift.enhancer.config.EnhancerConfig;

class TimeoutChainTest {
    @Test
    void shouldNestTheDefaults() {
        TimeoutChain chain = StreamsSettings.timeouts(config(Map.of()));

        assertThat(chain.frameDeadline()).isEqualTo(Duration.ofSeconds(20));
        assertThat(chain.transactionTimeout()).as("replacing Streams' own 10 s").isEqualTo(Duration.ofSeconds(60));
        assertThat(chain.roundBudget()).isEqualTo(Duration.ofSeconds(30));
        assertThat(chain.maxPollInterval()).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void shouldDeriveTheKafkaTimeoutsFromALongFrameDeadline() {
        TimeoutChain chain = StreamsSettings.timeouts(config(Map.of(EnhancerConfig.FRAME_DEADLINE_MS, "200000")));

        assertThat(chain.transactionTimeout()).isEqualTo(Duration.ofSeconds(600));
        assertThat(chain.maxPollInterval()).isEqualTo(Duration.ofSeconds(1200));
    }

    @Test
    void shouldHonourATransactionTimeoutTheUserRaised() {
        TimeoutChain chain = StreamsSettings.timeouts(config(Map.of("kafka.transaction.timeout.ms", "100000")));

        assertThat(chain.transactionTimeout()).isEqualTo(Duration.ofSeconds(100));
    }

    @Test
    void shouldRefuseATransactionTimeoutShorterThanTwoFrameDeadlines() {
        assertThatThrownBy(() -> StreamsSettings.timeouts(config(Map.of("kafka.producer.transaction.timeout.ms", "30000"))))
                .isInstanceOf(ConfigException.class)
                .hasMessage("transaction.timeout.ms=30000 must be at least 2 x frame.deadline.ms=20000 (40000), or a slow "
                        + "frame could outlive its transaction; raise kafka.transaction.timeout.ms or lower frame.deadline.ms");
    }

    @Test
    void shouldRefuseAMaxPollIntervalThatATransactionCouldOutlast() {
        assertThatThrownBy(() -> StreamsSettings.timeouts(config(Map.of("kafka.consumer.max.poll.interval.ms", "60000"))))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("max.poll.interval.ms=60000 must be above transaction.timeout.ms=60000");
    }

    @Test
    void shouldRefuseABatchWaitAsLongAsTheFrameDeadline() {
        assertThatThrownBy(() -> StreamsSettings.timeouts(config(Map.of(EnhancerConfig.FRAME_DEADLINE_MS, "1000",
                EnhancerConfig.BATCH_MAX_WAIT_MS, "1000"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("batch.max.wait.ms=1000 must be below");
    }

    private static EnhancerConfig config(Map<String, String> settings) {
        return new EnhancerConfig(new HashMap<>(settings));
    }
}
