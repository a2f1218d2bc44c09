package dev.framelift.enhancer.image;

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
        int c = image.channels();
        Taps xs = Taps.of(image.width(), width);
        Taps ys = Taps.of(image.height(), height);
        // horizontal pass into floats, then vertical pass into bytes
        int srcW = image.width();
        int srcH = image.height();
        byte[] in = image.pixels();
        float[] rows = new float[srcH * width * c];
        for (int y = 0; y < srcH; y++) {
            int rowIn = y * srcW * c;
            int rowOut = y * width * c;
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
        byte[] out = new byte[width * height * c];
        int rowLength = width * c;
        for (int y = 0; y < height; y++) {
            int o = y * rowLength;
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
        int c = image.channels();
        Cover xs = Cover.of(image.width(), width);
        Cover ys = Cover.of(image.height(), height);
        int srcW = image.width();
        byte[] in = image.pixels();
        float[] rows = new float[image.height() * width * c];
        for (int y = 0; y < image.height(); y++) {
            for (int x = 0; x < width; x++) {
                for (int k = xs.first[x]; k <= xs.last[x]; k++) {
                    float wgt = xs.weight(x, k);
                    int src = (y * srcW + k) * c;
                    int dst = (y * width + x) * c;
                    for (int ch = 0; ch < c; ch++) {
                        rows[dst + ch] += wgt * (in[src + ch] & 0xFF);
                    }
                }
            }
        }
        byte[] out = new byte[width * height * c];
        int rowLength = width * c;
        for (int y = 0; y < height; y++) {
            float[] sum = new float[rowLength];
            for (int k = ys.first[y]; k <= ys.last[y]; k++) {
                float wgt = ys.weight(y, k);
                for (int i = 0; i < rowLength; i++) {
                    sum[i] += wgt * rows[k * rowLength + i];
                }
            }
            for (int i = 0; i < rowLength; i++) {
                out[y * rowLength + i] = (byte) Math.max(0, Math.min(255, Math.round(sum[i])));
            }
        }
        return new Image(width, height, c, out);
    }

    /** The source pixels each output pixel covers along one axis when {@code from} shrinks to {@code to}. */
    private record Cover(int[] first, int[] last, double step) {
        static Cover of(int from, int to) {
            double step = (double) from / to;
            int[] first = new int[to];
            int[] last = new int[to];
            for (int o = 0; o < to; o++) {
                first[o] = (int) Math.floor(o * step);
                last[o] = Math.min(from - 1, (int) Math.ceil((o + 1) * step) - 1);
            }
            return new Cover(first, last, step);
        }

        /** The share of output {@code o}'s area that source pixel {@code k} covers. */
        float weight(int o, int k) {
            double lo = Math.max(k, o * step);
            double hi = Math.min(k + 1, (o + 1) * step);
            return (float) (Math.max(0, hi - lo) / step);
        }
    }

    /** The four source indices and weights of every output position along one axis. */
    private record Taps(int[] index, float[] weight) {
        static Taps of(int from, int to) {
            int[] index = new int[to * 4];
            float[] weight = new float[to * 4];
            double scale = (double) to / from;
            for (int o = 0; o < to; o++) {
                double centre = (o + 0.5) / scale - 0.5;
                int base = (int) Math.floor(centre);
                double t = centre - base;
                for (int k = 0; k < 4; k++) {
                    int i = base - 1 + k;
                    index[o * 4 + k] = Math.max(0, Math.min(from - 1, i));
                    weight[o * 4 + k] = (float) cubic(t - (k - 1));
                }
            }
            return new Taps(index, weight);
        }

        private static double cubic(double x) {
            double a = -0.5;
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
