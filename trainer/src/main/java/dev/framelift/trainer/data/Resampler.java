package dev.framelift.trainer.data;

/**
 * Antialiased bicubic resampling of interleaved images, the same filter as Pillow's
 * {@code Image.resize(..., BICUBIC)}: a cubic convolution kernel with {@code a = -0.5} whose
 * support is stretched by the scale factor when downscaling (so a downscale averages every
 * source pixel instead of aliasing), weights clipped at the borders and renormalised.
 *
 * <p>It is both the SR degradation (HR to LR) and the naive baseline the models are measured
 * against (LR back to HR). Pure functions; thread-safe.
 */
public final class Resampler {
    private static final double A = -0.5;

    private Resampler() {
    }

    /**
     * Resizes an interleaved float image ({@code h * w * channels} values, row-major) to
     * {@code outW x outH}. Values are not clipped (bicubic overshoots slightly at edges).
     */
    public static float[] resizeBicubic(float[] src, int w, int h, int channels, int outW, int outH) {
        check(src.length, w, h, channels, outW, outH);
        final Axis ax = Axis.of(w, outW);
        final Axis ay = Axis.of(h, outH);
        // horizontal pass: h rows x outW columns
        final float[] tmp = new float[h * outW * channels];
        for (int y = 0; y < h; y++) {
            final int row = y * w * channels;
            for (int x = 0; x < outW; x++) {
                final int start = ax.start[x];
                final int n = ax.count[x];
                final int wo = x * ax.taps;
                for (int c = 0; c < channels; c++) {
                    double sum = 0;
                    for (int k = 0; k < n; k++) {
                        sum += ax.weights[wo + k] * src[row + (start + k) * channels + c];
                    }
                    tmp[(y * outW + x) * channels + c] = (float) sum;
                }
            }
        }
        // vertical pass
        final float[] out = new float[outH * outW * channels];
        final int stride = outW * channels;
        for (int y = 0; y < outH; y++) {
            final int start = ay.start[y];
            final int n = ay.count[y];
            final int wo = y * ay.taps;
            for (int i = 0; i < stride; i++) {
                double sum = 0;
                for (int k = 0; k < n; k++) {
                    sum += ay.weights[wo + k] * tmp[(start + k) * stride + i];
                }
                out[y * stride + i] = (float) sum;
            }
        }
        return out;
    }

    /**
     * Resizes an interleaved uint8 image; the result is rounded to nearest and clipped to
     * [0, 255].
     */
    public static byte[] resizeBicubic(byte[] src, int w, int h, int channels, int outW, int outH) {
        return toBytes(resizeBicubic(toFloats(src), w, h, channels, outW, outH));
    }

    /** Unsigned bytes to floats in [0, 255]. */
    public static float[] toFloats(byte[] src) {
        final float[] f = new float[src.length];
        for (int i = 0; i < src.length; i++) {
            f[i] = src[i] & 0xFF;
        }
        return f;
    }

    /** Floats in [0, 255] to unsigned bytes, rounded to nearest and clipped. */
    public static byte[] toBytes(float[] src) {
        final byte[] b = new byte[src.length];
        for (int i = 0; i < src.length; i++) {
            final int v = Math.round(src[i]);
            b[i] = (byte) (v < 0 ? 0 : Math.min(v, 255));
        }
        return b;
    }

    /** The cubic convolution kernel, a = -0.5. */
    static double cubic(double x) {
        x = Math.abs(x);
        if (x < 1) {
            return ((A + 2) * x - (A + 3)) * x * x + 1;
        }
        if (x < 2) {
            return (((x - 5) * x + 8) * x - 4) * A;
        }
        return 0;
    }

    private static void check(int len, int w, int h, int channels, int outW, int outH) {
        if (w <= 0 || h <= 0 || channels <= 0 || outW <= 0 || outH <= 0) {
            throw new IllegalArgumentException("sizes must be positive");
        }
        if ((long) w * h * channels != len) {
            throw new IllegalArgumentException("expected " + (long) w * h * channels + " values, got " + len);
        }
    }

    /** Precomputed taps of one axis: for each output index a window start, count and weights. */
    private static final class Axis {
        final int[] start;
        final int[] count;
        final double[] weights;
        final int taps;

        private Axis(int[] start, int[] count, double[] weights, int taps) {
            this.start = start;
            this.count = count;
            this.weights = weights;
            this.taps = taps;
        }

        static Axis of(int in, int out) {
            final double scale = (double) in / out;
            final double filterScale = Math.max(scale, 1.0);
            final double support = 2.0 * filterScale;
            final int taps = (int) Math.ceil(support) * 2 + 1;
            final int[] start = new int[out];
            final int[] count = new int[out];
            final double[] weights = new double[out * taps];
            for (int i = 0; i < out; i++) {
                final double center = (i + 0.5) * scale;
                final int lo = Math.max((int) (center - support + 0.5), 0);
                final int hi = Math.min((int) (center + support + 0.5), in);
                final int n = hi - lo;
                double total = 0;
                for (int k = 0; k < n; k++) {
                    final double wgt = cubic((k + lo - center + 0.5) / filterScale);
                    weights[i * taps + k] = wgt;
                    total += wgt;
                }
                if (total != 0) {
                    for (int k = 0; k < n; k++) {
                        weights[i * taps + k] /= total;
                    }
                }
                start[i] = lo;
                count[i] = n;
            }
            return new Axis(start, count, weights, taps);
        }
    }
}
