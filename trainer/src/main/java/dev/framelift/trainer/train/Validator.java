package dev.framelift.trainer.train;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

import dev.framelift.model.metrics.ImageMetrics;
import dev.framelift.model.metrics.YConvention;
import dev.framelift.trainer.data.Degradation;
import dev.framelift.trainer.data.PhotoLoader;
import dev.framelift.trainer.data.Resampler;
import dev.framelift.trainer.data.RgbImage;
import dev.framelift.trainer.eval.ChromaFrontier;
import dev.framelift.trainer.model.TrainingTask;

/**
 * Scores a generator on fixed validation images against the naive baseline.
 *
 * <ul>
 * <li>SR: the centre 192 px (or less when the photos are smaller) of up to {@value #MAX_IMAGES}
 * validation photos, degraded once with a fixed seed; metric = mean PSNR-Y gain in dB over the
 * antialiased bicubic upscale of the same LR.</li>
 * <li>Colorize: every validation photo whole, downscaled to at most {@value #COLORIZE_SIDE} px
 * (a saturation calibrated on centre crops did not carry over to whole photos).
 * {@link Objective#COLOURFULNESS} (photos of anything): metric = the colour at the bar, the
 * largest colourfulness ratio (at most 1) the output reaches with its chroma scaled by any of
 * {@link #BAR_SCALES} ({@link ChromaFrontier}, the measure of {@code evaluate --chroma-scale})
 * while its mean RGB PSNR over the photos stays at least {@value #FIDELITY_MARGIN_DB} dB above
 * the gray input's; when no scale keeps that,
 * -5 x the shortfall of the best scale, in dB. This is what the export's chroma calibration
 * will make of the checkpoint, so checkpoints are ranked as calibrated models, not by their raw
 * colour (a checkpoint that colours more but guesses worse reaches less at the bar). A model
 * that only tints reaches a low ratio; one that splashes wrong colours loses PSNR at every scale.
 * {@link Objective#FIDELITY} (one camera's scene, whose colours are knowable): metric = RGB PSNR
 * gain over the gray input in dB, less 10 dB per unit of colourfulness ratio outside
 * [0.7, 1.25].</li>
 * </ul>
 * Immutable after construction; {@link #evaluate} may be called from any one thread at a time.
 */
public final class Validator {
    public static final int MAX_IMAGES = 16;
    /** Long side of the whole photos a colorizer is validated on. */
    public static final int COLORIZE_SIDE = 512;
    /** RGB PSNR over the gray input, in dB, below which a colorizer's score drops steeply. */
    public static final double FIDELITY_MARGIN_DB = 0.2;
    /**
     * Chroma scales at which a colorizer's output is measured for its colour at the bar: 0.25 to
     * 4 in steps of 0.05, wide enough for the gains a calibration chooses (1 to 3 so far).
     */
    static final List<Double> BAR_SCALES = IntStream.rangeClosed(5, 80).mapToObj(k -> k / 20.0).toList();

    /** Runs the model: uint8 NHWC input of the given shape to uint8 NHWC RGB output. */
    @FunctionalInterface
    public interface Model {
        byte[] enhance(byte[] input, long[] shape);
    }

    /** What a colorizer's validation metric rewards (SR always rewards the PSNR-Y gain). */
    public enum Objective {
        /** Colour, within a fidelity bound: for photos of anything, where the true colours are a guess. */
        COLOURFULNESS,
        /** Fidelity first, within a colourfulness band: for fine-tuning on one scene, whose colours can be learned. */
        FIDELITY
    }

    /**
     * Model and baseline metrics plus the single selection metric.
     *
     * @param calibrationRank how a calibration sweep ranks this score (higher is better): for
     *     {@link Objective#COLOURFULNESS}, strictly fidelity first (every value that keeps the
     *     output {@value #FIDELITY_MARGIN_DB} dB above the gray input ranks above every value that
     *     does not; among those that do, more colour ranks higher; among those that do not,
     *     more fidelity); otherwise the metric
     */
    public record Score(double metric, Map<String, Double> metrics, Map<String, Double> baseline, double calibrationRank) {
        Score(double metric, Map<String, Double> metrics, Map<String, Double> baseline) {
            this(metric, metrics, baseline, metric);
        }
    }

