package dev.framelift.model.testing;

import dev.framelift.model.Image;

/** Synthetic images for tests: deterministic, with structure a codec or model can get wrong. */
public final class TestImages {
    private TestImages() {
    }

    /**
     * A smooth diagonal gradient per channel plus a small checker pattern, shifted by
     * {@code seed} so that different seeds give different frames.
     */
    public static Image gradient(int width, int height, int channels, int seed) {
        byte[] p = new byte[width * height * channels];
        int i = 0;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                for (int c = 0; c < channels; c++) {
                    int v = (x * 255 / Math.max(1, width - 1) * (c + 1) + y * 255 / Math.max(1, height - 1)
                            + seed * 11) / (c + 2);
                    v += ((x / 4 + y / 4) % 2 == 0) ? 6 : -6;
                    p[i++] = (byte) Math.max(0, Math.min(255, v));
                }
            }
        }
        return new Image(width, height, channels, p);
    }

    /** Uniform noise, the worst case for compression. */
    public static Image noise(int width, int height, int channels, long seed) {
        byte[] p = new byte[width * height * channels];
        new java.util.Random(seed).nextBytes(p);
        return new Image(width, height, channels, p);
    }

    /** Nearest-neighbour upscale, a reference to compare a generator's output with. */
    public static Image nearestUpscale(Image image, int scale) {
        int w = image.width() * scale;
        int h = image.height() * scale;
        int c = image.channels();
        byte[] out = new byte[w * h * c];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                System.arraycopy(image.pixels(), ((y / scale) * image.width() + x / scale) * c, out, (y * w + x) * c, c);
            }
        }
        return new Image(w, h, c, out);
    }

    /** Mean absolute difference per sample of two images of the same shape. */
    public static double meanAbsDiff(Image a, Image b) {
        if (a.width() != b.width() || a.height() != b.height() || a.channels() != b.channels()) {
            throw new IllegalArgumentException("shapes differ");
        }
        long sum = 0;
        byte[] pa = a.pixels();
        byte[] pb = b.pixels();
        for (int i = 0; i < pa.length; i++) {
            sum += Math.abs((pa[i] & 0xff) - (pb[i] & 0xff));
        }
        return (double) sum / pa.length;
    }

    /** Largest absolute difference of any sample of two images of the same shape. */
    public static int maxAbsDiff(Image a, Image b) {
        if (a.width() != b.width() || a.height() != b.height() || a.channels() != b.channels()) {
            throw new IllegalArgumentException("shapes differ");
        }
        int max = 0;
        byte[] pa = a.pixels();
        byte[] pb = b.pixels();
        for (int i = 0; i < pa.length; i++) {
            max = Math.max(max, Math.abs((pa[i] & 0xff) - (pb[i] & 0xff)));
        }
        return max;
    }
}
