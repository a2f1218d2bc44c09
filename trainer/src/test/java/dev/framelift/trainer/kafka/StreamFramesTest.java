package dev.framelift.trainer.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.framelift.schema.Encoding;
import dev.framelift.schema.Frame;
import dev.framelift.trainer.data.RgbImage;

class StreamFramesTest {
    @Test
    void shouldKeepAnEvenSampleOfAStreamOfUnknownLength() {
        StreamFrames.Sample sample = new StreamFrames.Sample(100);
        for (int i = 0; i < 1000; i++) {
            sample.offer(frame(i));
        }
        List<Long> kept = sample.result().stream().map(k -> k.sequence()).toList();
        assertThat(kept).hasSize(100).isSorted();
        assertThat(kept.get(0)).isZero();
        assertThat(kept.get(99)).isGreaterThan(900);
        for (int i = 1; i < kept.size(); i++) {
            assertThat(kept.get(i) - kept.get(i - 1)).as("no part of the stream is left out").isBetween(8L, 16L);
        }
    }

    @Test
    void shouldKeepEveryFrameWhileThereIsRoom() {
        StreamFrames.Sample sample = new StreamFrames.Sample(100);
        for (int i = 0; i < 60; i++) {
            sample.offer(frame(i));
        }
        assertThat(sample.result()).hasSize(60);
    }

    @Test
    void shouldDecodeRawGrayAndRgbPayloads() {
        Frame gray = Frame.newBuilder().setStreamId("s").setSequence(0).setCaptureTime(Instant.EPOCH).setTask("colorize")
                .setEncoding(Encoding.GRAY8).setWidth(2).setHeight(1).setPayload(ByteBuffer.wrap(new byte[] {10, 20})).build();
        RgbImage image = StreamFrames.decode(gray);
        assertThat(image.pixels()).containsExactly(10, 10, 10, 20, 20, 20);
        Frame junk = Frame.newBuilder(gray).setEncoding(Encoding.PNG).build();
        assertThat(StreamFrames.decode(junk)).isNull();
    }

    private static StreamFrames.Kept frame(long sequence) {
        return new StreamFrames.Kept(sequence, 0, sequence, null);
    }
}
