package dev.framelift.model.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import dev.framelift.model.Image;
import dev.framelift.model.ModelContract;

/**
 * Self-ensemble for super-resolution: a batch is enhanced in the 8 orientations of each image
 * (the identity, the mirror images and the quarter turns, the symmetries of a rectangle's
 * grid), every output turned back to the image's own orientation, and the 8 averaged.
 *
 * <p>A network trained on randomly flipped and turned crops makes slightly different errors in
 * each orientation; the mean of the 8 is closer to the truth than any one of them (about
 * 0.1 dB PSNR-Y for the shipped sr-x2, see {@code models/README.md}) for 8 times the inference.
 * It invents nothing: every output pixel is an average of the model's own answers, so it suits
 * the faithful flavour. It is not for colorization: averaging the chroma of 8 guesses (some
 * upside down) desaturates it, and a colorizer's gain was calibrated on its graph's own output
 * (the bins colorizer averages the frame and its mirror image inside its graph).
 *
 * <p>The result is exactly equivariant: enhancing a turned or mirrored image gives the turned or
 * mirrored result (the sums are integers, rounded half up once). The 8 orientations of a batch
 * run as 8 calls of the batch's own size, so one call needs no more memory than the batch alone
 * would (on a CPU larger calls are not faster; on a GPU the batch size is the knob for that).
 * Stateless; thread-safe as the model it is given.
 */
public final class SelfEnsemble {
    /** Orientations averaged. */
    public static final int VIEWS = 8;
    /** Why a colorizer (scale 1) is refused, for every place that refuses it. */
    public static final String NOT_FOR_COLOUR = "self-ensemble is for super-resolution: averaging 8 guesses of colour "
            + "washes it out, and a colorizer's gain was calibrated on its own graph's output";
    /** Bit of a view: mirror left-right (after any transpose). */
    private static final int MIRROR_X = 1;
    /** Bit of a view: mirror top-bottom (after any transpose). */
    private static final int MIRROR_Y = 2;
    /** Bit of a view: transpose (swap rows and columns) first. */
    private static final int TRANSPOSE = 4;

    private SelfEnsemble() {
    }

    /**
     * Enhances {@code batch} with {@code model} in all 8 orientations and returns the averages.
     *
     * @param model runs one batch of images of one size and returns one output per input, each
     *     {@code scale} times the input's size, as {@link ContractModel#enhance(List)} does
     * @param batch one or more images of one size (the model refuses a mixed batch)
     * @param scale the model's upscaling factor, at least 2
     * @throws IllegalArgumentException if the scale is below 2 (a colorizer), the batch is empty, or
     *     an output breaks the scale or the contract's 3 channels
     */
    public static List<Image> enhance(UnaryOperator<List<Image>> model, List<Image> batch, int scale) {
        if (scale < 2) {
            throw new IllegalArgumentException(NOT_FOR_COLOUR);
        }
        if (batch.isEmpty()) {
            throw new IllegalArgumentException("empty batch");
        }
        final Image first = batch.get(0);
        final int n = batch.size();
        final int outW = first.width() * scale;
        final int outH = first.height() * scale;
        final int outC = ModelContract.OUTPUT_CHANNELS;
        final List<int[]> sums = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            sums.add(new int[outW * outH * outC]);
        }
        for (int view = 0; view < VIEWS; view++) {
            final List<Image> inputs = new ArrayList<>(n);
            for (Image image : batch) {
                inputs.add(orient(image, view));
            }
            final List<Image> outputs = model.apply(inputs);
            if (outputs.size() != n) {
                throw new IllegalArgumentException("the model returned " + outputs.size() + " images for " + n);
            }
            for (int i = 0; i < n; i++) {
                addBack(outputs.get(i), view, outW, outH, outC, sums.get(i));
            }
        }
        final List<Image> averages = new ArrayList<>(n);
        for (int[] sum : sums) {
            final byte[] pixels = new byte[sum.length];
            for (int k = 0; k < sum.length; k++) {
                pixels[k] = (byte) ((sum[k] + VIEWS / 2) / VIEWS);
            }
            averages.add(new Image(outW, outH, outC, pixels));
        }
        return averages;
    }

    /**
     * {@code image} in orientation {@code view} (0-7): transposed first when bit 4 is set, then
     * mirrored left-right (bit 1) and top-bottom (bit 2). View 0 is the image itself.
     */
    public static Image orient(Image image, int view) {
        checkView(view);
        final int w = image.width();
        final int h = image.height();
        final int c = image.channels();
        final boolean transpose = (view & TRANSPOSE) != 0;
        final int ow = transpose ? h : w;
        final int oh = transpose ? w : h;
        final byte[] src = image.pixels();
        final byte[] dst = new byte[src.length];
        for (int y = 0; y < oh; y++) {
            for (int x = 0; x < ow; x++) {
                System.arraycopy(src, c * sourceIndex(view, x, y, ow, oh, w), dst, c * (y * ow + x), c);
            }
        }
        return new Image(ow, oh, c, dst);
    }

    /** Adds {@code out}, an output in orientation {@code view}, to {@code sum} in the image's own orientation. */
    private static void addBack(Image out, int view, int outW, int outH, int c, int[] sum) {
        final boolean transpose = (view & TRANSPOSE) != 0;
        final int ow = transpose ? outH : outW;
        final int oh = transpose ? outW : outH;
        if (out.width() != ow || out.height() != oh || out.channels() != c) {
            throw new IllegalArgumentException("the model returned " + out.width() + "x" + out.height() + "x"
                    + out.channels() + " where " + ow + "x" + oh + "x" + c + " was due");
        }
        final byte[] px = out.pixels();
        for (int y = 0; y < oh; y++) {
            for (int x = 0; x < ow; x++) {
                final int to = c * sourceIndex(view, x, y, ow, oh, outW);
                final int from = c * (y * ow + x);
                for (int k = 0; k < c; k++) {
                    sum[to + k] += px[from + k] & 0xFF;
                }
            }
        }
    }

    /**
     * The pixel index, in an image of width {@code w}, that lands at {@code (x, y)} of its
     * orientation {@code view}, which is {@code ow x oh}.
     */
    private static int sourceIndex(int view, int x, int y, int ow, int oh, int w) {
        final int sx = (view & MIRROR_X) != 0 ? ow - 1 - x : x;
        final int sy = (view & MIRROR_Y) != 0 ? oh - 1 - y : y;
        return (view & TRANSPOSE) != 0 ? sx * w + sy : sy * w + sx;
    }

    private static void checkView(int view) {
        if (view < 0 || view >= VIEWS) {
            throw new IllegalArgumentException("view must be 0-" + (VIEWS - 1) + ", got " + view);
        }
    }
}