    private final boolean colorize;
    private final Objective objective;
    private final int scale;
    private final int side;
    private final int inC;
    private final List<byte[]> inputs = new ArrayList<>();
    private final List<byte[]> truths = new ArrayList<>();
    /** Colorize: width and height of each image. */
    private final List<int[]> sizes = new ArrayList<>();

    public Validator(TrainingTask task, Degradation degradation, List<RgbImage> photos, long seed) {
        this(task, degradation, photos, seed, Objective.COLOURFULNESS);
    }

    public Validator(TrainingTask task, Degradation degradation, List<RgbImage> photos, long seed, Objective objective) {
        this.colorize = task.colorize();
        this.objective = objective;
        this.scale = degradation.scale();
        this.inC = degradation.inputChannels();
        if (colorize) {
            this.side = 0;
            for (RgbImage p : photos) {
                final RgbImage img = PhotoLoader.fit(p, COLORIZE_SIDE);
                inputs.add(img.luma());
                truths.add(img.pixels());
                sizes.add(new int[] {img.width(), img.height()});
            }
            if (inputs.isEmpty()) {
                throw new IllegalArgumentException("no validation photos");
            }
            return;
        }
        final int preferred = 192;
        final int extra = degradation.regionSide(preferred) - preferred;
        final int largest = photos.stream().mapToInt(p -> Math.min(p.width(), p.height()) - extra).max().orElse(0);
        final int multiple = scale;
        this.side = Math.min(preferred, largest / multiple * multiple);
        if (side <= 0) {
            throw new IllegalArgumentException("no validation photo is large enough");
        }
        final int region = degradation.regionSide(side);
        final SplittableRandom rnd = new SplittableRandom(seed ^ 0x5EEDL);
        for (RgbImage p : photos) {
            if (inputs.size() == MAX_IMAGES) {
                break;
            }
            final RgbImage img = p;
            if (img.width() < region || img.height() < region) {
                continue;
            }
            final RgbImage crop = img.crop((img.width() - region) / 2, (img.height() - region) / 2, region, region);
            final Degradation.Pair pair = degradation.make(crop, side, rnd);
            inputs.add(pair.input());
            truths.add(pair.target());
        }
        if (inputs.isEmpty()) {
            throw new IllegalArgumentException("no validation photo is at least " + region + " px on both sides");
        }
    }

    public int size() {
        return inputs.size();
    }

    /** Side of the SR centre crops, in output pixels (0 for a colorizer, which sees whole photos). */
    public int side() {
        return side;
    }

    public Score evaluate(Model model) {
        return colorize ? evaluateColorize(model, objective == Objective.COLOURFULNESS) : evaluateSr(model);
    }

    /**
     * Scores the output as it is, for a calibration sweep that ranks by
     * {@link Score#calibrationRank()}: a colorizer's output is not measured again at other chroma
     * scales (a sweep over the chroma gain would repeat that measurement at every gain), so its
     * metric is its calibration rank. Super-resolution is scored as by {@link #evaluate}.
     */
    public Score evaluateAsIs(Model model) {
        return colorize ? evaluateColorize(model, false) : evaluateSr(model);
    }

