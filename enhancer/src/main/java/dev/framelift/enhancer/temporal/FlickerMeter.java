package dev.framelift.enhancer.temporal;

import dev.framelift.enhancer.image.YCbCrPlanes;
import dev.framelift.model.Image;

/**
 * Measures colour flicker of a colorized video against the colour original ("truth"), frame
 * pair by frame pair:
 *
 * <ul>
 *   <li><b>static pixels</b>: where the truth's luma changed by at most {@link #STATIC_LEVELS}
 *       (3x3 mean) from the previous frame: the scene did not move there, so its colour should
 *       not either;</li>
 *   <li><b>flicker</b>: the mean absolute frame-to-frame change of chroma, (|dCb| + |dCr|) / 2 in
 *       levels, over the static pixels; measured on the output and, as the floor that sensor
 *       noise and compression set, on the truth;</li>
 *   <li><b>chroma error</b>: the mean (|Cb - Cb_truth| + |Cr - Cr_truth|) / 2 over all pixels,
 *       so that a smoother output that drifts away from the right colours shows.</li>
 * </ul>
 *
 * Not thread-safe; feed frames in order.
 */
public final class FlickerMeter {
    /** Truth luma change (levels, 3x3 mean) up to which a pixel counts as static. */
    public static final float STATIC_LEVELS = 2f;

    private YCbCrPlanes previousTruth;
    private YCbCrPlanes previousOutput;
    private double truthChange;
    private double outputChange;
    private long staticPixels;
    private long pixels;
    private double error;
    private long errorPixels;
    private int frames;

    /** Adds the next frame: the original and the colorized output, same size, RGB. */
    public void add(Image truth, Image output) {
        if (truth.width() != output.width() || truth.height() != output.height()) {
            throw new IllegalArgumentException("truth " + truth.width() + "x" + truth.height() + " and output "
                    + output.width() + "x" + output.height() + " differ in size");
        }
        final YCbCrPlanes t = YCbCrPlanes.of(truth);
        final YCbCrPlanes o = YCbCrPlanes.of(output);
        for (int i = 0; i < t.cb().length; i++) {
            error += (Math.abs(o.cb()[i] - t.cb()[i]) + Math.abs(o.cr()[i] - t.cr()[i])) / 2;
        }
        errorPixels += t.cb().length;
        if (previousTruth != null) {
            final float[] motion = Motion.meanAbsoluteDifference(t.luma(), previousTruth.luma(), truth.width(), truth.height());
            for (int i = 0; i < motion.length; i++) {
                if (motion[i] <= STATIC_LEVELS) {
                    truthChange += (Math.abs(t.cb()[i] - previousTruth.cb()[i]) + Math.abs(t.cr()[i] - previousTruth.cr()[i])) / 2;
                    outputChange += (Math.abs(o.cb()[i] - previousOutput.cb()[i]) + Math.abs(o.cr()[i] - previousOutput.cr()[i])) / 2;
                    staticPixels++;
                }
            }
            pixels += motion.length;
        }
        previousTruth = t;
        previousOutput = o;
        frames++;
    }

    public int frames() {
        return frames;
    }

    /** Share of pixels (over all frame pairs) that were static. */
    public double staticShare() {
        return pixels == 0 ? 0 : staticPixels / (double) pixels;
    }

    /** Mean frame-to-frame chroma change of the truth on static pixels, in levels. */
    public double truthFlicker() {
        return staticPixels == 0 ? 0 : truthChange / staticPixels;
    }

    /** Mean frame-to-frame chroma change of the output on static pixels, in levels. */
    public double outputFlicker() {
        return staticPixels == 0 ? 0 : outputChange / staticPixels;
    }

    /** Mean absolute chroma difference from the truth over every pixel of every frame, in levels. */
    public double chromaError() {
        return errorPixels == 0 ? 0 : error / errorPixels;
    }
}
