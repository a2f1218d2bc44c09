package dev.framelift.trainer.model;

import org.tensorflow.Operand;
import org.tensorflow.ndarray.index.Indices;
import org.tensorflow.op.Ops;
import org.tensorflow.op.image.ResizeBicubic;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TUint8;

/**
 * Residual sub-pixel super-resolution on luma. RGB to YCbCr in the graph; the luma goes through
 * a few convolutions at LR size whose {@code s*s} output channels are rearranged by
 * DepthToSpace into an HR residual that is added to the bicubic upsample of the luma. Chroma is
 * upsampled bicubic (the eye and PSNR-Y care about luma). Back to RGB, clipped, rounded.
 *
 * <p>fast: a 5x5x32 head, six 3x3x32 layers with a skip around them, a 3x3x(s*s) tail (about
 * 58k parameters at x2, 61k at x4). quality: a 3x3x48 head, six residual blocks of two 3x3x48
 * convolutions, a 3x3x(4*s*s) tail (about 257k at x2, 287k at x4).
 */
public final class SrGenerator implements Generator {
    private final int scale;
    private final boolean quality;

    public SrGenerator(int scale, boolean quality) {
        this.scale = scale;
        this.quality = quality;
    }

    @Override
    public String task() {
        return "sr-x" + scale;
    }

    @Override
    public int scale() {
        return scale;
    }

    @Override
    public int inputChannels() {
        return 3;
    }

    @Override
    public String architecture() {
        return quality ? "sr-resblocks-quality" : "espcn-deep-fast";
    }

    @Override
    public int criticChannels() {
        return 1;
    }

    @Override
    public Built build(Operand<TUint8> images, Weights w) {
        Ops tf = w.ops();
        Operand<TFloat32> rgb = ColorSpace.toFloat(tf, images);
        Operand<TFloat32> y = ColorSpace.luma(tf, rgb);
        Operand<TFloat32> cbcr = ColorSpace.chroma(tf, rgb);
        Operand<TInt32> hw = tf.stridedSlice(tf.shape(images), Indices.slice(1, 3));
        Operand<TInt32> hrSize = tf.math.mul(hw, tf.constant(scale));
        Operand<TFloat32> yUp = tf.image.resizeBicubic(y, hrSize, ResizeBicubic.halfPixelCenters(true));
        Operand<TFloat32> cUp = tf.image.resizeBicubic(cbcr, hrSize, ResizeBicubic.halfPixelCenters(true));

        Operand<TFloat32> x = tf.math.sub(y, tf.constant(0.5f));
        Operand<TFloat32> residual;
        int s2 = scale * scale;
        if (quality) {
            Operand<TFloat32> h = Layers.convAct(w, "head", x, 3, 1, 48, 1);
            Operand<TFloat32> skip = h;
            for (int b = 0; b < 6; b++) {
                Operand<TFloat32> r = Layers.convAct(w, "block" + b + "a", h, 3, 48, 48, 1);
                r = Layers.conv(w, "block" + b + "b", r, 3, 48, 48, 1, 0.1);
                h = tf.math.add(h, r);
            }
            h = tf.math.add(h, skip);
            h = Layers.convAct(w, "body", h, 3, 48, 4 * s2, 1);
            residual = Layers.conv(w, "tail", h, 3, 4 * s2, s2, 1, 0.1);
        } else {
            // deep and narrow: same ~58k parameters as a 64-channel 4-layer ESPCN but a 19 px
            // receptive field instead of 11 (it was 0.1-0.2 dB better at equal steps here)
            Operand<TFloat32> h = Layers.convAct(w, "conv1", x, 5, 1, 32, 1);
            Operand<TFloat32> skip = h;
            for (int i = 0; i < 6; i++) {
                h = Layers.convAct(w, "body" + i, h, 3, 32, 32, 1);
            }
            h = tf.math.add(h, skip);
            residual = Layers.conv(w, "tail", h, 3, 32, s2, 1, 0.1);
        }
        Operand<TFloat32> yHr = tf.math.add(yUp, tf.nn.depthToSpace(residual, (long) scale));
        Operand<TUint8> out = ColorSpace.toUint8(tf, ColorSpace.toRgb(tf, yHr, cUp));
        return new Built(out, yHr, null, null);
    }

    @Override
    public Operand<TFloat32> targetSpace(Ops tf, Operand<TUint8> truth) {
        return ColorSpace.luma(tf, ColorSpace.toFloat(tf, truth));
    }

    @Override
    public Operand<TFloat32> criticView(Ops tf, Built built, Operand<TFloat32> workingSpace) {
        return tf.math.sub(tf.math.mul(workingSpace, tf.constant(2f)), tf.constant(1f));
    }
}
