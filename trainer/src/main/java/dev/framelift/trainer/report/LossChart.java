package dev.framelift.trainer.report;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.imageio.ImageIO;

/**
 * Draws {@code report/losses.csv} as {@code report/loss-curve.png}: the generator L1 loss, the
 * generator adversarial loss and the discriminator loss against the step on the left axis
 * (logarithmic when every loss is positive and they span more than a factor 20, as L1 and the
 * adversarial losses do), the validation metric as dots on a right axis of its own, and a dashed
 * line with the phase names where the phase changes. Noisy curves (over {@value #SMOOTH_ABOVE}
 * points) are drawn faint with a moving average on top. Stateless.
 */
public final class LossChart {
    public static final String FILE_NAME = "loss-curve.png";
    public static final int DEFAULT_WIDTH = 1200;
    public static final int DEFAULT_HEIGHT = 700;
    static final int SMOOTH_ABOVE = 150;


    private LossChart() {
    }

    /** Reads {@code csv} and writes a {@value #DEFAULT_WIDTH}x{@value #DEFAULT_HEIGHT} PNG. */
    public static void write(Path csv, Path png) throws IOException {
        write(LossCsv.read(csv), png, DEFAULT_WIDTH, DEFAULT_HEIGHT);
    }

    public static void write(LossCsv data, Path png, int width, int height) throws IOException {
        if (png.getParent() != null) {
            Files.createDirectories(png.getParent());
        }
        if (!ImageIO.write(render(data, width, height), "png", png.toFile())) {
            throw new IOException("no PNG writer");
        }
    }

    /** @throws IllegalArgumentException if the data has no rows */
    public static BufferedImage render(LossCsv data, int width, int height) {
        if (data.size() == 0) {
            throw new IllegalArgumentException("losses.csv has no rows");
        }
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            new LossPlot(g, data, width, height).draw();
        } finally {
            g.dispose();
        }
        return img;
    }

    static int countFinite(double[] v) {
        int n = 0;
        for (double d : v) {
            if (Double.isFinite(d)) {
                n++;
            }
        }
        return n;
    }

    /** Trailing mean of the last {@code k} finite values; NaN where the input is NaN. */
    static double[] movingAverage(double[] v, int k) {
        double[] out = new double[v.length];
        double[] window = new double[k];
        int filled = 0;
        int next = 0;
        double sum = 0;
        for (int i = 0; i < v.length; i++) {
            if (!Double.isFinite(v[i])) {
                out[i] = Double.NaN;
                continue;
            }
            if (filled == k) {
                sum -= window[next];
            } else {
                filled++;
            }
            window[next] = v[i];
            sum += v[i];
            next = (next + 1) % k;
            out[i] = sum / filled;
        }
        return out;
    }
}
