package dev.framelift.trainer.model;

import java.util.List;

import org.tensorflow.Operand;
import org.tensorflow.ndarray.index.Indices;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/** In-graph padding for networks that need sides of a multiple of 2^levels. Stateless. */
final class Padding {
    private Padding() {
    }

    /**
     * {@code x} (NHWC, spatial size {@code hw}) mirror-padded at the bottom and right up to the
     * next multiple of {@code multiple}. A symmetric pad may add at most the current size, so it
     * runs in two rounds: any side of at least {@code multiple / 4} px works.
     */
    static Operand<TFloat32> mirrorToMultiple(Ops tf, Operand<TFloat32> x, Operand<TInt32> hw, int multiple) {
        final Operand<TInt32> pad = tf.math.floorMod(tf.math.sub(tf.constant(multiple), tf.math.floorMod(hw, tf.constant(multiple))),
                tf.constant(multiple));
        final Operand<TInt32> first = tf.math.minimum(pad, hw);
        final Operand<TFloat32> once = tf.mirrorPad(x, paddings(tf, first), "SYMMETRIC");
        return tf.mirrorPad(once, paddings(tf, tf.math.sub(pad, first)), "SYMMETRIC");
    }

    /** The {@code [4, 2]} paddings adding {@code hw[0]} rows at the bottom and {@code hw[1]} columns at the right. */
    private static Operand<TInt32> paddings(Ops tf, Operand<TInt32> add) {
        final Operand<TInt32> zeros = tf.constant(new int[] {0, 0});
        return tf.stack(List.of(zeros,
                tf.stack(List.of(tf.constant(0), tf.reshape(tf.stridedSlice(add, Indices.at(0)), tf.constant(new int[0])))),
                tf.stack(List.of(tf.constant(0), tf.reshape(tf.stridedSlice(add, Indices.at(1)), tf.constant(new int[0])))),
                zeros));
    }
}
