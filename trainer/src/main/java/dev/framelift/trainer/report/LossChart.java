package dev.framelift.trainer.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.imageio.ImageIO;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Draws {@code report/losses.csv} as {@code report/loss-curve.png} with JFreeChart: the
 * generator's pre-training (L1) loss, its adversarial loss and the discriminator loss against
 * the step on the left axis (logarithmic when every loss is positive and they span more than a
 * factor {@value #LOG_SPAN}), the validation metric as dots on a right axis of its own, and a
 * dashed line with the phase names where the phase changes. Noisy curves (over
 * {@value #SMOOTH_ABOVE} points) are drawn faint with a moving average on top. Stateless.
 */
public final class LossChart {
    public static final String FILE_NAME = "loss-curve.png";
    public static final int DEFAULT_WIDTH = 1200;
    public static final int DEFAULT_HEIGHT = 700;
    static final int SMOOTH_ABOVE = 150;
    static final double LOG_SPAN = 20;
    private static final String[] LOSS_NAMES = {"g_l1", "g_adv", "d_loss"};
    private static final Color[] LOSS_COLORS = {new Color(0x1A73E8), new Color(0xE8710A), new Color(0xC5221F)};
    private static final Color VAL_COLOR = new Color(0x188038);

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
        final double[][] losses = {data.l1(), data.adv(), data.d()};
        final XYSeriesCollection lossSeries = new XYSeriesCollection();
        final XYLineAndShapeRenderer lossLines = new XYLineAndShapeRenderer(true, false);
        for (int k = 0; k < losses.length; k++) {
            if (countFinite(losses[k]) == 0) {
                continue;
            }
            final boolean smooth = countFinite(losses[k]) > SMOOTH_ABOVE;
            add(lossSeries, lossLines, LOSS_NAMES[k] + (smooth ? " (raw)" : ""), data.steps(), losses[k],
                    smooth ? faint(LOSS_COLORS[k]) : LOSS_COLORS[k], 1f);
            if (smooth) {
                add(lossSeries, lossLines, LOSS_NAMES[k] + " (moving average)", data.steps(), movingAverage(losses[k], 25),
                        LOSS_COLORS[k], 2f);
            }
        }
        final NumberAxis steps = new NumberAxis("step");
        steps.setAutoRangeIncludesZero(true);
        final XYPlot plot = new XYPlot(lossSeries, steps, lossAxis(losses), lossLines);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(new Color(0xE0E0E0));
        plot.setRangeGridlinePaint(new Color(0xE0E0E0));
        if (countFinite(data.val()) > 0) {
            final XYSeriesCollection val = new XYSeriesCollection();
            final XYLineAndShapeRenderer dots = new XYLineAndShapeRenderer(false, true);
            add(val, dots, "validation metric", data.steps(), data.val(), VAL_COLOR, 1f);
            final NumberAxis right = new NumberAxis("validation metric");
            right.setAutoRangeIncludesZero(false);
            plot.setRangeAxis(1, right);
            plot.setDataset(1, val);
            plot.setRenderer(1, dots);
            plot.mapDatasetToRangeAxis(1, 1);
        }
        for (int i = 1; i < data.size(); i++) {
            if (!data.phases()[i].equals(data.phases()[i - 1])) {
                final ValueMarker m = new ValueMarker(data.steps()[i], Color.DARK_GRAY,
                        new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
                m.setLabel(data.phases()[i - 1] + " | " + data.phases()[i]);
                m.setLabelAnchor(RectangleAnchor.TOP);
                m.setLabelTextAnchor(TextAnchor.TOP_CENTER);
                plot.addDomainMarker(m);
            }
        }
        final JFreeChart chart = new JFreeChart("Training losses", JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        chart.setAntiAlias(false);
        return chart.createBufferedImage(width, height);
    }

    private static void add(XYSeriesCollection to, XYLineAndShapeRenderer renderer, String name, long[] steps, double[] v,
            Color colour, float width) {
        final XYSeries s = new XYSeries(name, false, true);
        for (int i = 0; i < v.length; i++) {
            if (Double.isFinite(v[i])) {
                s.add(steps[i], v[i]);
            }
        }
        final int index = to.getSeriesCount();
        to.addSeries(s);
        renderer.setSeriesPaint(index, colour);
        renderer.setSeriesStroke(index, new BasicStroke(width));
    }

    /** Logarithmic when every loss is positive and they span more than {@value #LOG_SPAN}x. */
    private static ValueAxis lossAxis(double[][] losses) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double[] s : losses) {
            for (double v : s) {
                if (Double.isFinite(v)) {
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
            }
        }
        if (min > 0 && max / min > LOG_SPAN) {
            final LogAxis log = new LogAxis("loss (log)");
            log.setSmallestValue(min / 2);
            return log;
        }
        final NumberAxis linear = new NumberAxis("loss");
        linear.setAutoRangeIncludesZero(false);
        return linear;
    }

    private static Color faint(Color c) {
        return new Color((c.getRed() + 3 * 255) / 4, (c.getGreen() + 3 * 255) / 4, (c.getBlue() + 3 * 255) / 4);
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
        final double[] out = new double[v.length];
        final double[] window = new double[k];
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
