package dev.framelift.trainer.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SourceHoldoutTest {
    private static void touch(Path dir, String... names) throws IOException {
        for (String n : names) {
            Files.createDirectories(dir.resolve(n).getParent());
            ImageIO.write(new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB), "png", dir.resolve(n).toFile());
        }
    }

    @Test
    void shouldNameTheSourceByPackagePrefixThenFolder() {
        Path root = Path.of("/data");
        assertThat(SourceHoldout.sourceOf(root, root.resolve("opencv-doc--doc_a.jpg"))).isEqualTo("opencv-doc");
        assertThat(SourceHoldout.sourceOf(root, root.resolve("cam7/frames/a.png"))).isEqualTo("cam7");
        assertThat(SourceHoldout.sourceOf(root, root.resolve("loose.png"))).isEqualTo("loose.png");
    }

    @Test
    void shouldTrainOnTheRestValidateOnCalibrationSourcesAndNeverLoadTestSources(@TempDir Path dir) throws IOException {
        touch(dir, "a--1.png", "a--2.png", "b--1.png", "c--1.png", "c--2.png", "d/x.png");
        Path file = dir.resolve("holdout.tsv");
        Files.writeString(file, "# comment\nb\ttest\n\nc calibration\n");
        SourceHoldout h = SourceHoldout.read(file);
        PhotoSet set = PhotoSet.scan(dir, h);
        assertThat(set.train()).extracting(p -> dir.relativize(p).toString()).containsExactly("a--1.png", "a--2.png", "d/x.png");
        assertThat(set.validation()).extracting(p -> dir.relativize(p).toString()).containsExactly("c--1.png", "c--2.png");
        assertThat(h.sources(SourceHoldout.Role.TEST)).isEqualTo(List.of("b"));
    }

    @Test
    void shouldRejectAMalformedLineNamingIt(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("h.tsv");
        Files.writeString(file, "a test\nb validation\n");
        assertThatThrownBy(() -> SourceHoldout.read(file)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("line 2").hasMessageContaining("validation");
    }
}
