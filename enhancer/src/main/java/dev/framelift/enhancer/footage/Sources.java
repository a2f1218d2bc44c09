package dev.framelift.enhancer.footage;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Consumer;

import dev.framelift.model.ImageFiles;

/**
 * Opens what a person names as footage: {@code -} (images on stdin), a live stream URL
 * ({@code rtsp://}, {@code rtmp://}, {@code srt://}, {@code udp://}), a folder or a single image
 * file, or a video file (or any other URL FFmpeg reads).
 */
public final class Sources {
    private Sources() {
    }

    /**
     * @param stdin the stream {@code -} stands for
     * @param maxImageBytes the largest image accepted on stdin
     * @param notices where a live camera reports drops and reconnects
     * @throws FootageException naming the source and what is wrong with it
     */
    public static FrameSource open(String source, InputStream stdin, long maxImageBytes, Consumer<String> notices)
            throws FootageException {
        if (source.equals("-")) {
            return new StdinSource(stdin, maxImageBytes);
        }
        final String lower = source.toLowerCase(Locale.ROOT);
        if (isLive(lower)) {
            return CameraSource.open(source, notices);
        }
        if (lower.contains("://")) {
            return VideoSource.open(source);
        }
        final Path path = Path.of(source);
        if (Files.isDirectory(path)) {
            return FolderSource.open(path);
        }
        if (!Files.exists(path)) {
            throw new FootageException("no such file or folder: " + source);
        }
        if (!Files.isReadable(path)) {
            throw new FootageException("cannot read " + source + ": permission denied");
        }
        if (ImageFiles.isImage(path)) {
            return FolderSource.ofFile(path);
        }
        return VideoSource.open(source);
    }

    static boolean isLive(String lowerCaseUrl) {
        return lowerCaseUrl.startsWith("rtsp://") || lowerCaseUrl.startsWith("rtsps://")
                || lowerCaseUrl.startsWith("rtmp://") || lowerCaseUrl.startsWith("srt://")
                || lowerCaseUrl.startsWith("udp://");
    }
}
