package dev.framelift.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileTreesTest {
    @TempDir
    Path tmp;

    @Test
    void shouldDeleteAFolderWithNestedFilesAndLeaveItsSiblings() throws IOException {
        final Path dir = tmp.resolve("model");
        Files.createDirectories(dir.resolve("variables"));
        Files.writeString(dir.resolve("card.json"), "{}");
        Files.write(dir.resolve("variables").resolve("variables.index"), new byte[] {1, 2, 3});
        final Path sibling = Files.writeString(tmp.resolve("model.zip"), "kept");

        FileTrees.deleteRecursively(dir);

        assertThat(dir).doesNotExist();
        assertThat(sibling).hasContent("kept");
    }

    @Test
    void shouldDoNothingForAFolderThatDoesNotExist() throws IOException {
        FileTrees.deleteRecursively(tmp.resolve("never-made"));

        assertThat(tmp).isEmptyDirectory();
    }
}