    private Score evaluateColorize(Model model, boolean atBar) {
        double sumModel = 0;
        double sumBase = 0;
        double colModel = 0;
        double colTruth = 0;
        final ChromaFrontier frontier = atBar ? new ChromaFrontier(BAR_SCALES) : null;
        for (int i = 0; i < inputs.size(); i++) {
            final byte[] input = inputs.get(i);
            final byte[] truth = truths.get(i);
            final int[] wh = sizes.get(i);
            final byte[] pred = model.enhance(input, new long[] {1, wh[1], wh[0], 1});
            final byte[] gray = grayToRgb(input);
            sumModel += ImageMetrics.psnrRgb(pred, truth, wh[0], wh[1], 0);
            sumBase += ImageMetrics.psnrRgb(gray, truth, wh[0], wh[1], 0);
            colModel += ImageMetrics.colourfulness(pred);
            colTruth += ImageMetrics.colourfulness(truth);
            if (frontier != null) {
                final RgbImage in = new RgbImage(wh[0], wh[1], gray);
                final String name = "validation-" + (i + 1);
                frontier.accept(i + 1, Path.of(name), name, in, in, new RgbImage(wh[0], wh[1], pred),
                        new RgbImage(wh[0], wh[1], truth));
            }
        }
        final int n = inputs.size();
        final double gain = (sumModel - sumBase) / n;
        final double ratio = colTruth == 0 ? 0 : colModel / colTruth;
        final Map<String, Double> m = new LinkedHashMap<>();
        final Map<String, Double> b = new LinkedHashMap<>();
        m.put("psnr_rgb", sumModel / n);
        m.put("colourfulness", colModel / n);
        m.put("colourfulness_ratio", ratio);
        b.put("psnr_rgb", sumBase / n);
        b.put("colourfulness", 0.0);
        b.put("truth_colourfulness", colTruth / n);
        final double fidelityMetric = gain - 10 * Math.max(0, 0.7 - ratio) - 10 * Math.max(0, ratio - 1.25);
        final double rank = objective == Objective.FIDELITY ? fidelityMetric
                : gain >= FIDELITY_MARGIN_DB ? 10 + Math.min(ratio, 1.0) : gain;
        final double metric;
        if (objective == Objective.FIDELITY) {
            metric = fidelityMetric;
        } else if (atBar) {
            final List<ChromaFrontier.Point> points = frontier.points();
            final ChromaFrontier.Point bar = points.stream().filter(pt -> pt.photoGain() >= FIDELITY_MARGIN_DB)
                    .max(Comparator.comparingDouble(ChromaFrontier.Point::photoRatio)).orElse(null);
            m.put("colour_at_bar", bar == null ? 0 : bar.photoRatio());
            m.put("chroma_scale_at_bar", bar == null ? 0 : bar.scale());
            // fidelity is a near-hard constraint: each 0.1 dB below the margin costs 0.5 of ratio
            metric = bar != null ? Math.min(bar.photoRatio(), 1.0)
                    : -5 * (FIDELITY_MARGIN_DB - points.stream().mapToDouble(ChromaFrontier.Point::photoGain).max().orElseThrow());
        } else {
            metric = rank;
        }
        m.put("val_score", metric);
        return new Score(metric, m, b, rank);
    }

    private Score evaluateSr(Model model) {
        final int lr = side / scale;
        double sumModel = 0;
        double sumBase = 0;
        final int chunk = 4;
        for (int start = 0; start < inputs.size(); start += chunk) {
            final int n = Math.min(chunk, inputs.size() - start);
            final int inLen = lr * lr * inC;
            final byte[] in = new byte[n * inLen];
            for (int i = 0; i < n; i++) {
                System.arraycopy(inputs.get(start + i), 0, in, i * inLen, inLen);
            }
            final byte[] out = model.enhance(in, new long[] {n, lr, lr, inC});
            final int outLen = side * side * 3;
            for (int i = 0; i < n; i++) {
                final byte[] pred = java.util.Arrays.copyOfRange(out, i * outLen, (i + 1) * outLen);
                final byte[] truth = truths.get(start + i);
                final byte[] input = inputs.get(start + i);
                final byte[] bicubic = Resampler.resizeBicubic(input, lr, lr, 3, side, side);
                sumModel += ImageMetrics.psnrY(pred, truth, side, side, 0, YConvention.BT601);
                sumBase += ImageMetrics.psnrY(bicubic, truth, side, side, 0, YConvention.BT601);
            }
        }
        final int n = inputs.size();
        final Map<String, Double> m = new LinkedHashMap<>();
        final Map<String, Double> b = new LinkedHashMap<>();
        m.put("psnr_y", sumModel / n);
        b.put("psnr_y", sumBase / n);
        final double gain = (sumModel - sumBase) / n;
        m.put("psnr_y_gain", gain);
        return new Score(gain, m, b);
    }

    private static byte[] grayToRgb(byte[] y) {
        final byte[] rgb = new byte[y.length * 3];
        for (int i = 0; i < y.length; i++) {
            rgb[3 * i] = y[i];
            rgb[3 * i + 1] = y[i];
            rgb[3 * i + 2] = y[i];
        }
        return rgb;
    }
}
