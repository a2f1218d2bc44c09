package dev.framelift.trainer.model;

import java.util.List;

import org.tensorflow.Operand;
import org.tensorflow.ndarray.index.Indices;
import org.tensorflow.op.Ops;
import org.tensorflow.op.image.ResizeBilinear;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TUint8;

/**
 * What every colorization generator shares: luma in, RGB out at the same size, centred CbCr
 * as working space, and a critic that sees the luma with the chroma.
 */
abstract class Colorizer implements Generator {
    @Override
    public final TrainingTask task() {
        return TrainingTask.COLORIZE;
    }

    @Override
    public final int criticChannels() {
        return 3;
    }

    @Override
    public final Operand<TFloat32> targetSpace(Ops tf, Operand<TUint8> truth) {
        return ColorSpace.chroma(tf, ColorSpace.toFloat(tf, truth));
    }

    @Override
    public final Operand<TFloat32> criticView(Ops tf, Built built, Operand<TFloat32> workingSpace) {
        return tf.concat(List.of(built.condition(), tf.math.mul(workingSpace, tf.constant(2f))), tf.constant(3));
    }

    /** Bilinear x2 upsample of {@code low} to the size of {@code skip}, concatenated with it (a U-Net's way up). */
    static Operand<TFloat32> up(Ops tf, Operand<TFloat32> low, Operand<TFloat32> skip) {
        final Operand<TInt32> size = tf.stridedSlice(tf.shape(skip), Indices.slice(1, 3));
        final Operand<TFloat32> u = tf.image.resizeBilinear(low, size, ResizeBilinear.halfPixelCenters(true));
        return tf.concat(List.of(u, skip), tf.constant(3));
    }

    /** The luma as the critic's condition, in [-1, 1]. */
    static Operand<TFloat32> condition(Ops tf, Operand<TFloat32> y) {
        return tf.math.sub(tf.math.mul(y, tf.constant(2f)), tf.constant(1f));
    }
}
