package dev.framelift.trainer.eval;

import java.nio.file.Path;
import java.util.Map;

import dev.framelift.trainer.data.RgbImage;

/**
 * The metrics of one evaluated image, for the model and for the naive baseline (same keys as
 * the model card: see {@link EvaluationResult}).
 *
 * @param file the photo
 * @param name its display name (path relative to the data folder, or the file name)
 * @param width evaluated width: after {@code --max-side} and cropping to a multiple of the scale
 * @param height evaluated height
 * @param originalWidth width of the decoded, upright photo
 * @param originalHeight height of the decoded, upright photo
 * @param model the model's metrics
 * @param baseline the baseline's metrics
 * @param truthColourfulness colourfulness of the ground truth (colorize), NaN for SR
 * @param modelSeconds wall time of the model call
 * @param panels detail crops for the contact sheet, or {@code null} when not kept
 */
public record ImageResult(Path file, String name, int width, int height, int originalWidth, int originalHeight,
        Map<String, Double> model, Map<String, Double> baseline, double truthColourfulness, double modelSeconds,
        Panels panels) {

    /** Whether the photo was downscaled by {@code --max-side} before evaluation. */
    public boolean downscaled() {
        return Math.max(width, height) < Math.max(originalWidth, originalHeight) - 4;
    }

    /**
     * Same-size detail crops (the most detailed window of the evaluated image for SR, the most
     * colourful one for colorization, at most
     * {@value Evaluator#DETAIL_SIDE} px square of the ground truth, see
     * {@code DetailCrops.detailWindow}) for a person to judge by eye.
     *
     * @param input the model input over the same region: the LR crop upscaled by nearest
     *     neighbour (SR), or the gray input as RGB (colorize)
     * @param baseline bicubic upscale (SR) or the gray input (colorize)
     * @param model the model output
     * @param truth the ground truth
     * @param inputScale how much {@code input} was enlarged by nearest neighbour (the scale; 1 for colorize)
     */
    public record Panels(RgbImage input, RgbImage baseline, RgbImage model, RgbImage truth, int inputScale) {
    }
}
