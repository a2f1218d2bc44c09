package dev.framelift.trainer.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.framelift.model.metrics.ImageMetrics;
import dev.framelift.model.metrics.YConvention;
import dev.framelift.trainer.data.Resampler;
import dev.framelift.trainer.data.RgbImage;
import dev.framelift.trainer.model.TrainingTask;

/** The library call the trainer makes at the end of training. */
class EvaluatorTest {
    @TempDir
    Path tmp;

    @Test
    void shouldNeedATaskWhenTheModelHasNoCardYet() throws IOException {
        Path model = TinyModels.bilinear(tmp.resolve("m"), "sr-x2", 2, null);
        List<Path> photos = List.of(TinyModels.photo(tmp.resolve("p"), "a.png", 48, 40, 3, false));

        assertThatThrownBy(() -> Evaluator.evaluate(model, photos, EvalOptions.defaults()))
                .isInstanceOf(IOException.class).hasMessageContaining("card.json");
        EvaluationResult r = Evaluator.evaluate(model, photos, EvalOptions.defaults().withTask(TrainingTask.SR_X2));
        assertThat(r.metrics()).containsOnlyKeys("psnr_y", "ssim_y", "sharpness");
        assertThat(r.baselineMetrics()).containsOnlyKeys("psnr_y", "ssim_y", "sharpness");
    }

    @Test
    void shouldMeasureTheBaselineAsTheBicubicUpscaleOfTheBicubicDownscale() throws IOException {
        Path model = TinyModels.bilinear(tmp.resolve("m"), "sr-x2", 2, 2);
        Path file = TinyModels.photo(tmp.resolve("p"), "a.png", 48, 40, 4, false);
        EvaluationResult r = Evaluator.evaluate(model, List.of(file), EvalOptions.defaults());

        RgbImage hr = RgbImage.of(javax.imageio.ImageIO.read(file.toFile()));
        byte[] lr = Resampler.resizeBicubic(hr.pixels(), 48, 40, 3, 24, 20);
        byte[] bicubic = Resampler.resizeBicubic(lr, 24, 20, 3, 48, 40);
        assertThat(r.baselineMetrics().get("psnr_y"))
                .isCloseTo(ImageMetrics.psnrY(bicubic, hr.pixels(), 48, 40, 2, YConvention.BT601), within(1e-12));
        assertThat(r.border()).isEqualTo(2);
    }

    @Test
    void shouldSelfEnsembleSuperResolutionAndSaySo() throws IOException {
        // the shipped model: a trained network answers each orientation a little differently
        Path model = Path.of("..", "models", "sr-x2");
        List<Path> photos = List.of(TinyModels.photo(tmp.resolve("p"), "a.png", 96, 80, 4, false));
        EvaluationResult plain = Evaluator.evaluate(model, photos, EvalOptions.defaults());
        EvaluationResult ensemble = Evaluator.evaluate(model, photos, EvalOptions.defaults().withSelfEnsemble(true));

        assertThat(ensemble.metrics().get("psnr_y")).isNotEqualTo(plain.metrics().get("psnr_y"))
                .isCloseTo(plain.metrics().get("psnr_y"), within(1.0));
        assertThat(ensemble.baselineMetrics()).isEqualTo(plain.baselineMetrics());
        assertThat(ResultTable.notes(ensemble)).contains("self-ensemble");
        assertThat(ResultTable.notes(plain)).doesNotContain("self-ensemble");
    }

    @Test
    void shouldRefuseToSelfEnsembleAColorizer() throws IOException {
        Path model = TinyModels.tint(tmp.resolve("c"));
        List<Path> photos = List.of(TinyModels.photo(tmp.resolve("p"), "colour1.png", 48, 40, 5, false));
        assertThatThrownBy(() -> Evaluator.evaluate(model, photos, EvalOptions.defaults().withSelfEnsemble(true)))
                .isInstanceOf(IOException.class).hasMessageContaining("super-resolution");
    }

