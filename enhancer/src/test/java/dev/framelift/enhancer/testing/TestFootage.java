package dev.framelift.enhancer.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/** The clip the repository ships in {@code samples/}, and damaged copies of it. */
public final class TestFootage {
    /** Frames, size and rate of {@code samples/lobby.mp4} (see samples/SOURCES.md). */
    public static final int LOBBY_FRAMES = 50;
    public static final int LOBBY_WIDTH = 768;
    public static final int LOBBY_HEIGHT = 576;
    public static final double LOBBY_FPS = 10;

    private TestFootage() {
    }

    /** {@code samples/lobby.mp4}, found from the module or the repository root. */
    public static Path lobbyClip() {
        for (Path candidate : new Path[] {Path.of("..", "samples", "lobby.mp4"), Path.of("samples", "lobby.mp4")}) {
            if (Files.isRegularFile(candidate)) {
                return candidate.toAbsolutePath().normalize();
            }
        }
        throw new IllegalStateException("samples/lobby.mp4 is missing from the checkout");
    }

    /** The clip's first kilobytes followed by noise: a header FFmpeg recognises, and garbage after it. */
    public static Path damagedClip(Path dir) throws IOException {
        byte[] clip = Files.readAllBytes(lobbyClip());
        byte[] damaged = Arrays.copyOf(clip, clip.length);
        java.util.Random random = new java.util.Random(7);
        for (int i = 64; i < damaged.length; i++) {
            damaged[i] = (byte) random.nextInt(256);
        }
        return Files.write(dir.resolve("damaged.mp4"), damaged);
    }

    /** Text that only claims to be a video. */
    public static Path notAVideo(Path dir) throws IOException {
        return Files.writeString(dir.resolve("holiday.mp4"), "this is not a video, just text with an .mp4 name\n");
    }
}
