package dev.framelift.model.artifact;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;

/**
 * Unpacks an untrusted zip into a new directory, refusing anything that could hurt the machine
 * that unpacks it. Before a byte is written the central directory is read and checked: at most
 * {@link UnzipLimits#maxEntries()} entries; declared sizes within {@link UnzipLimits#maxBytes()}
 * and {@link UnzipLimits#maxRatio()}; every name relative, without {@code ..}, backslashes,
 * drive letters or control characters (zip-slip); no Unix symbolic links; no duplicates; no
 * encryption, no zip64. While unpacking, the bytes actually written are counted against the
 * same limits (declared sizes can lie), and the entries must be the ones the directory listed.
 * Stateless.
 */
public final class BoundedUnzip {
    private static final int EOCD_SIGNATURE = 0x06054b50;
    private static final int CENTRAL_SIGNATURE = 0x02014b50;
    private static final int EOCD_SIZE = 22;
    private static final int UNIX = 3;
    private static final int TYPE_MASK = 0170000;
    private static final int SYMLINK = 0120000;

    private BoundedUnzip() {
    }

    /** An entry as the central directory declares it. */
    record Declared(String name, long compressedSize, long size) {
        boolean isDirectory() {
            return name.endsWith("/");
        }
    }

    /**
     * Unpacks {@code zip} into {@code target}, which must not exist yet (it is created). On
     * failure whatever was written stays for the caller to delete.
     *
     * @throws ArtifactException saying which rule the zip breaks
     */
    public static void unzip(byte[] zip, Path target, UnzipLimits limits) throws ArtifactException {
        final List<Declared> declared = readCentralDirectory(zip, limits);
        try {
            Files.createDirectories(target.getParent() == null ? target : target.getParent());
            Files.createDirectory(target);
            extract(zip, target, declared, limits);
        } catch (ArtifactException e) {
            throw e;
        } catch (ZipException e) {
            throw new ArtifactException(ArtifactException.Kind.CORRUPT, "corrupt zip: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new ArtifactException(ArtifactException.Kind.CORRUPT, "cannot unpack into " + target + ": " + e, e);
        }
    }

    /** Reads and checks the central directory; nothing is written. */
    static List<Declared> readCentralDirectory(byte[] zip, UnzipLimits limits) throws ArtifactException {
        final ByteBuffer buf = ByteBuffer.wrap(zip).order(ByteOrder.LITTLE_ENDIAN);
        final int eocd = findEndOfCentralDirectory(buf);
        final int entries = buf.getShort(eocd + 10) & 0xFFFF;
        final long cdSize = buf.getInt(eocd + 12) & 0xFFFFFFFFL;
        final long cdOffset = buf.getInt(eocd + 16) & 0xFFFFFFFFL;
        if (entries == 0xFFFF || cdOffset == 0xFFFFFFFFL) {
            throw corrupt("zip64 archives are not accepted");
        }
        if (entries > limits.maxEntries()) {
            throw new ArtifactException(ArtifactException.Kind.TOO_LARGE,
                    "zip has " + entries + " entries, more than the limit of " + limits.maxEntries());
        }
        if (cdOffset + cdSize > eocd) {
            throw corrupt("central directory runs past its end record");
        }
        final List<Declared> declared = new ArrayList<>(entries);
        final Set<String> names = new HashSet<>();
        long total = 0;
        int at = (int) cdOffset;
        for (int i = 0; i < entries; i++) {
            if (at + 46 > eocd || buf.getInt(at) != CENTRAL_SIGNATURE) {
                throw corrupt("central directory entry " + i + " is damaged");
            }
            final int madeBy = buf.getShort(at + 4) & 0xFFFF;
            final int flags = buf.getShort(at + 8) & 0xFFFF;
            final long compressed = buf.getInt(at + 20) & 0xFFFFFFFFL;
            final long size = buf.getInt(at + 24) & 0xFFFFFFFFL;
            final int nameLength = buf.getShort(at + 28) & 0xFFFF;
            final int extraLength = buf.getShort(at + 30) & 0xFFFF;
            final int commentLength = buf.getShort(at + 32) & 0xFFFF;
            final long external = buf.getInt(at + 38) & 0xFFFFFFFFL;
            if (at + 46 + nameLength > eocd) {
                throw corrupt("central directory entry " + i + " is truncated");
            }
            final String name = new String(zip, at + 46, nameLength, StandardCharsets.UTF_8);
            checkName(name);
            if ((flags & 1) != 0) {
                throw unsafe("entry '" + name + "' is encrypted");
            }
            if ((madeBy >> 8) == UNIX && ((external >>> 16) & TYPE_MASK) == SYMLINK) {
                throw unsafe("entry '" + name + "' is a symbolic link; links are refused");
            }
            if (!names.add(name)) {
                throw unsafe("entry '" + name + "' appears twice");
            }
            checkRatio(name, size, compressed, limits);
            total += size;
            if (total > limits.maxBytes()) {
                throw new ArtifactException(ArtifactException.Kind.TOO_LARGE, "zip declares more than "
                        + limits.maxBytes() + " bytes unpacked");
            }
            declared.add(new Declared(name, compressed, size));
            at += 46 + nameLength + extraLength + commentLength;
        }
        return declared;
    }

    private static int findEndOfCentralDirectory(ByteBuffer buf) throws ArtifactException {
        final int last = buf.capacity() - EOCD_SIZE;
        final int first = Math.max(0, last - 0xFFFF);
        for (int at = last; at >= first; at--) {
            if (buf.getInt(at) == EOCD_SIGNATURE && at + EOCD_SIZE + (buf.getShort(at + 20) & 0xFFFF) == buf.capacity()) {
                return at;
            }
        }
        throw corrupt("not a zip archive (no end of central directory record)");
    }

    /** Zip-slip and friends: only plain relative names survive. */
    static void checkName(String name) throws ArtifactException {
        if (name.isEmpty() || name.startsWith("/") || name.indexOf('\\') >= 0 || name.indexOf(':') >= 0) {
            throw unsafe("entry name '" + name + "' is not a plain relative path");
        }
        for (int i = 0; i < name.length(); i++) {
            if (name.charAt(i) < 0x20 || name.charAt(i) == 0x7F) {
                throw unsafe("entry name '" + name.replaceAll("\\p{Cntrl}", "?") + "' contains control characters");
            }
        }
        final String body = name.endsWith("/") ? name.substring(0, name.length() - 1) : name;
        for (String segment : body.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                throw unsafe("entry name '" + name + "' would leave the target folder (zip-slip) or is not canonical");
            }
        }
    }

