package dev.framelift.enhancer.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.framelift.schema.RejectReason;
import dev.framelift.schema.RejectedFrame;

class ReplayFilterTest {
    private static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");

    @Test
    void shouldReadTimesAgoAndInstants() {
        assertThat(ReplayFilter.since("90m", NOW)).isEqualTo(NOW.minus(Duration.ofMinutes(90)));
        assertThat(ReplayFilter.since("2h", NOW)).isEqualTo(NOW.minus(Duration.ofHours(2)));
        assertThat(ReplayFilter.since("1d", NOW)).isEqualTo(NOW.minus(Duration.ofDays(1)));
        assertThat(ReplayFilter.since("PT30S", NOW)).isEqualTo(NOW.minus(Duration.ofSeconds(30)));
        assertThat(ReplayFilter.since("2026-11-29T08:00:00Z", NOW)).isEqualTo(Instant.parse("2026-11-29T08:00:00Z"));
        assertThat(ReplayFilter.since("2026-11-29T09:00:00+01:00", NOW)).isEqualTo(Instant.parse("2026-11-29T08:00:00Z"));
    }

    @Test
    void shouldRefuseAnUnknownMomentSayingWhatIsAccepted() {
        assertThatThrownBy(() -> ReplayFilter.since("yesterday", NOW)).hasMessageContaining("2h");
    }

    @Test
    void shouldMatchReasonStreamAndTime() {
        ReplayFilter filter = new ReplayFilter(RejectReason.UNKNOWN_TASK, Optional.of("cam-1"),
                Optional.of(NOW.minus(Duration.ofHours(1))));

        assertThat(filter.matches(rejected(RejectReason.UNKNOWN_TASK, "cam-1", NOW))).isTrue();
        assertThat(filter.matches(rejected(RejectReason.CORRUPT_IMAGE, "cam-1", NOW))).isFalse();
        assertThat(filter.matches(rejected(RejectReason.UNKNOWN_TASK, "cam-2", NOW))).isFalse();
        assertThat(filter.matches(rejected(RejectReason.UNKNOWN_TASK, "cam-1", NOW.minus(Duration.ofHours(2))))).isFalse();
    }

    @Test
    void shouldTakeTheKeyAsStreamWhenTheFrameCouldNotBeDecoded() {
        RejectedFrame undecodable = rejected(RejectReason.UNDECODABLE_RECORD, null, NOW);
        undecodable.setOriginalKey(ByteBuffer.wrap("cam-9".getBytes(StandardCharsets.UTF_8)));

        assertThat(new ReplayFilter(RejectReason.UNDECODABLE_RECORD, Optional.of("cam-9"), Optional.empty())
                .matches(undecodable)).isTrue();
    }

    private static RejectedFrame rejected(RejectReason reason, String stream, Instant when) {
        return RejectedFrame.newBuilder().setReason(reason).setMessage("test").setSourceTopic("frames.raw")
                .setSourcePartition(0).setSourceOffset(0).setStreamId(stream).setRejectedTime(when).build();
    }
}
