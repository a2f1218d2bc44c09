package dev.framelift.trainer.model;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Image upsampling by an integer scale written as a convolution at input size: output pixel
 * {@code (s*y + py, s*x + px)} is a weighted sum of the 5x5 input pixels around {@code (y, x)},
 * with weights that depend only on its phase {@code (py, px)}. A kernel of shape
 * {@code [5, 5, 1, s*s]} whose output channels are the phases, followed by DepthToSpace, is the
 * upsample; on a CPU this costs a fraction of TensorFlow's resize ops, and the difference of two
 * such kernels (bicubic minus bilinear) is again one kernel. Upsampling is linear, so an RGB image
 * upsampled one way per channel plus its luma upsampled another way is one kernel too
 * ({@link #rgb}): the whole upsample of the realtime generator is a single convolution.
 *
 * <p>Sampling positions use half-pixel centres, as {@code halfPixelCenters(true)} resizing does:
 * output pixel {@code i} samples input position {@code (i + 0.5) / s - 0.5}. The input is to be
 * padded by 2 on every side by mirroring its edge (MirrorPad SYMMETRIC), which equals the edge
 * clamping of the resize ops wherever a weight reaches one pixel beyond the edge.
 */
public final class PhaseKernels {
    /** Pixels of padding each side that the kernels need. */
    public static final int PAD = 2;
    private static final int SIZE = 2 * PAD + 1;
    /** Keys' cubic convolution parameter of the usual bicubic (Catmull-Rom). */
    private static final double KEYS_A = -0.5;

    private PhaseKernels() {
    }

    /** Bicubic (Keys, a = -0.5) upsampling by {@code scale}, as {@code [5][5][1][scale*scale]}. */
    public static float[][][][] bicubic(int scale) {
        return kernel(scale, PhaseKernels::keys);
    }

    /** Bilinear upsampling by {@code scale}, as {@code [5][5][1][scale*scale]}. */
    public static float[][][][] bilinear(int scale) {
        return kernel(scale, d -> Math.max(0, 1 - Math.abs(d)));
    }

    /**
     * The phases of {@code x} ({@code [N, H, W, C]}) under {@code kernel} ({@code [5][5][C][K]}):
     * {@code [N, H, W, K]}, mirror-padded so the edges clamp; DepthToSpace by {@code s} makes them
     * the upsampled image.
     */
    public static Operand<TFloat32> phases(Ops tf, Operand<TFloat32> x, float[][][][] kernel) {
        final Operand<TFloat32> padded = tf.mirrorPad(x, tf.constant(new long[][] {{0, 0}, {PAD, PAD}, {PAD, PAD}, {0, 0}}),
                "SYMMETRIC");
        return tf.nn.conv2d(padded, tf.constant(kernel), List.of(1L, 1L, 1L, 1L), "VALID");
    }

    /**
     * For an RGB input: each channel upsampled by {@code own}, plus {@code ofLuma} applied to the
     * luma {@code sum(lumaWeights[c] * channel c)} and added to R, G and B alike, as one kernel
     * {@code [5][5][3][s*s*3]} whose output channel {@code phase*3 + colour} is the DepthToSpace order.
     */
    public static float[][][][] rgb(float[][][][] own, float[][][][] ofLuma, float[] lumaWeights) {
        final int phases = own[0][0][0].length;
        final float[][][][] k = new float[SIZE][SIZE][3][3 * phases];
        for (int y = 0; y < SIZE; y++) {
            for (int x = 0; x < SIZE; x++) {
                for (int in = 0; in < 3; in++) {
                    for (int p = 0; p < phases; p++) {
                        for (int out = 0; out < 3; out++) {
                            k[y][x][in][3 * p + out] = (in == out ? own[y][x][0][p] : 0f)
                                    + lumaWeights[in] * ofLuma[y][x][0][p];
                        }
                    }
                }
            }
        }
        return k;
    }

    /** {@code a - b}, element by element. */
    public static float[][][][] minus(float[][][][] a, float[][][][] b) {
        final float[][][][] d = new float[SIZE][SIZE][1][a[0][0][0].length];
        for (int y = 0; y < SIZE; y++) {
            for (int x = 0; x < SIZE; x++) {
                for (int c = 0; c < d[y][x][0].length; c++) {
                    d[y][x][0][c] = a[y][x][0][c] - b[y][x][0][c];
                }
            }
        }
        return d;
    }

    private static float[][][][] kernel(int scale, java.util.function.DoubleUnaryOperator weight) {
        final float[][][][] k = new float[SIZE][SIZE][1][scale * scale];
        for (int py = 0; py < scale; py++) {
            for (int px = 0; px < scale; px++) {
                final double fy = (py + 0.5) / scale - 0.5;
                final double fx = (px + 0.5) / scale - 0.5;
                for (int oy = -PAD; oy <= PAD; oy++) {
                    for (int ox = -PAD; ox <= PAD; ox++) {
                        k[oy + PAD][ox + PAD][0][py * scale + px] =
                                (float) (weight.applyAsDouble(oy - fy) * weight.applyAsDouble(ox - fx));
                    }
                }
            }
        }
        return k;
    }

    private static double keys(double d) {
        final double x = Math.abs(d);
        if (x <= 1) {
            return ((KEYS_A + 2) * x - (KEYS_A + 3)) * x * x + 1;
        }
        return x < 2 ? ((KEYS_A * x - 5 * KEYS_A) * x + 8 * KEYS_A) * x - 4 * KEYS_A : 0;
    }
}
