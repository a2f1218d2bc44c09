package dev.framelift.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageFilesTest {
    @TempDir
    Path dir;

    @Test
    void pngAndJpegInAnyCaseAreImages() {
        assertTrue(ImageFiles.isImage(Path.of("a/scan.PNG")));
        assertTrue(ImageFiles.isImage(Path.of("b.jpg")));
        assertTrue(ImageFiles.isImage(Path.of("c.JPeG")));
        assertFalse(ImageFiles.isImage(Path.of("clip.mp4")));
        assertFalse(ImageFiles.isImage(Path.of("png")));
        assertFalse(ImageFiles.isImage(Path.of("/")));
    }

    @Test
    void listsImagesRecursivelySortedAndFollowsLinks() throws IOException {
        final Path real = Files.createDirectories(dir.resolve("real/sub"));
        Files.write(real.resolve("b.jpg"), new byte[] {1});
        Files.write(dir.resolve("real/a.png"), new byte[] {1});
        Files.write(dir.resolve("real/notes.txt"), new byte[] {1});
        final Path link = Files.createSymbolicLink(dir.resolve("link"), dir.resolve("real"));
        assertEquals(List.of(link.resolve("a.png"), link.resolve("sub/b.jpg")), ImageFiles.under(link));
    }

    @Test
    void aMissingFolderIsAnError() {
        assertThrows(IOException.class, () -> ImageFiles.under(dir.resolve("missing")));
    }
}
