package dev.framelift.enhancer.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.framelift.enhancer.image.Image;
import dev.framelift.enhancer.testing.TestGenerators;
import dev.framelift.enhancer.testing.TestImages;
import dev.framelift.schema.ModelCard;
import dev.framelift.schema.ModelCardJson;
import dev.framelift.schema.Tasks;

class GeneratorTest {
    @TempDir
    Path dir;

    @Test
    void shouldUpscaleRgbBatchByTheCardsScale() throws IOException {
        Path modelDir = TestGenerators.write(dir, Tasks.SR_X2, 2, 3, "test-1");
        try (Generator generator = Generator.load(modelDir)) {
            assertThat(generator.task()).isEqualTo(Tasks.SR_X2);
            assertThat(generator.version()).isEqualTo("test-1");
            assertThat(generator.scale()).isEqualTo(2);
            assertThat(generator.inputChannels()).isEqualTo(3);

            List<Image> batch = List.of(TestImages.gradient(20, 10, 3, 0), TestImages.gradient(20, 10, 3, 7),
                    TestImages.gradient(20, 10, 3, 13));
            List<Image> out = generator.enhance(batch);

            assertThat(out).hasSize(3);
            for (int i = 0; i < out.size(); i++) {
                assertThat(out.get(i).width()).isEqualTo(40);
                assertThat(out.get(i).height()).isEqualTo(20);
                assertThat(out.get(i).channels()).isEqualTo(3);
                // near-identity weights: the upscaled frame looks like the input
                assertThat(TestImages.meanAbsDiff(TestImages.nearestUpscale(batch.get(i), 2), out.get(i)))
                        .isLessThan(12.0);
            }
            assertThat(out.get(0).pixels()).isNotEqualTo(out.get(1).pixels());
        }
    }

    @Test
    void shouldUpscaleByFourForSrX4() throws IOException {
        try (Generator generator = Generator.load(TestGenerators.write(dir, Tasks.SR_X4, 4, 3, "v4"))) {
            Image out = generator.enhance(List.of(TestImages.gradient(9, 5, 3, 0))).get(0);
            assertThat(out.width()).isEqualTo(36);
            assertThat(out.height()).isEqualTo(20);
        }
    }

    @Test
    void shouldColorizeLumaIntoThreeChannelsOfTheSameSize() throws IOException {
        try (Generator generator = Generator.load(TestGenerators.write(dir, Tasks.COLORIZE, 1, 1, "c1"))) {
            Image gray = TestImages.gradient(16, 12, 1, 0);
            Image out = generator.enhance(List.of(gray)).get(0);
            assertThat(out.width()).isEqualTo(16);
            assertThat(out.height()).isEqualTo(12);
            assertThat(out.channels()).isEqualTo(3);
            byte[] p = out.pixels();
            int centre = (6 * 16 + 8) * 3;
            // the test colorizer tints red up and blue down
            assertThat(p[centre] & 0xff).isGreaterThan(p[centre + 2] & 0xff);
        }
    }

    @Test
    void shouldRefuseMixedSizesInOneBatch() throws IOException {
        try (Generator generator = Generator.load(TestGenerators.write(dir, Tasks.SR_X2, 2, 3, "t"))) {
            assertThatThrownBy(() -> generator.enhance(List.of(TestImages.gradient(8, 8, 3, 0),
                    TestImages.gradient(8, 9, 3, 0)))).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("mixed batch");
            assertThatThrownBy(() -> generator.enhance(List.of(TestImages.gradient(8, 8, 1, 0))))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("3 channels");
        }
    }

    @Test
    void shouldRefuseToRunAfterClose() throws IOException {
        Generator generator = Generator.load(TestGenerators.write(dir, Tasks.SR_X2, 2, 3, "t"));
        generator.close();
        generator.close();
        assertThatThrownBy(() -> generator.enhance(List.of(TestImages.gradient(8, 8, 3, 0))))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void shouldNameTheDirectoryWhenTheCardIsMissing() throws IOException {
        Path modelDir = TestGenerators.write(dir, Tasks.SR_X2, 2, 3, "t");
        Files.delete(modelDir.resolve(ModelCardJson.FILE_NAME));
        assertThatThrownBy(() -> Generator.load(modelDir)).isInstanceOf(IOException.class)
                .hasMessageContaining(modelDir.toString());
    }

    @Test
    void shouldRefuseACardWhoseChannelsDisagreeWithTheSignature() throws IOException {
        Path modelDir = TestGenerators.write(dir, Tasks.SR_X2, 2, 3, "t");
        ModelCard card = ModelCardJson.read(modelDir);
        card.setInputChannels(1);
        ModelCardJson.write(card, modelDir);
        assertThatThrownBy(() -> Generator.load(modelDir)).isInstanceOf(IOException.class)
                .hasMessageContaining(modelDir.toString()).hasMessageContaining("'images' must be uint8 [N,H,W,1]");
    }

    @Test
    void shouldRefuseACardWhoseScaleDisagreesWithTheGraph() throws IOException {
        Path modelDir = TestGenerators.write(dir, Tasks.SR_X2, 2, 3, "t");
        ModelCard card = ModelCardJson.read(modelDir);
        card.setScale(4);
        ModelCardJson.write(card, modelDir);
        assertThatThrownBy(() -> Generator.load(modelDir)).isInstanceOf(IOException.class)
                .hasMessageContaining(modelDir.toString());
    }

    @Test
    void shouldRefuseADirectoryWithoutSavedModel() throws IOException {
        Path modelDir = Files.createDirectories(dir.resolve("empty"));
        ModelCardJson.write(ModelCard.newBuilder().setTask(Tasks.SR_X2).setVersion("x").setScale(2)
                .setInputChannels(3).setArchitecture("none").setCreatedTime(Instant.now()).build(), modelDir);
        assertThatThrownBy(() -> Generator.load(modelDir)).isInstanceOf(IOException.class)
                .hasMessageContaining("saved_model.pb").hasMessageContaining(modelDir.toString());
    }
}
