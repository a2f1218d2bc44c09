package dev.framelift.trainer.model;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TUint8;

/**
 * BT.601 full-range RGB/YCbCr conversions inside the graph, on NHWC floats in [0, 1]; chroma is
 * centred (Cb, Cr in [-0.5, 0.5]). Implemented as 1x1 convolutions so gradients flow.
 */
public final class ColorSpace {
    private static final float[][] RGB_TO_Y = {{0.299f}, {0.587f}, {0.114f}};
    private static final float[][] RGB_TO_CBCR = {{-0.168736f, 0.5f}, {-0.331264f, -0.418688f}, {0.5f, -0.081312f}};
    /** Rows: Y, Cb, Cr; columns: R, G, B. */
    private static final float[][] YCBCR_TO_RGB = {{1f, 1f, 1f}, {0f, -0.344136f, 1.772f}, {1.402f, -0.714136f, 0f}};

    private ColorSpace() {
    }

    /** The BT.601 luma weights of R, G and B (they sum to 1). */
    public static float[] lumaWeights() {
        return new float[] {RGB_TO_Y[0][0], RGB_TO_Y[1][0], RGB_TO_Y[2][0]};
    }

    public static Operand<TFloat32> toFloat(Ops tf, Operand<TUint8> images) {
        return tf.math.div(tf.dtypes.cast(images, TFloat32.class), tf.constant(255f));
    }

    /** Rounds and clips [0, 1] floats to uint8. */
    public static Operand<TUint8> toUint8(Ops tf, Operand<TFloat32> x) {
        final Operand<TFloat32> scaled = tf.clipByValue(tf.math.mul(x, tf.constant(255f)), tf.constant(0f), tf.constant(255f));
        return tf.dtypes.cast(tf.math.round(scaled), TUint8.class);
    }

    public static Operand<TFloat32> luma(Ops tf, Operand<TFloat32> rgb) {
        return mix(tf, rgb, RGB_TO_Y);
    }

    public static Operand<TFloat32> chroma(Ops tf, Operand<TFloat32> rgb) {
        return mix(tf, rgb, RGB_TO_CBCR);
    }

    /** RGB from luma [N,H,W,1] and centred chroma [N,H,W,2]. */
    public static Operand<TFloat32> toRgb(Ops tf, Operand<TFloat32> y, Operand<TFloat32> cbcr) {
        final Operand<TFloat32> ycc = tf.concat(java.util.List.of(y, cbcr), tf.constant(3));
        return mix(tf, ycc, YCBCR_TO_RGB);
    }

    private static Operand<TFloat32> mix(Ops tf, Operand<TFloat32> x, float[][] m) {
        final float[][][][] kernel = {{m}};
        return tf.nn.conv2d(x, tf.constant(kernel), java.util.List.of(1L, 1L, 1L, 1L), "VALID");
    }
}
