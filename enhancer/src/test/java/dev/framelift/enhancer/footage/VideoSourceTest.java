package dev.framelift.enhancer.footage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.framelift.enhancer.testing.TestFootage;

/** Real FFmpeg decoding (JavaCV) of the clip the repository ships, and of damaged files. */
class VideoSourceTest {
    @Test
    void shouldDecodeEveryFrameOfTheShippedClipInOrderWithItsTiming() throws IOException {
        List<SourceFrame> frames = new ArrayList<>();
        try (VideoSource source = VideoSource.open(TestFootage.lobbyClip().toString())) {
            assertThat(source.frameRate()).isEqualTo(TestFootage.LOBBY_FPS);
            assertThat(source.expectedFrames()).isEqualTo(TestFootage.LOBBY_FRAMES);
            for (SourceFrame frame; (frame = source.next()) != null; ) {
                frames.add(frame);
            }
        }
        assertThat(frames).hasSize(TestFootage.LOBBY_FRAMES);
        for (int i = 0; i < frames.size(); i++) {
            SourceFrame frame = frames.get(i);
            assertThat(frame.sequence()).isEqualTo(i);
            assertThat(frame.image().width()).isEqualTo(TestFootage.LOBBY_WIDTH);
            assertThat(frame.image().height()).isEqualTo(TestFootage.LOBBY_HEIGHT);
            assertThat(frame.image().channels()).isEqualTo(3);
            assertThat(Duration.between(frames.get(0).captureTime(), frame.captureTime()))
                    .isEqualTo(Duration.ofMillis(100L * i));
        }
        // real pictures, not blank buffers: the grass at the bottom left is green
        byte[] px = frames.get(25).image().pixels();
        int at = ((TestFootage.LOBBY_HEIGHT - 100) * TestFootage.LOBBY_WIDTH + 100) * 3;
        assertThat(px[at + 1] & 0xFF).isGreaterThan((px[at] & 0xFF) + 20).isGreaterThan((px[at + 2] & 0xFF) + 20);
    }

    @Test
    void shouldRefuseTextNamedMp4WithAMessageNamingTheFile(@TempDir Path dir) throws IOException {
        Path fake = TestFootage.notAVideo(dir);

        assertThatThrownBy(() -> VideoSource.open(fake.toString()))
                .isInstanceOf(FootageException.class)
                .hasMessageStartingWith("cannot read video " + fake)
                .hasMessageNotContaining("\n");
    }

    @Test
    void shouldReportATruncatedClipInsteadOfEndingQuietly(@TempDir Path dir) throws IOException {
        byte[] clip = java.nio.file.Files.readAllBytes(TestFootage.lobbyClip());
        Path truncated = java.nio.file.Files.write(dir.resolve("cut.mp4"), java.util.Arrays.copyOf(clip, clip.length / 3));

        assertThatThrownBy(() -> {
            try (VideoSource source = VideoSource.open(truncated.toString())) {
                while (source.next() != null) {
                    // read to the end
                }
            }
        }).isInstanceOf(FootageException.class).hasMessageContaining("truncated or damaged");
    }

    @Test
    void shouldFailOnADamagedClipWithAClearErrorInsteadOfReturningGarbage(@TempDir Path dir) throws IOException {
        Path damaged = TestFootage.damagedClip(dir);

        assertThatThrownBy(() -> {
            try (VideoSource source = VideoSource.open(damaged.toString())) {
                while (source.next() != null) {
                    // read to the end
                }
            }
        }).isInstanceOf(FootageException.class).hasMessageContaining(damaged.toString());
    }
}