    @Test
    void shouldSkipGrayPhotosAndReportColourfulnessAsARatioOfMeans() throws IOException {
        Path model = TinyModels.tint(tmp.resolve("c"));
        List<Path> photos = List.of(
                TinyModels.photo(tmp.resolve("p"), "colour1.png", 48, 40, 5, false),
                TinyModels.photo(tmp.resolve("p"), "gray.png", 48, 40, 6, true),
                TinyModels.photo(tmp.resolve("p"), "colour2.png", 40, 48, 7, false));
        EvaluationResult r = Evaluator.evaluate(model, photos, EvalOptions.defaults());

        assertThat(r.images()).extracting(ImageResult::name).containsExactly("colour1.png", "colour2.png");
        assertThat(r.skipped()).singleElement().satisfies(s -> {
            assertThat(s.name()).isEqualTo("gray.png");
            assertThat(s.reason()).contains("grayscale");
        });
        assertThat(r.metrics()).containsOnlyKeys("psnr_rgb", "colourfulness", "colourfulness_ratio");
        double meanModel = (r.images().get(0).model().get("colourfulness") + r.images().get(1).model().get("colourfulness")) / 2;
        double meanTruth = (r.images().get(0).truthColourfulness() + r.images().get(1).truthColourfulness()) / 2;
        assertThat(r.metrics().get("colourfulness_ratio")).isCloseTo(meanModel / meanTruth, within(1e-12));
        assertThat(r.baselineMetrics().get("colourfulness")).isEqualTo(0.0);
        // the graph tints the luma by +-12 on R and B: recompute that here, pixel for pixel
        RgbImage truth = RgbImage.of(javax.imageio.ImageIO.read(photos.get(0).toFile()));
        byte[] y = truth.luma();
        byte[] tinted = new byte[y.length * 3];
        for (int i = 0; i < y.length; i++) {
            int v = y[i] & 0xFF;
            tinted[3 * i] = (byte) Math.min(255, v + 12);
            tinted[3 * i + 1] = (byte) v;
            tinted[3 * i + 2] = (byte) Math.max(0, v - 12);
        }
        assertThat(r.images().get(0).model().get("colourfulness")).isCloseTo(ImageMetrics.colourfulness(tinted), within(1e-9));
        assertThat(r.images().get(0).model().get("psnr_rgb"))
                .isCloseTo(ImageMetrics.psnrRgb(tinted, truth.pixels(), 48, 40, 0), within(1e-9));
        assertThat(r.metrics().get("psnr_rgb")).isNotEqualTo(r.baselineMetrics().get("psnr_rgb"));
        assertThat(ResultTable.format(r)).contains("PSNR-RGB gray input", "colour truth");
    }

    @Test
    void shouldShowTheMostTexturedWindowOnTheContactSheet() {
        int w = 400;
        int h = 300;
        byte[] px = new byte[w * h * 3];
        java.util.Arrays.fill(px, (byte) 128);
        java.util.Random r = new java.util.Random(1);
        for (int y = 200; y < 300; y++) {
            for (int x = 300; x < 400; x++) {
                px[(y * w + x) * 3 + 1] = (byte) r.nextInt(256); // texture in the bottom-right corner only
            }
        }
        int[] at = DetailCrops.detailWindow(new RgbImage(w, h, px), 160, 4, false);
        assertThat(at).containsExactly(240, 140);
        // the green noise is colour too, but a red top-left corner is more colourful
        for (int y = 0; y < 100; y++) {
            for (int x = 0; x < 100; x++) {
                px[(y * w + x) * 3] = (byte) 255;
                px[(y * w + x) * 3 + 1] = 0;
                px[(y * w + x) * 3 + 2] = 0;
            }
        }
        assertThat(DetailCrops.detailWindow(new RgbImage(w, h, px), 160, 1, true)).containsExactly(0, 0);
    }

    @Test
    void shouldSpreadALimitedSampleOverTheWholeList() {
        List<Path> all = java.util.stream.IntStream.range(0, 10).mapToObj(i -> Path.of("p" + i + ".png")).toList();
        assertThat(Evaluator.spread(all, 3)).containsExactly(Path.of("p0.png"), Path.of("p3.png"), Path.of("p6.png"));
        assertThat(Evaluator.spread(all, 0)).isEqualTo(all);
        assertThat(Evaluator.spread(all, 20)).isEqualTo(all);
    }
}
