package dev.framelift.enhancer.image;

import java.util.Arrays;

import dev.framelift.model.Image;

/**
 * Bicubic resampling (Keys' cubic convolution, a = -0.5, the "Catmull-Rom" of most image tools),
 * separable, with pixel centres aligned ({@code (x + 0.5) / scale - 0.5}) and edges clamped. Made
 * for enlarging: the plain baseline beside an enhanced frame, and alpha planes reattached to an
 * upscaled image. Shrinking works but does not antialias; {@link #area} does. Stateless and
 * thread-safe.
 */
public final class Resize {
    private Resize() {
    }

    /** The image resampled to {@code width x height}, same channels; the same instance when the size is unchanged. */
    public static Image bicubic(Image image, int width, int height) {
        if (width == image.width() && height == image.height()) {
            return image;
        }
        final int c = image.channels();
        final Taps xs = Taps.of(image.width(), width);
        final Taps ys = Taps.of(image.height(), height);
        // horizontal pass into floats, then vertical pass into bytes
        final int srcW = image.width();
        final int srcH = image.height();
        final byte[] in = image.pixels();
        final float[] rows = new float[srcH * width * c];
        for (int y = 0; y < srcH; y++) {
            final int rowIn = y * srcW * c;
            final int rowOut = y * width * c;
            for (int x = 0; x < width; x++) {
                for (int ch = 0; ch < c; ch++) {
                    float sum = 0;
                    for (int k = 0; k < 4; k++) {
                        sum += xs.weight[x * 4 + k] * (in[rowIn + xs.index[x * 4 + k] * c + ch] & 0xFF);
                    }
                    rows[rowOut + x * c + ch] = sum;
                }
            }
        }
        final byte[] out = new byte[width * height * c];
        final int rowLength = width * c;
        for (int y = 0; y < height; y++) {
            final int o = y * rowLength;
            for (int i = 0; i < rowLength; i++) {
                float sum = 0;
                for (int k = 0; k < 4; k++) {
                    sum += ys.weight[y * 4 + k] * rows[ys.index[y * 4 + k] * rowLength + i];
                }
                out[o + i] = (byte) Math.max(0, Math.min(255, Math.round(sum)));
            }
        }
        return new Image(width, height, c, out);
    }

    /**
     * The image shrunk to {@code width x height} by area averaging: each output pixel is the mean
     * of the source area it covers, partly covered source pixels weighted by their share, so
     * nothing aliases. Same channels; the same instance when the size is unchanged.
     *
     * @throws IllegalArgumentException if the target is larger than the image along either side
     */
    public static Image area(Image image, int width, int height) {
        if (width > image.width() || height > image.height() || width < 1 || height < 1) {
            throw new IllegalArgumentException("area averaging shrinks: " + image.width() + "x" + image.height()
                    + " cannot become " + width + "x" + height);
        }
        if (width == image.width() && height == image.height()) {
            return image;
        }
        final int c = image.channels();
        final Cover xs = Cover.of(image.width(), width);
        final Cover ys = Cover.of(image.height(), height);
        final int srcW = image.width();
        final byte[] in = image.pixels();
        final float[] rows = new float[image.height() * width * c];
        for (int y = 0; y < image.height(); y++) {
            for (int x = 0; x < width; x++) {
                final float[] weights = xs.weights[x];
                final int dst = (y * width + x) * c;
                for (int j = 0; j < weights.length; j++) {
                    final int src = (y * srcW + xs.first[x] + j) * c;
                    for (int ch = 0; ch < c; ch++) {
                        rows[dst + ch] += weights[j] * (in[src + ch] & 0xFF);
                    }
                }
            }
        }
        final byte[] out = new byte[width * height * c];
        final int rowLength = width * c;
        final float[] sum = new float[rowLength];
        for (int y = 0; y < height; y++) {
            Arrays.fill(sum, 0f);
            final float[] weights = ys.weights[y];
            for (int j = 0; j < weights.length; j++) {
                final int row = (ys.first[y] + j) * rowLength;
                for (int i = 0; i < rowLength; i++) {
                    sum[i] += weights[j] * rows[row + i];
                }
            }
            for (int i = 0; i < rowLength; i++) {
                out[y * rowLength + i] = (byte) Math.max(0, Math.min(255, Math.round(sum[i])));
            }
        }
        return new Image(width, height, c, out);
    }

    /**
     * Along one axis shrunk from {@code from} to {@code to} pixels: the first source pixel each
     * output pixel covers, and the share of the output's area that it and the following covered
     * pixels each make up (the shares of one output sum to 1).
     */
    private record Cover(int[] first, float[][] weights) {
        static Cover of(int from, int to) {
            final double step = (double) from / to;
            final int[] first = new int[to];
            final float[][] weights = new float[to][];
            for (int o = 0; o < to; o++) {
                final double start = o * step;
                final double end = (o + 1) * step;
                first[o] = (int) Math.floor(start);
                final int last = Math.min(from - 1, (int) Math.ceil(end) - 1);
                weights[o] = new float[last - first[o] + 1];
                for (int k = first[o]; k <= last; k++) {
                    weights[o][k - first[o]] = (float) (Math.max(0, Math.min(k + 1, end) - Math.max(k, start)) / step);
                }
            }
            return new Cover(first, weights);
        }
    }

    /** The four source indices and weights of every output position along one axis. */
    private record Taps(int[] index, float[] weight) {
        static Taps of(int from, int to) {
            final int[] index = new int[to * 4];
            final float[] weight = new float[to * 4];
            final double scale = (double) to / from;
            for (int o = 0; o < to; o++) {
                final double centre = (o + 0.5) / scale - 0.5;
                final int base = (int) Math.floor(centre);
                final double t = centre - base;
                for (int k = 0; k < 4; k++) {
                    final int i = base - 1 + k;
                    index[o * 4 + k] = Math.max(0, Math.min(from - 1, i));
                    weight[o * 4 + k] = (float) cubic(t - (k - 1));
                }
            }
            return new Taps(index, weight);
        }

        private static double cubic(double x) {
            final double a = -0.5;
            x = Math.abs(x);
            if (x <= 1) {
                return ((a + 2) * x - (a + 3)) * x * x + 1;
            }
            if (x < 2) {
                return ((a * x - 5 * a) * x + 8 * a) * x - 4 * a;
            }
            return 0;
        }
    }
}
