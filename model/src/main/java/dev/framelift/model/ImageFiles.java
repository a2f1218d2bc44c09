package dev.framelift.model;

import java.io.IOException;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Which files are images to FrameLift, and how a folder of them is found: PNG and JPEG by
 * extension ({@code .png}, {@code .jpg}, {@code .jpeg}, any case). The trainer's photo folders
 * and the enhancer's footage folders are listed the same way.
 */
public final class ImageFiles {
    private ImageFiles() {
    }

    /** Whether the file's name ends in a PNG or JPEG extension. */
    public static boolean isImage(Path file) {
        final Path name = file.getFileName();
        if (name == null) {
            return false;
        }
        final String n = name.toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".png") || n.endsWith(".jpg") || n.endsWith(".jpeg");
    }

    /**
     * The image files under {@code root}, recursively, sorted by path. Symbolic links are
     * followed, the root among them, so a folder may be a link to where the images live or
     * hold links to them.
     *
     * @throws IOException when the folder cannot be walked
     */
    public static List<Path> under(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root, FileVisitOption.FOLLOW_LINKS)) {
            return files.filter(Files::isRegularFile).filter(ImageFiles::isImage).sorted().toList();
        }
    }
}
