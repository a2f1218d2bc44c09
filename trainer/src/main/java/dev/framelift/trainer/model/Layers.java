package dev.framelift.trainer.model;

import java.util.List;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.nn.LeakyRelu;
import org.tensorflow.types.TFloat32;

/** Small building blocks shared by the networks. Stateless. */
public final class Layers {
    private Layers() {
    }

    /**
     * A k x k convolution with bias, SAME padding.
     *
     * @param gain multiplies the He-normal initial scale (small for the last layer of a residual
     *     branch so that an untrained network starts close to its skip path)
     */
    public static Operand<TFloat32> conv(Weights w, String layer, Operand<TFloat32> x, int k, int cin, int cout,
            int stride, double gain) {
        final Ops tf = w.ops();
        final double std = gain * Math.sqrt(2.0 / (k * k * cin));
        final Operand<TFloat32> kernel = w.get(layer, "kernel", new long[] {k, k, cin, cout}, std);
        final Operand<TFloat32> bias = w.get(layer, "bias", new long[] {cout}, 0);
        final Operand<TFloat32> y = tf.nn.conv2d(x, kernel, List.of(1L, (long) stride, (long) stride, 1L), "SAME");
        return tf.nn.biasAdd(y, bias);
    }

    public static Operand<TFloat32> lrelu(Ops tf, Operand<TFloat32> x) {
        return tf.nn.leakyRelu(x, LeakyRelu.alpha(0.1f));
    }

    /** conv then leaky ReLU. */
    public static Operand<TFloat32> convAct(Weights w, String layer, Operand<TFloat32> x, int k, int cin, int cout,
            int stride) {
        return lrelu(w.ops(), conv(w, layer, x, k, cin, cout, stride, 1.0));
    }
}
