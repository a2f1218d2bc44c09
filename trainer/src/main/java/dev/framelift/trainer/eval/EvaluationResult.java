package dev.framelift.trainer.eval;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The outcome of evaluating one model on a set of photos.
 *
 * <p>Metric keys, the same in {@link #metrics()} (the model) and {@link #baselineMetrics()} (the
 * naive baseline), ready for the {@code ModelCard}:
 * <ul>
 * <li>SR ({@code sr-x2}, {@code sr-x4}): {@value #PSNR_Y} and {@value #SSIM_Y}, on the Y of
 * {@link EvalOptions#yConvention()} with a border of {@code scale} pixels cropped, and
 * {@value #SHARPNESS}, the mean gradient magnitude of the output's luma over the truth's
 * ({@link Metrics#gradientMagnitude}); the baseline is the antialiased bicubic (a = -0.5)
 * upscale of the same LR input.</li>
 * <li>colorize: {@value #PSNR_RGB} (no border), {@value #COLOURFULNESS} and
 * {@value #COLOURFULNESS_RATIO}; the baseline is the gray input replicated to RGB (so its
 * colourfulness is 0).</li>
 * </ul>
 * PSNR, SSIM and colourfulness are means over images. The colourfulness ratio is
 * {@code mean(output colourfulness) / mean(truth colourfulness)}, a ratio of means, so a few
 * nearly gray truths cannot blow it up.
 *
 * @param images per-image results, in evaluation order
 * @param skipped files that were not evaluated, with the reason
 * @param truthColourfulness mean colourfulness of the ground truths (colorize), NaN for SR
 * @param border the pixels cropped from every side for the Y metrics
 */
public record EvaluationResult(Path modelDir, ModelSpec spec, EvalOptions options, Instant timestamp, int border,
        List<ImageResult> images, List<Skipped> skipped, Map<String, Double> metrics, Map<String, Double> baselineMetrics,
        double truthColourfulness) {

    public static final String PSNR_Y = "psnr_y";
    public static final String SSIM_Y = "ssim_y";
    public static final String SHARPNESS = "sharpness";
    public static final String PSNR_RGB = "psnr_rgb";
    public static final String COLOURFULNESS = "colourfulness";
    public static final String COLOURFULNESS_RATIO = "colourfulness_ratio";

    /** A file that was not evaluated and why. */
    public record Skipped(Path file, String name, String reason) {
    }

    /** The metric keys of a task, in display order. */
    public static List<String> keys(ModelSpec spec) {
        return spec.colorize() ? List.of(PSNR_RGB, COLOURFULNESS, COLOURFULNESS_RATIO) : List.of(PSNR_Y, SSIM_Y, SHARPNESS);
    }

    /** Name of the baseline in tables and charts. */
    public String baselineName() {
        return spec.colorize() ? "gray input" : "bicubic";
    }

    /** Number of evaluated images that {@code --max-side} downscaled first. */
    public long downscaledCount() {
        return images.stream().filter(ImageResult::downscaled).count();
    }
}
