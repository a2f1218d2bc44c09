package dev.framelift.enhancer.footage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FolderSourceTest {
    @Test
    void shouldListTheImagesOfALinkedFolderAndOfLinkedFiles(@TempDir Path dir) throws IOException, FootageException {
        final Path scans = Files.createDirectories(dir.resolve("scans"));
        Files.write(scans.resolve("scan10.png"), new byte[] {1});
        Files.write(scans.resolve("scan2.JPG"), new byte[] {1});
        Files.writeString(scans.resolve("notes.txt"), "not an image");
        final Path elsewhere = Files.write(dir.resolve("cover.jpeg"), new byte[] {1});
        final Path linked = Files.createSymbolicLink(dir.resolve("linked"), scans);
        Files.createSymbolicLink(scans.resolve("scan1.jpeg"), elsewhere);

        assertThat(FolderSource.list(linked)).extracting(p -> linked.relativize(p).toString())
                .containsExactly("scan1.jpeg", "scan2.JPG", "scan10.png");
    }
}
