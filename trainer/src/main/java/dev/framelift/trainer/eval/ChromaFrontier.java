package dev.framelift.trainer.eval;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import dev.framelift.model.metrics.ImageMetrics;
import dev.framelift.trainer.data.RgbImage;
import dev.framelift.trainer.data.SourceHoldout;

/**
 * A colorizer's colour-fidelity frontier on any folder: each output is measured again with its
 * chroma scaled about its own luma ({@code y + s * (rgb - y)}, BT.601 luma, clipped to 0-255) by
 * every scale {@code s} asked for. Scale 1 is the model as exported; below 1 it moves towards
 * gray, as a lower calibrated chroma gain would. Two colorizers are compared fairly only at equal
 * colour, and a chroma gain calibrated on some photos can be checked against the gain other
 * photos would have wanted; the frontier shows both without exporting the model again. The
 * trainer's validator ranks a colorizer's checkpoints by the most colour on it at the fidelity bar.
 *
 * <p>Means as {@code evaluate} reports them: PSNR gain over the gray input as a mean over
 * photos and over sources; the colourfulness ratio as a ratio of means.
 */
public final class ChromaFrontier implements PhotoSink {
    private final List<Double> scales;
    /** Per photo: its source, truth colourfulness, then per scale PSNR gain and colourfulness. */
    private final List<Row> rows = new ArrayList<>();

    private record Row(String source, double truthColourfulness, double[] gain, double[] colourfulness) {
    }

    /** @param scales the chroma scales, each in (0, 4] */
    public ChromaFrontier(List<Double> scales) {
        if (scales.isEmpty() || scales.stream().anyMatch(s -> !(s > 0 && s <= 4))) {
            throw new IllegalArgumentException("--chroma-scale values must lie in (0, 4], not " + scales);
        }
        this.scales = List.copyOf(scales);
    }

    @Override
    public void accept(int index, Path photo, String name, RgbImage input, RgbImage baseline, RgbImage model,
            RgbImage truth) {
        final int w = truth.width();
        final int h = truth.height();
        final double base = ImageMetrics.psnrRgb(baseline.pixels(), truth.pixels(), w, h, 0);
        final double[] gain = new double[scales.size()];
        final double[] colour = new double[scales.size()];
        for (int k = 0; k < scales.size(); k++) {
            final byte[] scaled = ImageMetrics.scaleChroma(model.pixels(), scales.get(k));
            gain[k] = ImageMetrics.psnrRgb(scaled, truth.pixels(), w, h, 0) - base;
            colour[k] = ImageMetrics.colourfulness(scaled);
        }
        rows.add(new Row(SourceHoldout.sourceOf(Path.of(""), Path.of(name)), ImageMetrics.colourfulness(truth.pixels()),
                gain, colour));
    }

    /** One point of the frontier. */
    public record Point(double scale, double photoGain, double photoRatio, double sourceGain, double sourceRatio) {
    }

    /** The frontier, one point per scale in the order asked for. */
    public List<Point> points() {
        if (rows.isEmpty()) {
            throw new IllegalStateException("no photo was measured");
        }
        final Map<String, List<Row>> bySource = new TreeMap<>();
        rows.forEach(r -> bySource.computeIfAbsent(r.source, s -> new ArrayList<>()).add(r));
        final List<Point> points = new ArrayList<>();
        for (int k = 0; k < scales.size(); k++) {
            final double[] photos = means(rows, k);
            double sourceGain = 0;
            double sourceColour = 0;
            double sourceTruth = 0;
            for (List<Row> group : bySource.values()) {
                final double[] m = means(group, k);
                sourceGain += m[0];
                sourceColour += m[1];
                sourceTruth += m[2];
            }
            final int n = bySource.size();
            points.add(new Point(scales.get(k), photos[0], ratio(photos[1], photos[2]), sourceGain / n,
                    ratio(sourceColour / n, sourceTruth / n)));
        }
        return points;
    }

    /** Mean PSNR gain, mean colourfulness and mean truth colourfulness of {@code group} at scale {@code k}. */
    private static double[] means(List<Row> group, int k) {
        final double[] sum = new double[3];
        for (Row r : group) {
            sum[0] += r.gain[k];
            sum[1] += r.colourfulness[k];
            sum[2] += r.truthColourfulness;
        }
        return new double[] {sum[0] / group.size(), sum[1] / group.size(), sum[2] / group.size()};
    }

    private static double ratio(double colour, double truth) {
        return truth > 0 ? colour / truth : 0;
    }

    /** The frontier as a table, for a model named {@code version}. */
    public String format(String version) {
        final long sources = rows.stream().map(Row::source).distinct().count();
        final StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "chroma frontier of %s (output chroma scaled about its luma; 1 = as exported)%n",
                version));
        sb.append(String.format(Locale.ROOT, "%-13s %15s %17s %16s %18s%n", "chroma scale", "delta (photos)",
                "colour (photos)", "delta (sources)", "colour (sources)"));
        for (Point p : points()) {
            sb.append(String.format(Locale.ROOT, "%-13.2f %+15.2f %16.0f%% %+16.2f %17.0f%%%n", p.scale, p.photoGain,
                    100 * p.photoRatio, p.sourceGain, 100 * p.sourceRatio));
        }
        sb.append(String.format(Locale.ROOT, "delta = RGB PSNR over the gray input (dB), mean of %d photos and of %d sources;"
                + " colour = mean colourfulness over the truth's.%n", rows.size(), sources));
        return sb.toString();
    }
}
