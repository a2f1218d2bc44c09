package dev.framelift.enhancer.footage;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.framelift.model.Image;

class FrameRateResamplerTest {
    @Test
    void shouldDropFramesWhenLoweringTheRateAndKeepTheDuration() throws Exception {
        List<SourceFrame> out = drain(new FrameRateResampler(source(10, 20), 5));

        assertThat(out).hasSize(10);
        assertThat(out).extracting(SourceFrame::sequence).containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L);
        assertThat(out).extracting(f -> f.image().pixels()[0]).containsExactly(
                (byte) 0, (byte) 2, (byte) 4, (byte) 6, (byte) 8, (byte) 10, (byte) 12, (byte) 14, (byte) 16, (byte) 18);
        assertThat(out.get(3).captureTime()).isEqualTo(START.plusMillis(600));
    }

    @Test
    void shouldRepeatFramesWhenRaisingTheRate() throws Exception {
        List<SourceFrame> out = drain(new FrameRateResampler(source(10, 3), 20));

        assertThat(out).extracting(f -> f.image().pixels()[0]).containsExactly(
                (byte) 0, (byte) 0, (byte) 1, (byte) 1, (byte) 2, (byte) 2);
    }

    private static final Instant START = Instant.parse("2024-05-01T10:00:00Z");

    /** {@code n} frames at {@code fps}, frame k's pixel value k. */
    private static FrameSource source(double fps, int n) {
        return new FrameSource() {
            private int k;

            @Override
            public SourceFrame next() {
                if (k >= n) {
                    return null;
                }
                Image image = new Image(1, 1, 1, new byte[] {(byte) k});
                SourceFrame frame = SourceFrame.decoded(image, k, START.plusNanos(Math.round(k * 1e9 / fps)));
                k++;
                return frame;
            }

            @Override
            public double frameRate() {
                return fps;
            }

            @Override
            public long expectedFrames() {
                return n;
            }

            @Override
            public String describe() {
                return "test";
            }

            @Override
            public void close() {
            }
        };
    }

    private static List<SourceFrame> drain(FrameSource source) throws Exception {
        List<SourceFrame> frames = new ArrayList<>();
        for (SourceFrame f; (f = source.next()) != null; ) {
            frames.add(f);
        }
        return frames;
    }
}
