package dev.framelift.trainer.train;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import dev.framelift.model.metrics.ImageMetrics;
import dev.framelift.model.metrics.YConvention;
import dev.framelift.trainer.data.Degradation;
import dev.framelift.trainer.data.Resampler;
import dev.framelift.trainer.data.RgbImage;

/**
 * Scores a generator on a fixed set of validation crops (the centre 192 px, 256 px for
 * colorization, or less when the photos are smaller, of up to {@value #MAX_IMAGES} validation photos, degraded once with a fixed seed), against the naive
 * baseline.
 *
 * <ul>
 * <li>SR: metric = mean PSNR-Y gain in dB over the antialiased bicubic upscale of the same LR.</li>
 * <li>Colorize, {@link Objective#COLOURFULNESS} (general photos): metric = min(colourfulness ratio, 1)
 * - 5 x max(0, -0.15 - RGB PSNR gain over the gray input): colour counts, but only while fidelity
 * stays within 0.15 dB of the gray input (the bar is 0.2 dB; the margin is for whole photos
 * versus crops). A model that only tints scores a low ratio; one that splashes wrong colours
 * loses PSNR.</li>
 * <li>Colorize, {@link Objective#FIDELITY} (one camera's scene, whose colours are knowable):
 * metric = RGB PSNR gain over the gray input in dB, less 10 dB per unit of colourfulness ratio
 * outside [0.7, 1.25].</li>
 * </ul>
 * Immutable after construction; {@link #evaluate} may be called from any one thread at a time.
 */
public final class Validator {
    public static final int MAX_IMAGES = 16;

    /** Runs the model: uint8 NHWC input of the given shape to uint8 NHWC RGB output. */
    @FunctionalInterface
    public interface Model {
        byte[] enhance(byte[] input, long[] shape);
    }

    /** What a colorizer's validation metric rewards (SR always rewards the PSNR-Y gain). */
    public enum Objective {
        /** Colour first, within a fidelity bound: for photos of anything, where the true colours are a guess. */
        COLOURFULNESS,
        /** Fidelity first, within a colourfulness band: for fine-tuning on one scene, whose colours can be learned. */
        FIDELITY
    }

    /** Model and baseline metrics plus the single selection metric. */
    public record Score(double metric, Map<String, Double> metrics, Map<String, Double> baseline) {
    }

    private final boolean colorize;
    private final Objective objective;
    private final int scale;
    private final int side;
    private final int inC;
    private final List<byte[]> inputs = new ArrayList<>();
    private final List<byte[]> truths = new ArrayList<>();

    public Validator(String task, Degradation degradation, List<RgbImage> photos, long seed) {
        this(task, degradation, photos, seed, Objective.COLOURFULNESS);
    }

    public Validator(String task, Degradation degradation, List<RgbImage> photos, long seed, Objective objective) {
        this.colorize = task.equals("colorize");
        this.objective = objective;
        this.scale = degradation.scale();
        this.inC = degradation.inputChannels();
        int preferred = colorize ? 256 : 192;
        int extra = degradation.regionSide(preferred) - preferred;
        int largest = photos.stream().mapToInt(p -> Math.min(p.width(), p.height()) - extra).max().orElse(0);
        int multiple = colorize ? 8 : scale;
        this.side = Math.min(preferred, largest / multiple * multiple);
        if (side <= 0) {
            throw new IllegalArgumentException("no validation photo is large enough");
        }
        int region = degradation.regionSide(side);
        SplittableRandom rnd = new SplittableRandom(seed ^ 0x5EEDL);
        for (RgbImage p : photos) {
            if (inputs.size() == MAX_IMAGES) {
                break;
            }
            RgbImage img = p;
            if (img.width() < region || img.height() < region) {
                continue;
            }
            RgbImage crop = img.crop((img.width() - region) / 2, (img.height() - region) / 2, region, region);
            Degradation.Pair pair = degradation.make(crop, side, rnd);
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

    /** Side of the centre crops, in output pixels. */
    public int side() {
        return side;
    }

    public Score evaluate(Model model) {
        int lr = side / scale;
        double sumModel = 0;
        double sumBase = 0;
        double colModel = 0;
        double colTruth = 0;
        double colBase = 0;
        int chunk = 4;
        for (int start = 0; start < inputs.size(); start += chunk) {
            int n = Math.min(chunk, inputs.size() - start);
            int inLen = lr * lr * inC;
            byte[] in = new byte[n * inLen];
            for (int i = 0; i < n; i++) {
                System.arraycopy(inputs.get(start + i), 0, in, i * inLen, inLen);
            }
            byte[] out = model.enhance(in, new long[] {n, lr, lr, inC});
            int outLen = side * side * 3;
            for (int i = 0; i < n; i++) {
                byte[] pred = java.util.Arrays.copyOfRange(out, i * outLen, (i + 1) * outLen);
                byte[] truth = truths.get(start + i);
                byte[] input = inputs.get(start + i);
                if (colorize) {
                    byte[] gray = grayToRgb(input);
                    sumModel += ImageMetrics.psnrRgb(pred, truth, side, side, 0);
                    sumBase += ImageMetrics.psnrRgb(gray, truth, side, side, 0);
                    colModel += ImageMetrics.colourfulness(pred);
                    colTruth += ImageMetrics.colourfulness(truth);
                    colBase += ImageMetrics.colourfulness(gray);
                } else {
                    byte[] bicubic = Resampler.resizeBicubic(input, lr, lr, 3, side, side);
                    sumModel += ImageMetrics.psnrY(pred, truth, side, side, 0, YConvention.BT601);
                    sumBase += ImageMetrics.psnrY(bicubic, truth, side, side, 0, YConvention.BT601);
                }
            }
        }
        int n = inputs.size();
        Map<String, Double> m = new LinkedHashMap<>();
        Map<String, Double> b = new LinkedHashMap<>();
        if (colorize) {
            double gain = (sumModel - sumBase) / n;
            double ratio = colTruth == 0 ? 0 : colModel / colTruth;
            m.put("psnr_rgb", sumModel / n);
            m.put("colourfulness", colModel / n);
            m.put("colourfulness_ratio", ratio);
            b.put("psnr_rgb", sumBase / n);
            b.put("colourfulness", colBase / n);
            b.put("truth_colourfulness", colTruth / n);
            // COLOURFULNESS: fidelity is a near-hard constraint: each 0.1 dB below (gray - 0.15 dB) costs 0.5 of ratio
            double metric = objective == Objective.FIDELITY
                    ? gain - 10 * Math.max(0, 0.7 - ratio) - 10 * Math.max(0, ratio - 1.25)
                    : Math.min(ratio, 1.0) - 5 * Math.max(0, -0.15 - gain);
            m.put("val_score", metric);
            return new Score(metric, m, b);
        }
        m.put("psnr_y", sumModel / n);
        b.put("psnr_y", sumBase / n);
        double gain = (sumModel - sumBase) / n;
        m.put("psnr_y_gain", gain);
        return new Score(gain, m, b);
    }

    private static byte[] grayToRgb(byte[] y) {
        byte[] rgb = new byte[y.length * 3];
        for (int i = 0; i < y.length; i++) {
            rgb[3 * i] = y[i];
            rgb[3 * i + 1] = y[i];
            rgb[3 * i + 2] = y[i];
        }
        return rgb;
    }
}
