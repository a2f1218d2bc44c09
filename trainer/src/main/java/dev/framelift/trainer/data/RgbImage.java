package dev.framelift.trainer.data;

import java.awt.image.BufferedImage;

/**
 * An 8-bit RGB image held as interleaved row-major bytes ({@code (y * width + x) * 3 + c}).
 * Immutable by convention: no method mutates {@link #pixels()}; callers must not either.
 */
public record RgbImage(int width, int height, byte[] pixels) {
    public RgbImage {
        if ((long) width * height * 3 != pixels.length) {
            throw new IllegalArgumentException("pixels do not match " + width + "x" + height + "x3");
        }
    }

    /** Converts any decoded image (gray, paletted, ARGB...) to RGB, dropping alpha. */
    public static RgbImage of(BufferedImage image) {
        final int w = image.getWidth();
        final int h = image.getHeight();
        final int[] argb = image.getRGB(0, 0, w, h, null, 0, w);
        final byte[] px = new byte[w * h * 3];
        for (int i = 0, j = 0; i < argb.length; i++, j += 3) {
            final int p = argb[i];
            px[j] = (byte) (p >> 16);
            px[j + 1] = (byte) (p >> 8);
            px[j + 2] = (byte) p;
        }
        return new RgbImage(w, h, px);
    }

    public BufferedImage toBufferedImage() {
        final int[] argb = new int[width * height];
        for (int i = 0, j = 0; i < argb.length; i++, j += 3) {
            argb[i] = 0xFF000000 | (pixels[j] & 0xFF) << 16 | (pixels[j + 1] & 0xFF) << 8 | (pixels[j + 2] & 0xFF);
        }
        final BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        image.setRGB(0, 0, width, height, argb, 0, width);
        return image;
    }

    /** The sub-image at (x, y) of the given size, which must lie inside this image. */
    public RgbImage crop(int x, int y, int w, int h) {
        if (x < 0 || y < 0 || x + w > width || y + h > height) {
            throw new IllegalArgumentException("crop outside the image");
        }
        final byte[] out = new byte[w * h * 3];
        for (int r = 0; r < h; r++) {
            System.arraycopy(pixels, ((y + r) * width + x) * 3, out, r * w * 3, w * 3);
        }
        return new RgbImage(w, h, out);
    }

    /** Antialiased bicubic resize (see {@link Resampler}). */
    public RgbImage resize(int w, int h) {
        if (w == width && h == height) {
            return this;
        }
        return new RgbImage(w, h, Resampler.resizeBicubic(pixels, width, height, 3, w, h));
    }

    /**
     * One of the eight dihedral transforms: {@code code & 3} quarter turns clockwise, then a
     * horizontal mirror when {@code code & 4} is set. Code 0 is the identity.
     */
    public RgbImage dihedral(int code) {
        final int turns = code & 3;
        final boolean mirror = (code & 4) != 0;
        final int w = (turns & 1) == 0 ? width : height;
        final int h = (turns & 1) == 0 ? height : width;
        final byte[] out = new byte[pixels.length];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                final int dx = mirror ? w - 1 - x : x;
                // (dx, y) in the rotated frame -> source coordinates
                final int sx;
                final int sy;
                switch (turns) {
                    case 0 -> { sx = dx; sy = y; }
                    case 1 -> { sx = y; sy = height - 1 - dx; }
                    case 2 -> { sx = width - 1 - dx; sy = height - 1 - y; }
                    default -> { sx = width - 1 - y; sy = dx; }
                }
                final int s = (sy * width + sx) * 3;
                final int d = (y * w + x) * 3;
                out[d] = pixels[s];
                out[d + 1] = pixels[s + 1];
                out[d + 2] = pixels[s + 2];
            }
        }
        return new RgbImage(w, h, out);
    }

    /** BT.601 full-range luma, rounded, one byte per pixel. */
    public byte[] luma() {
        final byte[] y = new byte[width * height];
        for (int i = 0, j = 0; i < y.length; i++, j += 3) {
            final double v = 0.299 * (pixels[j] & 0xFF) + 0.587 * (pixels[j + 1] & 0xFF) + 0.114 * (pixels[j + 2] & 0xFF);
            y[i] = (byte) Math.min(255, (int) Math.round(v));
        }
        return y;
    }

    /** Standard deviation of the chroma (Cb and Cr pooled) in 8-bit units: ~0 for gray photos. */
    public double chromaStd() {
        double sum = 0;
        double sumSq = 0;
        int n = 0;
        for (int j = 0; j < pixels.length; j += 3 * 7) { // a sparse sample is plenty
            final int r = pixels[j] & 0xFF;
            final int g = pixels[j + 1] & 0xFF;
            final int b = pixels[j + 2] & 0xFF;
            final double cb = -0.168736 * r - 0.331264 * g + 0.5 * b;
            final double cr = 0.5 * r - 0.418688 * g - 0.081312 * b;
            sum += cb + cr;
            sumSq += cb * cb + cr * cr;
            n += 2;
        }
        final double mean = sum / n;
        return Math.sqrt(Math.max(0, sumSq / n - mean * mean));
    }
}