    private static void checkRatio(String name, long size, long compressed, UnzipLimits limits) throws ArtifactException {
        if (size > (long) limits.maxRatio() * Math.max(1, compressed)) {
            throw new ArtifactException(ArtifactException.Kind.TOO_LARGE, "entry '" + name + "' unpacks " + compressed
                    + " bytes to " + size + ", a ratio over the limit of " + limits.maxRatio() + " (zip bomb?)");
        }
    }

    private static void extract(byte[] zip, Path target, List<Declared> declared, UnzipLimits limits) throws IOException {
        final java.util.Map<String, Declared> byName = new java.util.HashMap<>();
        declared.forEach(d -> byName.put(d.name(), d));
        final Set<String> seen = new HashSet<>();
        long total = 0;
        final byte[] buffer = new byte[64 * 1024];
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            ZipEntry entry;
            while ((entry = in.getNextEntry()) != null) {
                final Declared d = byName.get(entry.getName());
                if (d == null || !seen.add(entry.getName())) {
                    throw corrupt("entry '" + entry.getName() + "' is not listed in the central directory (or is repeated)");
                }
                final Path out = target.resolve(d.name()).normalize();
                if (!out.startsWith(target)) {
                    throw unsafe("entry '" + d.name() + "' would leave the target folder");
                }
                if (d.isDirectory()) {
                    Files.createDirectories(out);
                    continue;
                }
                Files.createDirectories(out.getParent());
                long written = 0;
                try (OutputStream file = Files.newOutputStream(out, StandardOpenOption.CREATE_NEW)) {
                    int n;
                    while ((n = read(in, buffer)) > 0) {
                        written += n;
                        total += n;
                        if (written > d.size()) {
                            throw new ArtifactException(ArtifactException.Kind.TOO_LARGE, "entry '" + d.name()
                                    + "' unpacks to more than the " + d.size() + " bytes it declares");
                        }
                        if (total > limits.maxBytes() || total > (long) limits.maxRatio() * zip.length) {
                            throw new ArtifactException(ArtifactException.Kind.TOO_LARGE,
                                    "zip unpacks past its limits (" + limits + ")");
                        }
                        file.write(buffer, 0, n);
                    }
                }
                if (written != d.size()) {
                    throw corrupt("entry '" + d.name() + "' unpacked to " + written + " bytes, declared " + d.size());
                }
            }
        }
        if (seen.size() != declared.size()) {
            throw corrupt("the central directory lists " + declared.size() + " entries, the archive holds " + seen.size());
        }
    }

    private static int read(InputStream in, byte[] buffer) throws IOException {
        return in.read(buffer, 0, buffer.length);
    }

    private static ArtifactException corrupt(String message) {
        return new ArtifactException(ArtifactException.Kind.CORRUPT, "corrupt zip: " + message);
    }

    private static ArtifactException unsafe(String message) {
        return new ArtifactException(ArtifactException.Kind.UNSAFE_ENTRY, "unsafe zip: " + message);
    }
}
