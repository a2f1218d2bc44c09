package dev.framelift.trainer.model;

import java.util.List;

import org.tensorflow.Operand;
import org.tensorflow.ndarray.index.Indices;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TUint8;

/**
 * U-Net colorizer: predicts centred CbCr from luma; RGB is rebuilt from the input luma and the
 * predicted chroma, so the luma of the output equals the input's (up to rounding and gamut
 * clipping). The input is mirror-padded to a multiple of {@value #MULTIPLE} inside the graph and
 * the result cropped back, so any H x W of at least 4 pixels works (symmetric padding can add
 * at most the size of the input).
 *
 * <p>fast: widths 24/48/96 over three stride-2 levels (about 0.65M parameters); quality:
 * 32/64/128 (about 1.2M).
 */
public final class ColorizeGenerator extends Colorizer {
    /** Input sides are padded to a multiple of 2^levels. */
    public static final int MULTIPLE = 8;

    /**
     * The chroma gain, a fixed (untrained) scalar multiplying the predicted chroma: 1 while
     * training; calibrated on the validation crops before export, because an L1-trained
     * colorizer predicts the conditional mean of the chroma and so under-saturates.
     */
    public static final String GAIN_LAYER = "chroma";
    public static final String GAIN_NAME = "gain";

    private final boolean quality;

    public ColorizeGenerator(boolean quality) {
        this.quality = quality;
    }

    @Override
    public String architecture() {
        return quality ? "unet3-colorize-quality" : "unet3-colorize-fast";
    }

    /** The chroma gain, from 1 to 4 in steps of 1/16. */
    @Override
    public java.util.Map<String, double[]> calibration() {
        final double[] gains = new double[49];
        for (int i = 0; i < gains.length; i++) {
            gains[i] = 1 + i / 16.0;
        }
        return java.util.Map.of(GAIN_LAYER + "/" + GAIN_NAME, gains);
    }

    @Override
    public Built build(Operand<TUint8> images, Weights w) {
        final Ops tf = w.ops();
        final int c0 = quality ? 32 : 24;
        final int c1 = 2 * c0;
        final int c2 = 4 * c0;
        final Operand<TFloat32> y = ColorSpace.toFloat(tf, images);
        final Operand<TInt32> hw = tf.stridedSlice(tf.shape(images), Indices.slice(1, 3));
        final Operand<TFloat32> x = Padding.mirrorToMultiple(tf, tf.math.sub(y, tf.constant(0.5f)), hw, MULTIPLE);

        Operand<TFloat32> e0 = Layers.convAct(w, "enc0a", x, 3, 1, c0, 1);
        e0 = Layers.convAct(w, "enc0b", e0, 3, c0, c0, 1);
        Operand<TFloat32> e1 = Layers.convAct(w, "enc1a", e0, 3, c0, c1, 2);
        e1 = Layers.convAct(w, "enc1b", e1, 3, c1, c1, 1);
        Operand<TFloat32> e2 = Layers.convAct(w, "enc2a", e1, 3, c1, c2, 2);
        e2 = Layers.convAct(w, "enc2b", e2, 3, c2, c2, 1);
        Operand<TFloat32> b = Layers.convAct(w, "mid_a", e2, 3, c2, c2, 2);
        b = Layers.convAct(w, "mid_b", b, 3, c2, c2, 1);
        b = Layers.convAct(w, "mid_c", b, 3, c2, c2, 1);

        final Operand<TFloat32> d2 = Layers.convAct(w, "dec2", up(tf, b, e2), 3, 2 * c2, c2, 1);
        final Operand<TFloat32> d1 = Layers.convAct(w, "dec1", up(tf, d2, e1), 3, c2 + c1, c1, 1);
        final Operand<TFloat32> d0 = Layers.convAct(w, "dec0", up(tf, d1, e0), 3, c1 + c0, c0, 1);
        final Operand<TFloat32> chroma = tf.math.mul(tf.math.tanh(Layers.conv(w, "out", d0, 3, c0, 2, 1, 0.1)), tf.constant(0.5f));

        final Operand<TInt32> begin = tf.constant(new int[] {0, 0, 0, 0});
        final Operand<TInt32> size = tf.concat(List.of(tf.constant(new int[] {-1}), hw, tf.constant(new int[] {-1})), tf.constant(0));
        final Operand<TFloat32> cbcr = tf.math.mul(tf.slice(chroma, begin, size),
                w.fixed(GAIN_LAYER, GAIN_NAME, 1f));
        final Operand<TUint8> out = ColorSpace.toUint8(tf, ColorSpace.toRgb(tf, y, cbcr));
        return new Built(out, cbcr, condition(tf, y), null);
    }
}
