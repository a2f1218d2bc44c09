package dev.framelift.enhancer.image;

import dev.framelift.model.Image;

/**
 * Bicubic resampling (Keys' cubic convolution, a = -0.5, the "Catmull-Rom" of most image tools),
 * separable, with pixel centres aligned ({@code (x + 0.5) / scale - 0.5}) and edges clamped. Made
 * for enlarging: the plain baseline beside an enhanced frame, and alpha planes reattached to an
 * upscaled image. Shrinking works but does not antialias. Stateless and thread-safe.
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
