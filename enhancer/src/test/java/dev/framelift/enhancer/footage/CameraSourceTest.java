package dev.framelift.enhancer.footage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.framelift.enhancer.testing.TestFootage;

/**
 * The reconnect logic of a live source, driven by real FFmpeg: a "camera" that is the shipped
 * clip ends after its last frame, which a live source treats as a drop.
 */
class CameraSourceTest {
    @Test
    void shouldSayItDroppedReconnectAndKeepCountingFrames(@TempDir Path dir) throws IOException {
        Path camera = Files.copy(TestFootage.lobbyClip(), dir.resolve("camera.mp4"));
        List<String> notices = new ArrayList<>();
        List<Duration> waits = new ArrayList<>();
        List<Long> sequences = new ArrayList<>();
        CameraSource source = CameraSource.open(camera.toString(), notices::add, waits::add);
        try (source) {
            for (int i = 0; i < TestFootage.LOBBY_FRAMES + 5; i++) {
                sequences.add(source.next().sequence());
            }
        }
        assertThat(sequences).hasSize(TestFootage.LOBBY_FRAMES + 5);
        for (int i = 0; i < sequences.size(); i++) {
            assertThat(sequences.get(i)).isEqualTo(i);
        }
        assertThat(notices).hasSize(2);
        assertThat(notices.get(0)).contains("dropped (the stream ended)").contains("reconnecting in 1 s (attempt 1)");
        assertThat(notices.get(1)).contains("reconnected after 1 attempt(s)");
        assertThat(waits).containsExactly(Duration.ofSeconds(1));
    }

    @Test
    void shouldBackOffExponentiallyWhileTheCameraStaysAway(@TempDir Path dir) throws IOException {
        Path camera = Files.copy(TestFootage.lobbyClip(), dir.resolve("camera.mp4"));
        List<String> notices = new ArrayList<>();
        List<Duration> waits = new ArrayList<>();
        CameraSource source = CameraSource.open(camera.toString(), notices::add, wait -> {
            waits.add(wait);
            if (waits.size() == 7) {
                throw new InterruptedException("the test has seen enough");
            }
        });
        try (source) {
            for (int i = 0; i < TestFootage.LOBBY_FRAMES; i++) {
                source.next();
            }
            Files.delete(camera);
            assertThat(source.next()).as("interrupted while backing off").isNull();
        }
        assertThat(waits).extracting(Duration::toSeconds).containsExactly(1L, 2L, 4L, 8L, 16L, 30L, 30L);
        assertThat(notices.get(1)).contains("reconnect failed").contains("attempt 2");
        Thread.interrupted();
    }
}
