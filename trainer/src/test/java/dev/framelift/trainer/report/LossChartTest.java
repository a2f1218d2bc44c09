package dev.framelift.trainer.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LossChartTest {
    @TempDir
    Path tmp;

    /** 300 L1 steps, then 200 GAN steps; validation every 50 steps; empty cells where a loss does not apply. */
    private Path syntheticCsv() throws IOException {
        StringBuilder sb = new StringBuilder(LossCsv.HEADER).append('\n');
        for (int step = 1; step <= 500; step++) {
            boolean gan = step > 300;
            double l1 = 0.2 * Math.exp(-step / 120.0) + 0.02 + 0.005 * Math.sin(step);
            String adv = gan ? String.format(Locale.ROOT, "%.4f", 0.9 + 0.2 * Math.sin(step / 7.0)) : "";
            String d = gan ? String.format(Locale.ROOT, "%.4f", 1.3 + 0.1 * Math.cos(step / 5.0)) : "";
            String val = step % 50 == 0 ? String.format(Locale.ROOT, "%.3f", Math.log(step) / 3) : "";
            sb.append(String.format(Locale.ROOT, "%d,%s,%.5f,%s,%s,%s%n", step, gan ? "gan" : "l1", l1, adv, d, val));
        }
        Path csv = tmp.resolve("report/losses.csv");
        Files.createDirectories(csv.getParent());
        Files.writeString(csv, sb);
        return csv;
    }

    @Test
    void shouldDrawAPngOfTheDefaultSizeWithEveryCurve() throws IOException {
        Path png = tmp.resolve("report/loss-curve.png");
        LossChart.write(syntheticCsv(), png);

        BufferedImage img = ImageIO.read(png.toFile());
        assertThat(img.getWidth()).isEqualTo(LossChart.DEFAULT_WIDTH);
        assertThat(img.getHeight()).isEqualTo(LossChart.DEFAULT_HEIGHT);
        assertThat(countColour(img, 0x1A73E8)).as("g_l1 pixels").isGreaterThan(200);
        assertThat(countColour(img, 0xE8710A)).as("g_adv pixels").isGreaterThan(100);
        assertThat(countColour(img, 0x188038)).as("validation pixels").isGreaterThan(50);
    }

    @Test
    void shouldReadEmptyCellsAsMissingValues() throws IOException {
        LossCsv csv = LossCsv.read(syntheticCsv());
        assertThat(csv.size()).isEqualTo(500);
        assertThat(csv.adv()[0]).isNaN();
        assertThat(csv.adv()[400]).isBetween(0.7, 1.1);
        assertThat(csv.val()[49]).isPositive();
        assertThat(csv.val()[50]).isNaN();
        assertThat(csv.phases()[300]).isEqualTo("gan");
    }

    @Test
    void shouldRejectAFileWithAnotherHeader() throws IOException {
        Path csv = tmp.resolve("bad.csv");
        Files.writeString(csv, "step,loss\n1,0.5\n");
        assertThatThrownBy(() -> LossChart.write(csv, tmp.resolve("x.png"))).isInstanceOf(IOException.class)
                .hasMessageContaining("header");
    }

    @Test
    void shouldDrawALinearAxisWhenLossesAreNotAllPositive() throws IOException {
        Path csv = tmp.resolve("neg.csv");
        Files.writeString(csv, LossCsv.HEADER + "\n1,gan,0.1,-0.5,0.3,\n2,gan,0.09,-0.4,0.31,0.5\n");
        BufferedImage img = LossChart.render(LossCsv.read(csv), 640, 400);
        assertThat(img.getWidth()).isEqualTo(640);
        assertThat(img.getHeight()).isEqualTo(400);
    }

    private static int countColour(BufferedImage img, int rgb) {
        int n = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                if ((img.getRGB(x, y) & 0xFFFFFF) == rgb) {
                    n++;
                }
            }
        }
        return n;
    }
}
