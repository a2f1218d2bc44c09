package dev.framelift.enhancer.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.MissingSourceTopicException;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.junit.jupiter.api.Test;

class StreamHealthTest {
    private final AtomicLong clock = new AtomicLong();
    private final StreamHealth health = new StreamHealth(clock::get);

    @Test
    void shouldEndTheProcessWithOneLineWhenAStreamThreadRunsOutOfMemory() {
        StreamsException wrapped = new StreamsException("Exception caught in process. taskId=0_1, topic=frames.raw,\npartition=1, offset=42",
                new OutOfMemoryError("Java heap space"));

        assertThat(health.handle(wrapped)).isEqualTo(StreamThreadExceptionResponse.SHUTDOWN_CLIENT);
        assertThat(health.fatal()).isCompletedWithValueMatching(reason -> reason.contains("OutOfMemoryError")
                && reason.contains("offset=42") && !reason.contains("\n"));
    }

    @Test
    void shouldReplaceAFailedThreadUntilItKeepsDying() {
        RuntimeException failure = new IllegalStateException("broker went away");
        for (int i = 0; i < StreamHealth.MAX_REPLACEMENTS; i++) {
            assertThat(health.handle(failure)).isEqualTo(StreamThreadExceptionResponse.REPLACE_THREAD);
            clock.addAndGet(1_000_000_000L);
        }
        assertThat(health.fatal()).isNotDone();

        assertThat(health.handle(failure)).isEqualTo(StreamThreadExceptionResponse.SHUTDOWN_CLIENT);
        assertThat(health.fatal()).isCompletedWithValueMatching(reason -> reason.contains("died 4 times")
                && reason.contains("broker went away"));
    }

    @Test
    void shouldForgetReplacementsOlderThanTheWindow() {
        for (int i = 0; i < 10; i++) {
            assertThat(health.handle(new IllegalStateException("rare"))).isEqualTo(StreamThreadExceptionResponse.REPLACE_THREAD);
            clock.addAndGet(StreamHealth.REPLACEMENT_WINDOW.toNanos() / 2);
        }
        assertThat(health.fatal()).isNotDone();
    }

    @Test
    void shouldEndTheProcessWhenASourceTopicIsMissing() {
        assertThat(health.handle(new MissingSourceTopicException("One or more source topics were missing")))
                .isEqualTo(StreamThreadExceptionResponse.SHUTDOWN_CLIENT);
        assertThat(health.fatal()).isCompletedWithValueMatching(reason -> reason.contains("source topic is missing"));
    }

    @Test
    void shouldTreatNothingAsFatalOnceStopping() {
        health.stopping();

        assertThat(health.handle(new OutOfMemoryError())).isEqualTo(StreamThreadExceptionResponse.SHUTDOWN_CLIENT);
        health.stateChanged(KafkaStreams.State.ERROR);
        assertThat(health.fatal()).isNotDone();
    }

    @Test
    void shouldEndTheProcessWhenKafkaStreamsReachesError() {
        health.stateChanged(KafkaStreams.State.PENDING_ERROR);
        assertThat(health.fatal()).isNotDone();

        health.stateChanged(KafkaStreams.State.ERROR);
        assertThat(health.fatal()).isCompletedWithValueMatching(reason -> reason.contains("ERROR"));
    }

    @Test
    void shouldEndTheProcessWhenThreadsStayMissingOnTwoCensuses() {
        health.census(7, 8, KafkaStreams.State.RUNNING);
        health.census(8, 8, KafkaStreams.State.RUNNING);
        health.census(7, 8, KafkaStreams.State.REBALANCING);
        assertThat(health.fatal()).isNotDone();

        health.census(7, 8, KafkaStreams.State.RUNNING);
        assertThat(health.fatal()).isCompletedWithValueMatching(reason -> reason.contains("only 7 of 8"));
    }
}
