package dev.framelift.model.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.framelift.model.Image;
import dev.framelift.model.testing.TestImages;
import dev.framelift.model.testing.TestModels;
import dev.framelift.schema.ModelCard;
import dev.framelift.schema.ModelCardJson;
import dev.framelift.schema.Tasks;

class ContractModelTest {
    @TempDir
    Path dir;

    @Test
    void shouldUpscaleAnRgbBatchByTheCardsScale() throws IOException {
        try (ContractModel model = ContractModel.load(TestModels.write(dir, Tasks.SR_X2, "test-1"), null)) {
            assertThat(model.task()).isEqualTo(Tasks.SR_X2);
            assertThat(model.version()).isEqualTo("test-1");
            assertThat(model.scale()).isEqualTo(2);
            assertThat(model.inputChannels()).isEqualTo(3);

            List<Image> batch = List.of(TestImages.gradient(20, 10, 3, 0), TestImages.gradient(20, 10, 3, 7),
                    TestImages.gradient(20, 10, 3, 13));
            List<Image> out = model.enhance(batch);

            assertThat(out).hasSize(3);
            for (int i = 0; i < out.size(); i++) {
                assertThat(out.get(i).width()).isEqualTo(40);
                assertThat(out.get(i).height()).isEqualTo(20);
                assertThat(out.get(i).channels()).isEqualTo(3);
                // near-identity weights: the upscaled frame looks like the input
                assertThat(TestImages.meanAbsDiff(TestImages.nearestUpscale(batch.get(i), 2), out.get(i))).isLessThan(12.0);
            }
            assertThat(out.get(0).pixels()).isNotEqualTo(out.get(1).pixels());
        }
    }

    @Test
    void shouldUpscaleByFourForSrX4() throws IOException {
        try (ContractModel model = ContractModel.load(TestModels.write(dir, Tasks.SR_X4, "v4"), null)) {
            Image out = model.enhance(TestImages.gradient(9, 5, 3, 0));
            assertThat(out.width()).isEqualTo(36);
            assertThat(out.height()).isEqualTo(20);
        }
    }

    @Test
    void shouldColorizeLumaIntoThreeChannelsOfTheSameSize() throws IOException {
        try (ContractModel model = ContractModel.load(TestModels.write(dir, Tasks.COLORIZE, "c1"), null)) {
            Image out = model.enhance(TestImages.gradient(16, 12, 1, 0));
            assertThat(out.width()).isEqualTo(16);
            assertThat(out.height()).isEqualTo(12);
            assertThat(out.channels()).isEqualTo(3);
            int centre = (6 * 16 + 8) * 3;
            // the test colorizer tints red up and blue down
            assertThat(out.pixels()[centre] & 0xff).isGreaterThan(out.pixels()[centre + 2] & 0xff);
        }
    }

    @Test
    void shouldRefuseMixedSizesAndWrongChannelsInOneBatch() throws IOException {
        try (ContractModel model = ContractModel.load(TestModels.write(dir, Tasks.SR_X2, "t"), null)) {
            assertThatThrownBy(() -> model.enhance(List.of(TestImages.gradient(8, 8, 3, 0), TestImages.gradient(8, 9, 3, 0))))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("mixed batch");
            assertThatThrownBy(() -> model.enhance(TestImages.gradient(8, 8, 1, 0)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("3 channels");
        }
    }

    @Test
    void shouldRefuseToRunAfterClose() throws IOException {
        ContractModel model = ContractModel.load(TestModels.write(dir, Tasks.SR_X2, "t"), null);
        model.close();
        model.close();
        assertThat(model.isClosed()).isTrue();
        assertThatThrownBy(() -> model.enhance(TestImages.gradient(8, 8, 3, 0))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void shouldNameTheDirectoryWhenTheCardIsMissing() throws IOException {
        Path modelDir = TestModels.write(dir, Tasks.SR_X2, "t");
        Files.delete(modelDir.resolve(ModelCardJson.FILE_NAME));
        assertThatThrownBy(() -> ContractModel.load(modelDir, null)).isInstanceOfSatisfying(ContractViolation.class,
                v -> assertThat(v.kind()).isEqualTo(ContractViolation.Kind.CARD)).hasMessageContaining(modelDir.toString());
    }

    @Test
    void shouldRefuseACardThatBreaksItsTasksShape() throws IOException {
        Path modelDir = TestModels.write(dir, Tasks.SR_X2, "t");
        ModelCard card = ModelCardJson.read(modelDir);
        card.setInputChannels(1);
        assertThatThrownBy(() -> ContractModel.load(modelDir, card, null)).isInstanceOfSatisfying(ContractViolation.class,
                v -> assertThat(v.kind()).isEqualTo(ContractViolation.Kind.CARD))
                .hasMessageContaining("task sr-x2 takes scale 2 and 3 input channel(s)");
    }

    @Test
    void shouldRefuseAGraphWhoseScaleIsNotItsCards() throws IOException {
        Path modelDir = TestModels.write(dir, Tasks.SR_X4, "t");
        ModelCard card = ModelCardJson.read(modelDir);
        card.setTask(Tasks.SR_X2);
        card.setScale(2);
        assertThatThrownBy(() -> ContractModel.load(modelDir, card, null)).isInstanceOfSatisfying(ContractViolation.class,
                v -> assertThat(v.kind()).isEqualTo(ContractViolation.Kind.OUTPUT)).hasMessageContaining(modelDir.toString());
    }

    @Test
    void shouldRefuseAFloatInputAsAWrongTensorSignature() {
        Path modelDir = TestModels.writeInto(dir.resolve("float"), Tasks.SR_X2, "f", Instant.now(), TestModels.Kind.FLOAT_INPUT, 0f);
        assertThatThrownBy(() -> ContractModel.load(modelDir, null)).isInstanceOfSatisfying(ContractViolation.class,
                v -> assertThat(v.kind()).isEqualTo(ContractViolation.Kind.SIGNATURE))
                .hasMessageContaining("input 'images' must be uint8 [N,H,W,3]");
    }

    @Test
    void shouldRefuseADirectoryWithoutSavedModel() throws IOException {
        Path modelDir = Files.createDirectories(dir.resolve("empty"));
        ModelCardJson.write(ModelCard.newBuilder().setTask(Tasks.SR_X2).setVersion("x").setScale(2)
                .setInputChannels(3).setArchitecture("none").setCreatedTime(Instant.now()).build(), modelDir);
        assertThatThrownBy(() -> ContractModel.load(modelDir, null)).isInstanceOfSatisfying(ContractViolation.class,
                v -> assertThat(v.kind()).isEqualTo(ContractViolation.Kind.UNLOADABLE))
                .hasMessageContaining("saved_model.pb").hasMessageContaining(modelDir.toString());
    }

    @Test
    void shouldPassTheCanaryWithAWorkingModelAndRefuseANanModelAsConstant() throws IOException {
        try (ContractModel good = ContractModel.load(TestModels.write(dir, Tasks.COLORIZE, "good"), null)) {
            Canary.Result result = Canary.check(good);
            assertThat(result.consistencyDb()).isGreaterThan(30);
        }
        Path nan = TestModels.writeInto(dir.resolve("nan"), Tasks.SR_X2, "nan", Instant.now(), TestModels.Kind.NAN, 0f);
        try (ContractModel model = ContractModel.load(nan, null)) {
            assertThatThrownBy(() -> Canary.check(model)).isInstanceOfSatisfying(ContractViolation.class,
                    v -> assertThat(v.kind()).isEqualTo(ContractViolation.Kind.OUTPUT)).hasMessageContaining("constant image");
        }
    }
}
