package dev.framelift.trainer.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

public class PhotoSetTest {
    /** Writes {@code n} small noisy colour photos (PNG and JPEG, some in sub-folders). */
    public static void writePhotos(Path dir, int n, int size, long seed) throws IOException {
        Random rnd = new Random(seed);
        for (int i = 0; i < n; i++) {
            BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
            int r0 = rnd.nextInt(256);
            int g0 = rnd.nextInt(256);
            double f = 0.05 + rnd.nextDouble() * 0.3;
            for (int y = 0; y < size; y++) {
                for (int x = 0; x < size; x++) {
                    int r = (int) (r0 * (0.5 + 0.5 * Math.sin(f * x)));
                    int g = (int) (g0 * (0.5 + 0.5 * Math.cos(f * y)));
                    int b = (x * 255 / size + rnd.nextInt(20)) & 0xFF;
                    img.setRGB(x, y, r << 16 | g << 8 | b);
                }
            }
            Path sub = i % 3 == 0 ? dir.resolve("sub") : dir;
            Files.createDirectories(sub);
            ImageIO.write(img, i % 2 == 0 ? "png" : "jpeg", sub.resolve("p" + i + (i % 2 == 0 ? ".png" : ".JPG")).toFile());
        }
    }

    @Test
    void shouldSplitDeterministicallyAndNeverShareAPhoto(@TempDir Path dir) throws IOException {
        writePhotos(dir, 30, 16, 1);
        Files.writeString(dir.resolve("notes.txt"), "not a photo");
        PhotoSet a = PhotoSet.scan(dir, 5);
        PhotoSet b = PhotoSet.scan(dir, 5);
        assertThat(a.validation()).isEqualTo(b.validation()).hasSize(8);
        assertThat(a.train()).hasSize(22).doesNotContainAnyElementsOf(a.validation());
        assertThat(PhotoSet.scan(dir, 6).validation()).isNotEqualTo(a.validation());
    }

    @Test
    void shouldFollowALinkedDataFolderToTheSameSplit(@TempDir Path dir) throws IOException {
        final Path photos = dir.resolve("photos");
        writePhotos(photos, 12, 16, 2);
        final Path link = Files.createSymbolicLink(dir.resolve("link"), photos);
        final PhotoSet direct = PhotoSet.scan(photos, 3);
        final PhotoSet linked = PhotoSet.scan(link, 3);
        assertThat(linked.train()).hasSameSizeAs(direct.train());
        assertThat(linked.validation().stream().map(link::relativize).toList())
                .isEqualTo(direct.validation().stream().map(photos::relativize).toList());
    }

    @Test
    void shouldSayWhenTheDataFolderIsMissing(@TempDir Path dir) {
        assertThatThrownBy(() -> PhotoSet.scan(dir.resolve("nowhere"), 1))
                .isInstanceOf(IOException.class).hasMessageContaining("does not exist");
    }

    @Test
    void shouldSpreadTheValidationPhotosOverEverySource(@TempDir Path dir) throws IOException {
        // 3 sources of 20, 6 and 4 photos: a spread split takes from each in proportion
        writePhotos(dir.resolve("a"), 20, 16, 1);
        writePhotos(dir.resolve("b"), 6, 16, 2);
        writePhotos(dir.resolve("c"), 4, 16, 3);
        for (long seed = 1; seed <= 20; seed++) {
            PhotoSet set = PhotoSet.scan(dir, seed, ValidationSplit.SPREAD);
            assertThat(set.validation()).hasSize(8);
            assertThat(set.validation().stream().filter(p -> dir.relativize(p).startsWith("a"))).hasSizeBetween(5, 6);
            assertThat(set.validation().stream().filter(p -> dir.relativize(p).startsWith("b"))).hasSizeBetween(1, 2);
            assertThat(set.validation().stream().filter(p -> dir.relativize(p).startsWith("c"))).hasSizeBetween(1, 2);
            assertThat(set.train()).hasSize(22).doesNotContainAnyElementsOf(set.validation());
        }
    }

    @Test
    void shouldKeepTheSeededShuffleOfEarlierRunsAsTheRandomSplit(@TempDir Path dir) throws IOException {
        writePhotos(dir, 30, 16, 1);
        List<Path> sorted = new java.util.ArrayList<>(PhotoSet.scan(dir, 1).train());
        sorted.addAll(PhotoSet.scan(dir, 1).validation());
        java.util.Collections.sort(sorted);
        List<Path> shuffled = new java.util.ArrayList<>(sorted);
        java.util.Collections.shuffle(shuffled, new java.util.Random(1));
        assertThat(PhotoSet.scan(dir, 1, ValidationSplit.RANDOM).validation())
                .containsExactlyInAnyOrderElementsOf(shuffled.subList(0, 8));
    }

    @Test
    void shouldListTheValidationPhotosInTheReport(@TempDir Path dir) throws IOException {
        writePhotos(dir.resolve("data"), 10, 16, 2);
        PhotoSet set = PhotoSet.scan(dir.resolve("data"), 1);
        set.writeValidationList(dir.resolve("report"));
        List<String> lines = Files.readAllLines(dir.resolve("report").resolve(PhotoSet.VAL_LIST));
        assertThat(lines).hasSize(5); // at most half of 10
        assertThat(lines).allSatisfy(l -> assertThat(dir.resolve("data").resolve(l)).isRegularFile());
    }
}
