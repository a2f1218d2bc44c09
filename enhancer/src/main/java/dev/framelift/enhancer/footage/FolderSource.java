package dev.framelift.enhancer.footage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;

import dev.framelift.model.ImageFiles;

/**
 * The PNG and JPEG files of a folder and its sub-folders, in natural order of their paths
 * relative to the folder ({@code scan2.png} before {@code scan10.png}). Capture times are the
 * files' modification times; the files are read one at a time.
 */
public final class FolderSource implements FrameSource {
    private final Path folder;
    private final List<Path> files;
    private int next;

    private FolderSource(Path folder, List<Path> files) {
        this.folder = folder;
        this.files = files;
    }

    /** @throws FootageException when the folder cannot be listed or holds no PNG or JPEG file */
    public static FolderSource open(Path folder) throws FootageException {
        final List<Path> files = list(folder);
        if (files.isEmpty()) {
            throw new FootageException("no PNG or JPEG files under " + folder);
        }
        return new FolderSource(folder, files);
    }

    /** One image file as a source of one frame. */
    static FolderSource ofFile(Path file) {
        final Path parent = file.toAbsolutePath().getParent();
        return new FolderSource(parent, java.util.List.of(file.toAbsolutePath()));
    }

    /**
     * Every PNG/JPEG under {@code folder} (any case of the extension), in natural order.
     * Symbolic links, the folder itself among them, are followed.
     */
    public static List<Path> list(Path folder) throws FootageException {
        final Comparator<Path> natural = Comparator.comparing(p -> folder.relativize(p).toString(), NaturalOrder.INSTANCE);
        try {
            return ImageFiles.under(folder).stream().sorted(natural).toList();
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new FootageException("cannot list " + folder + ": " + e.getMessage(), e);
        }
    }

    @Override
    public SourceFrame next() throws FootageException {
        if (next >= files.size()) {
            return null;
        }
        final Path file = files.get(next);
        try {
            final byte[] bytes = Files.readAllBytes(file);
            return new SourceFrame(null, bytes, next++, Files.getLastModifiedTime(file).toInstant(),
                    folder.relativize(file).toString());
        } catch (IOException e) {
            throw new FootageException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public double frameRate() {
        return 0;
    }

    @Override
    public long expectedFrames() {
        return files.size();
    }

    @Override
    public String describe() {
        return folder + " (" + files.size() + " images)";
    }

    @Override
    public void close() {
        // nothing held open between frames
    }
}
