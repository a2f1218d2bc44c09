package dev.framelift.enhancer.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.framelift.enhancer.testing.TestPayloads;
import dev.framelift.schema.EnhancedFrame;
import dev.framelift.schema.Encoding;
import dev.framelift.schema.Timings;

/** {@code demo --out} removes only what the demo wrote, and never overwrites a user's file. */
class DemoOutputTest {
    @TempDir
    Path dir;

    @Test
    void shouldRefuseAFolderItDidNotWrite() throws IOException {
        Path out = Files.createDirectories(dir.resolve("Pictures"));
        Files.write(out.resolve("holiday.png"), TestPayloads.png(8, 8, false, 1));

        assertThatThrownBy(() -> new DemoOutput(out)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not empty").hasMessageContaining("Pictures");
        assertThat(out.resolve("holiday.png")).exists();
    }

    @Test
    void shouldRemoveOnlyWhatAnEarlierDemoWrote() throws IOException {
        Path out = dir.resolve("demo-out");
        new DemoOutput(out).write(1, frame("cam-1"), TestPayloads.png(8, 8, false, 2));
        assertThat(out.resolve("0001-cam-1-sr-x2.png")).exists();
        Files.write(out.resolve("mine.png"), TestPayloads.png(8, 8, false, 3));
        Files.write(out.resolve("before/mine.png"), TestPayloads.png(8, 8, false, 4));

        new DemoOutput(out);

        assertThat(out.resolve("0001-cam-1-sr-x2.png")).doesNotExist();
        assertThat(out.resolve("before/0001-cam-1-sr-x2.png")).doesNotExist();
        assertThat(out.resolve("compare/0001-cam-1-sr-x2.png")).doesNotExist();
        assertThat(out.resolve("mine.png")).exists();
        assertThat(out.resolve("before/mine.png")).exists();
    }

    @Test
    void shouldNeitherOverwriteNorLaterDeleteAUserFileWithTheSameName() throws IOException {
        Path out = dir.resolve("demo-out");
        new DemoOutput(out);
        byte[] users = TestPayloads.png(8, 8, false, 5);
        Files.write(out.resolve("0001-cam-1-sr-x2.png"), users);

        assertThatThrownBy(() -> new DemoOutput(out).write(1, frame("cam-1"), TestPayloads.png(8, 8, false, 6)))
                .isInstanceOf(FileAlreadyExistsException.class);
        new DemoOutput(out);

        assertThat(out.resolve("0001-cam-1-sr-x2.png")).hasBinaryContent(users);
    }

    @Test
    void shouldKeepStreamIdsFromWritingOutsideTheFolder() throws IOException {
        Path out = dir.resolve("demo-out");
        new DemoOutput(out).write(1, frame("../../escape"), TestPayloads.png(8, 8, false, 7));

        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("demo-out");
        }
    }

    private static EnhancedFrame frame(String streamId) {
        return EnhancedFrame.newBuilder().setStreamId(streamId).setSequence(0).setCaptureTime(Instant.now())
                .setTask("sr-x2").setModelVersion("test").setInputWidth(8).setInputHeight(8).setWidth(16).setHeight(16)
                .setEncoding(Encoding.PNG).setPayload(ByteBuffer.wrap(TestPayloads.png(16, 16, false, 9)))
                .setAttributes(Map.of()).setTimings(new Timings(0.0, 0.0, 0.0, 0.0, 1)).setEnhancedTime(Instant.now())
                .build();
    }
}
