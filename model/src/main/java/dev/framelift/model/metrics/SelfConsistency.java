package dev.framelift.model.metrics;

import dev.framelift.model.Image;

/**
 * A no-reference check of an enhancement: take the output back to what the model was given
 * (downscaled by the scale, or turned gray again) and measure how close that is to the input,
 * as a PSNR in dB. Needs no ground truth, so it can be computed on live frames; a model that
 * invents content the input does not support, or paints colours that change the brightness,
 * scores lower. Pure functions; thread-safe.
 *
 * <ul>
 * <li>Super-resolution: the RGB output is area-averaged by {@code scale} (each output block of
 * {@code scale x scale} pixels to one pixel, the mean of a sensor's footprint; independent of
 * the degradation a model was trained on) and compared with the RGB input over all channels.</li>
 * <li>Colorization: the BT.601 luma of the output, unrounded, is compared with the 1-channel
 * input.</li>
 * </ul>
 */
public final class SelfConsistency {
    private SelfConsistency() {
    }

    /**
     * @param input  what the model was given (1 or 3 channels)
     * @param output what it returned (3 channels, {@code scale} times the input's size)
     * @return PSNR in dB between the input and the output taken back; infinite when equal
     * @throws IllegalArgumentException if the sizes do not fit the scale
     */
    public static double score(Image input, Image output, int scale) {
        if (output.channels() != 3 || output.width() != input.width() * scale || output.height() != input.height() * scale) {
            throw new IllegalArgumentException("a " + output.width() + "x" + output.height() + "x" + output.channels()
                    + " output does not fit a " + input.width() + "x" + input.height() + " input at x" + scale);
        }
        return input.channels() == 1 ? grayAgain(input, output) : downscaled(input, output, scale);
    }

    private static double grayAgain(Image input, Image output) {
        final byte[] y = input.pixels();
        final byte[] rgb = output.pixels();
        double se = 0;
        for (int i = 0, j = 0; i < y.length; i++, j += 3) {
            final double d = YConvention.BT601.luma(rgb[j] & 0xFF, rgb[j + 1] & 0xFF, rgb[j + 2] & 0xFF) - (y[i] & 0xFF);
            se += d * d;
        }
        return ImageMetrics.psnr(se / y.length);
    }

    private static double downscaled(Image input, Image output, int scale) {
        final int w = input.width();
        final int h = input.height();
        final int ow = output.width();
        final byte[] in = input.pixels();
        final byte[] out = output.pixels();
        final double area = scale * scale;
        double se = 0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                for (int c = 0; c < 3; c++) {
                    double sum = 0;
                    for (int dy = 0; dy < scale; dy++) {
                        final int row = (y * scale + dy) * ow;
                        for (int dx = 0; dx < scale; dx++) {
                            sum += out[(row + x * scale + dx) * 3 + c] & 0xFF;
                        }
                    }
                    final double d = sum / area - (in[(y * w + x) * 3 + c] & 0xFF);
                    se += d * d;
                }
            }
        }
        return ImageMetrics.psnr(se / ((double) w * h * 3));
    }
}
