package dev.framelift.trainer.model;

import java.util.Arrays;
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
 * <p>Three sizes ({@link Size}): realtime, a 5x5x16 head, six 3x3x16 layers with a skip around
 * them, a 3x3x(s*s) tail (about 15k parameters at x2, a quarter of fast's FLOPs), whose upsample
 * is one fixed convolution at input size (see {@link #build}); fast, a
 * 5x5x32 head, six 3x3x32 layers with a skip around them, a 3x3x(s*s) tail (about 58k parameters
 * at x2, 61k at x4); quality, a 3x3x48 head, six residual blocks of two 3x3x48 convolutions, a
 * 3x3x(4*s*s) tail (about 257k at x2, 287k at x4).
 */
public final class SrGenerator implements Generator {
    /** The network sizes, from cheapest to best; the name is the trainer's {@code --arch}. */
    public enum Size {
        // 16 channels, not 24: TensorFlow's CPU convolutions ran 24 channels at 150 GFLOP/s, 16 at 183
        REALTIME("realtime", "espcn-realtime", 16, 6),
        FAST("fast", "espcn-deep-fast", 32, 6),
        QUALITY("quality", "sr-resblocks-quality", 48, 6);

        private final String arch;
        private final String architecture;
        private final int channels;
        private final int layers;

        Size(String arch, String architecture, int channels, int layers) {
            this.arch = arch;
            this.architecture = architecture;
            this.channels = channels;
            this.layers = layers;
        }

        /** The {@code --arch} name of this size. */
        public String arch() {
            return arch;
        }

        /** The size whose {@code --arch} name is {@code arch}. */
        static Size of(String arch) {
            return Arrays.stream(values()).filter(size -> size.arch.equals(arch)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("unknown super-resolution architecture " + arch));
        }
    }

    private final TrainingTask task;
    private final int scale;
    private final Size size;

    /** The generator of {@code task} (a super-resolution task) in {@code size}. */
    SrGenerator(TrainingTask task, Size size) {
        if (task.colorize()) {
            throw new IllegalArgumentException(task + " is not a super-resolution task");
        }
        this.task = task;
        this.scale = task.scale();
        this.size = size;
    }

    @Override
    public TrainingTask task() {
        return task;
    }

    @Override
    public String architecture() {
        return size.architecture;
    }

    @Override
    public int criticChannels() {
        return 1;
    }

    @Override
    public Built build(Operand<TUint8> images, Weights w) {
        final Ops tf = w.ops();
        final Operand<TFloat32> rgb = ColorSpace.toFloat(tf, images);
        final Operand<TFloat32> y = ColorSpace.luma(tf, rgb);
        final Operand<TFloat32> lrResidual = residual(w, tf.math.sub(y, tf.constant(0.5f)));
        if (size == Size.REALTIME) {
            // TensorFlow's bicubic resize and the 1x1 colour convolutions at output size cost as
            // much as this network's own layers on a CPU. So the upsample is one fixed convolution
            // at input size: bilinear per RGB channel plus, in luma, the difference to bicubic
            // (adding to R, G and B alike is adding to Y in YCbCr); the network's residual is
            // added to each phase's three colours before DepthToSpace.
            final int s2 = scale * scale;
            final float[][][][] toBicubic = PhaseKernels.minus(PhaseKernels.bicubic(scale), PhaseKernels.bilinear(scale));
            final Operand<TFloat32> rgbPhases = PhaseKernels.phases(tf, rgb,
                    PhaseKernels.rgb(PhaseKernels.bilinear(scale), toBicubic, ColorSpace.lumaWeights()));
            final Operand<TFloat32> withDetail = tf.math.add(tf.reshape(rgbPhases, tf.constant(new int[] {-1, s2, 3})),
                    tf.reshape(lrResidual, tf.constant(new int[] {-1, s2, 1})));
            final Operand<TFloat32> rgbHr = tf.nn.depthToSpace(tf.reshape(withDetail, tf.shape(rgbPhases)), (long) scale);
            // the loss's luma is the same image's: bilinear plus its difference to bicubic is bicubic
            final Operand<TFloat32> yHr = tf.nn.depthToSpace(
                    tf.math.add(PhaseKernels.phases(tf, y, PhaseKernels.bicubic(scale)), lrResidual), (long) scale);
            return new Built(ColorSpace.toUint8(tf, rgbHr), yHr, null, null);
        }
        final Operand<TInt32> hw = tf.stridedSlice(tf.shape(images), Indices.slice(1, 3));
        final Operand<TInt32> hrSize = tf.math.mul(hw, tf.constant(scale));
        final Operand<TFloat32> detail = tf.nn.depthToSpace(lrResidual, (long) scale);
        final Operand<TFloat32> yUp = tf.image.resizeBicubic(y, hrSize, ResizeBicubic.halfPixelCenters(true));
        final Operand<TFloat32> cUp = tf.image.resizeBicubic(ColorSpace.chroma(tf, rgb), hrSize, ResizeBicubic.halfPixelCenters(true));
        final Operand<TFloat32> yHr = tf.math.add(yUp, detail);
        final Operand<TUint8> out = ColorSpace.toUint8(tf, ColorSpace.toRgb(tf, yHr, cUp));
        return new Built(out, yHr, null, null);
    }

    /** The luma residual at input size, {@code s*s} channels, from luma centred on zero. */
    private Operand<TFloat32> residual(Weights w, Operand<TFloat32> x) {
        final Ops tf = w.ops();
        final int s2 = scale * scale;
        final int c = size.channels;
        if (size == Size.QUALITY) {
            Operand<TFloat32> h = Layers.convAct(w, "head", x, 3, 1, c, 1);
            final Operand<TFloat32> skip = h;
            for (int b = 0; b < size.layers; b++) {
                Operand<TFloat32> r = Layers.convAct(w, "block" + b + "a", h, 3, c, c, 1);
                r = Layers.conv(w, "block" + b + "b", r, 3, c, c, 1, 0.1);
                h = tf.math.add(h, r);
            }
            h = tf.math.add(h, skip);
            h = Layers.convAct(w, "body", h, 3, c, 4 * s2, 1);
            return Layers.conv(w, "tail", h, 3, 4 * s2, s2, 1, 0.1);
        }
        // deep and narrow: same ~58k parameters as a 64-channel 4-layer ESPCN but a 19 px
        // receptive field instead of 11 (it was 0.1-0.2 dB better at equal steps here)
        Operand<TFloat32> h = Layers.convAct(w, "conv1", x, 5, 1, c, 1);
        final Operand<TFloat32> skip = h;
        for (int i = 0; i < size.layers; i++) {
            h = Layers.convAct(w, "body" + i, h, 3, c, c, 1);
        }
        h = tf.math.add(h, skip);
        return Layers.conv(w, "tail", h, 3, c, s2, 1, 0.1);
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
