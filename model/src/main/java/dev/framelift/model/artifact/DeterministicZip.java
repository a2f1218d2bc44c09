package dev.framelift.model.artifact;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import dev.framelift.model.ModelContract;

/**
 * Zips a model directory so that equal contents give equal bytes: regular files only (no
 * directory entries, links are not followed), sorted by relative path with {@code /}
 * separators, fixed timestamps, default compression. {@code card.json} is left out because it
 * carries the sha256 of the zip itself. The zip's sha256 ({@link Sha256#hex}) is the model's
 * identity in its card and on the {@code models} topic.
 *
 * <p>Equal bytes need the same deflate implementation: the JDK's zlib. A model zipped again on
 * a machine with another zlib may hash differently; {@code models publish} says so rather than
 * publishing a card whose hash does not match what it sends.
 */
public final class DeterministicZip {
    private static final FileTime EPOCH = FileTime.fromMillis(315532800000L); // 1980-01-01, zip's earliest

    private DeterministicZip() {
    }

    public static byte[] zip(Path dir) throws IOException {
        final List<Path> files;
        try (Stream<Path> s = Files.walk(dir)) {
            files = s.filter(p -> Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS))
                    .filter(p -> !dir.relativize(p).toString().equals(ModelContract.CARD_FILE))
                    .sorted((a, b) -> name(dir, a).compareTo(name(dir, b)))
                    .toList();
        }
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Path f : files) {
                final ZipEntry e = new ZipEntry(name(dir, f));
                e.setCreationTime(EPOCH);
                e.setLastModifiedTime(EPOCH);
                e.setLastAccessTime(EPOCH);
                e.setTime(EPOCH.toMillis());
                zip.putNextEntry(e);
                zip.write(Files.readAllBytes(f));
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    private static String name(Path dir, Path f) {
        return dir.relativize(f).toString().replace('\\', '/');
    }
}
