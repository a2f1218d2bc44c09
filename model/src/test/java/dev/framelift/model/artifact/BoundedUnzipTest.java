package dev.framelift.model.artifact;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BoundedUnzipTest {
    private static final UnzipLimits LIMITS = new UnzipLimits(1 << 20, 10, 100);

    @TempDir
    Path dir;

    static byte[] zip(Map<String, byte[]> entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (var e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    private static ArtifactException.Kind kindOf(byte[] zip, Path target) {
        try {
            BoundedUnzip.unzip(zip, target, LIMITS);
            return null;
        } catch (ArtifactException e) {
            return e.kind();
        }
    }

    @Test
    void shouldUnpackWhatDeterministicZipPackedAndGiveEqualBytesForEqualFolders() throws IOException {
        for (String d : new String[] {"a", "b"}) {
            Files.createDirectories(dir.resolve(d).resolve("variables"));
            Files.writeString(dir.resolve(d).resolve("saved_model.pb"), "graph");
            Files.writeString(dir.resolve(d).resolve("variables").resolve("v.index"), "idx");
        }
        Files.writeString(dir.resolve("b").resolve("card.json"), "{}");
        byte[] zip = DeterministicZip.zip(dir.resolve("a"));
        assertThat(zip).isEqualTo(DeterministicZip.zip(dir.resolve("b")));

        BoundedUnzip.unzip(zip, dir.resolve("out"), LIMITS);

        assertThat(Files.readString(dir.resolve("out/saved_model.pb"))).isEqualTo("graph");
        assertThat(Files.readString(dir.resolve("out/variables/v.index"))).isEqualTo("idx");
        assertThat(dir.resolve("out/card.json")).doesNotExist();
    }

    @Test
    void shouldRefuseBytesThatAreNotAZipOrATruncatedOne() throws IOException {
        assertThat(kindOf("not a zip at all, just some text".getBytes(), dir.resolve("x"))).isEqualTo(ArtifactException.Kind.CORRUPT);
        byte[] good = zip(Map.of("saved_model.pb", new byte[300]));
        assertThat(kindOf(Arrays.copyOf(good, good.length - 30), dir.resolve("y"))).isEqualTo(ArtifactException.Kind.CORRUPT);
    }

    @Test
    void shouldRefuseAZipBombByItsCompressionRatioBeforeWritingAnything() throws IOException {
        byte[] bomb = zip(Map.of("saved_model.pb", new byte[900_000]));
        assertThat(bomb.length).isLessThan(9_000);
        assertThat(kindOf(bomb, dir.resolve("bomb"))).isEqualTo(ArtifactException.Kind.TOO_LARGE);
        assertThat(dir.resolve("bomb")).doesNotExist();
    }

    @Test
    void shouldRefuseMoreEntriesOrBytesThanTheLimits() throws IOException {
        Map<String, byte[]> many = new java.util.TreeMap<>();
        for (int i = 0; i < 11; i++) {
            many.put("f" + i, new byte[] {1});
        }
        assertThat(kindOf(zip(many), dir.resolve("many"))).isEqualTo(ArtifactException.Kind.TOO_LARGE);
        byte[] random = new byte[(1 << 20) + 10];
        new java.util.Random(1).nextBytes(random);
        assertThat(kindOf(zip(Map.of("big", random)), dir.resolve("big"))).isEqualTo(ArtifactException.Kind.TOO_LARGE);
    }

    @Test
    void shouldRefuseEntriesThatWouldLeaveTheTargetFolder() throws IOException {
        for (String name : new String[] {"../evil", "variables/../../evil", "/etc/evil", "C:evil", "a\\..\\evil", "./x"}) {
            assertThat(kindOf(zip(Map.of(name, new byte[] {1})), dir.resolve("slip")))
                    .as(name).isEqualTo(ArtifactException.Kind.UNSAFE_ENTRY);
        }
        assertThat(dir.resolve("evil")).doesNotExist();
    }

    @Test
    void shouldRefuseASymbolicLinkEntry() throws IOException {
        byte[] zip = zip(Map.of("variables", "/etc/passwd".getBytes(StandardCharsets.UTF_8)));
        // mark the entry in the central directory as made on Unix with mode lrwxrwxrwx, as `zip -y` writes links
        int cd = indexOf(zip, new byte[] {0x50, 0x4b, 0x01, 0x02});
        ByteBuffer buf = ByteBuffer.wrap(zip).order(ByteOrder.LITTLE_ENDIAN);
        buf.putShort(cd + 4, (short) (3 << 8 | 20));
        buf.putInt(cd + 38, 0120777 << 16);
        assertThat(kindOf(zip, dir.resolve("link"))).isEqualTo(ArtifactException.Kind.UNSAFE_ENTRY);
    }

    @Test
    void shouldRefuseTheSameNameTwice() throws IOException {
        byte[] zip = zip(new java.util.TreeMap<>(Map.of("a1", new byte[] {1}, "a2", new byte[] {2})));
        String text = new String(zip, StandardCharsets.ISO_8859_1).replace("a2", "a1");
        assertThat(kindOf(text.getBytes(StandardCharsets.ISO_8859_1), dir.resolve("dup")))
                .isEqualTo(ArtifactException.Kind.UNSAFE_ENTRY);
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new IllegalArgumentException("not found");
    }
}
