package dev.framelift.enhancer.app;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.framelift.enhancer.config.EnhancerConfig;
import dev.framelift.schema.Topics;

class TopicLimitsTest {
    private static final long MIB = 1 << 20;
    private final EnhancerConfig config = new EnhancerConfig(Map.of(EnhancerConfig.MESSAGE_MAX_BYTES, String.valueOf(4 * MIB)));

    @Test
    void shouldAcceptTopicsCreatedByTheEnhancerAndSmallerInputs() {
        assertThatCode(() -> TopicLimits.check(config, Map.of(Topics.RAW, MIB, Topics.ENHANCED, 4 * MIB,
                Topics.REJECTED, 5 * MIB))).doesNotThrowAnyException();
    }

    @Test
    void shouldRefuseAnInputTopicThatAcceptsRecordsTooLargeToBeRejected() {
        assertThatThrownBy(() -> TopicLimits.check(config, Map.of(Topics.RAW, 8 * MIB)))
                .hasMessage("topic frames.raw has max.message.bytes=8388608, more than message.max.bytes=4194304, so its "
                        + "largest frames could not be set aside on frames.rejected; set message.max.bytes to 8388608 or "
                        + "lower the topic's max.message.bytes");
    }

    @Test
    void shouldRefuseAnOutputTopicSmallerThanTheConfiguredLimit() {
        assertThatThrownBy(() -> TopicLimits.check(config, Map.of(Topics.ENHANCED, MIB)))
                .hasMessageStartingWith("topic frames.enhanced has max.message.bytes=1048576, less than message.max.bytes=4194304");
    }

    @Test
    void shouldRefuseARejectedTopicWithoutRoomForTheOriginalBytes() {
        assertThatThrownBy(() -> TopicLimits.check(config, Map.of(Topics.REJECTED, 4 * MIB)))
                .hasMessageStartingWith("topic frames.rejected has max.message.bytes=4194304, less than message.max.bytes + 1 MiB = 5242880");
    }
}
