package dev.framelift.trainer.export;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Zips a folder so that equal contents give equal bytes: entries sorted by relative path
 * ({@code /} separators), fixed timestamps, no directory entries, default compression.
 * {@code card.json} is left out because it carries the hash of the zip itself.
 */
public final class DeterministicZip {
    private static final FileTime EPOCH = FileTime.fromMillis(315532800000L); // 1980-01-01, zip's earliest

    private DeterministicZip() {
    }

    public static byte[] zip(Path dir) throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.walk(dir)) {
            files = s.filter(Files::isRegularFile)
                    .filter(p -> !dir.relativize(p).toString().equals("card.json"))
                    .sorted((a, b) -> name(dir, a).compareTo(name(dir, b)))
                    .toList();
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Path f : files) {
                ZipEntry e = new ZipEntry(name(dir, f));
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

    public static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String name(Path dir, Path f) {
        return dir.relativize(f).toString().replace('\\', '/');
    }
}
