package dev.framelift.trainer.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.framelift.trainer.data.RgbImage;
import dev.framelift.trainer.eval.EvalOptions;
import dev.framelift.trainer.eval.EvaluationResult;
import dev.framelift.trainer.eval.Evaluator;
import dev.framelift.trainer.eval.ImageResult;
import dev.framelift.trainer.eval.ModelSpec;
import dev.framelift.trainer.model.TrainingTask;

class ContactSheetTest {
    @TempDir
    Path tmp;

    static RgbImage noise(int w, int h, long seed) {
        byte[] px = new byte[w * h * 3];
        new Random(seed).nextBytes(px);
        return new RgbImage(w, h, px);
    }

    static ImageResult row(String name, int side, boolean withPanels) {
        ImageResult.Panels p = withPanels
                ? new ImageResult.Panels(noise(side, side, 1), noise(side, side, 2), noise(side, side, 3), noise(side, side, 4), 2)
                : null;
        return new ImageResult(Path.of(name), name, 640, 480, 1280, 960, Map.of("psnr_y", 31.5, "ssim_y", 0.9),
                Map.of("psnr_y", 30.0, "ssim_y", 0.88), Double.NaN, 0.1, p);
    }

    static EvaluationResult result(ModelSpec spec, List<ImageResult> rows) {
        return new EvaluationResult(Path.of("model"), spec, EvalOptions.defaults(), Instant.now(), spec.scale(), rows, List.of(),
                Map.of("psnr_y", 31.5, "ssim_y", 0.9), Map.of("psnr_y", 30.0, "ssim_y", 0.88), Double.NaN);
    }

    @Test
    void shouldDrawOneRowPerImageWithPanelsAndFourColumnsForSr() throws IOException {
        EvaluationResult r = result(ModelSpec.forTask(TrainingTask.SR_X2), List.of(row("a.jpg", Evaluator.DETAIL_SIDE, true),
                row("b.jpg", 100, true), row("c.jpg", Evaluator.DETAIL_SIDE, false)));
        Path png = tmp.resolve("contact-sheet.png");

        assertThat(ContactSheet.write(r, png)).isTrue();

        BufferedImage img = ImageIO.read(png.toFile());
        assertThat(img.getWidth()).isEqualTo(ContactSheet.sizeFor(2, 4).width);
        assertThat(img.getHeight()).isEqualTo(ContactSheet.sizeFor(2, 4).height);
        assertThat(img.getWidth()).isEqualTo(2 * 16 + 4 * Evaluator.DETAIL_SIDE * ContactSheet.ZOOM + 3 * 8);
    }

    @Test
    void shouldShowPanelPixelsEnlargedByNearestNeighbour() {
        ImageResult one = row("a.jpg", Evaluator.DETAIL_SIDE, true);
        BufferedImage img = ContactSheet.render(result(ModelSpec.forTask(TrainingTask.SR_X2), List.of(one)));
        int x0 = ContactSheet.MARGIN + 3 * (ContactSheet.CELL + ContactSheet.GAP); // ground-truth column
        int y0 = ContactSheet.MARGIN + ContactSheet.TITLE + ContactSheet.HEADER + ContactSheet.ROW_NAME;
        RgbImage truth = one.panels().truth();
        for (int[] xy : new int[][] {{0, 0}, {7, 3}, {159, 159}}) {
            int j = (xy[1] * truth.width() + xy[0]) * 3;
            int rgb = (truth.pixels()[j] & 0xFF) << 16 | (truth.pixels()[j + 1] & 0xFF) << 8 | (truth.pixels()[j + 2] & 0xFF);
            for (int d = 0; d < 4; d++) {
                int sx = x0 + xy[0] * ContactSheet.ZOOM + (d & 1);
                int sy = y0 + xy[1] * ContactSheet.ZOOM + (d >> 1);
                assertThat(img.getRGB(sx, sy) & 0xFFFFFF).isEqualTo(rgb);
            }
        }
    }

    @Test
    void shouldUseThreeColumnsForColorization() {
        ImageResult one = new ImageResult(Path.of("c.jpg"), "c.jpg", 320, 200, 320, 200,
                Map.of("psnr_rgb", 25.0, "colourfulness", 20.0, "colourfulness_ratio", 0.5),
                Map.of("psnr_rgb", 24.0, "colourfulness", 0.0, "colourfulness_ratio", 0.0), 40.0, 0.1,
                new ImageResult.Panels(noise(160, 160, 1), noise(160, 160, 1), noise(160, 160, 2), noise(160, 160, 3), 1));
        EvaluationResult r = new EvaluationResult(Path.of("m"), ModelSpec.forTask(TrainingTask.COLORIZE), EvalOptions.defaults(), Instant.now(),
                0, List.of(one), List.of(), one.model(), one.baseline(), 40.0);
        BufferedImage img = ContactSheet.render(r);
        assertThat(img.getWidth()).isEqualTo(ContactSheet.sizeFor(1, 3).width);
        assertThat(img.getHeight()).isEqualTo(ContactSheet.sizeFor(1, 3).height);
    }

    @Test
    void shouldWriteNothingWhenNoImageKeptPanels() throws IOException {
        EvaluationResult r = result(ModelSpec.forTask(TrainingTask.SR_X4), List.of(row("a.jpg", 160, false)));
        assertThat(ContactSheet.write(r, tmp.resolve("none.png"))).isFalse();
        assertThat(tmp.resolve("none.png")).doesNotExist();
    }
}
