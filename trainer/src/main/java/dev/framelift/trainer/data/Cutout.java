package dev.framelift.trainer.data;

import java.awt.image.BufferedImage;
import java.util.SplittableRandom;

/**
 * A photo of an object cut out of its background (a PNG with transparency, such as Tux Paint's
 * stamps), held premultiplied: {@code rgb} is colour times alpha, so resizing and compositing
 * never pick up the arbitrary colour stored under transparent pixels. Training composites a
 * cutout onto a crop of another photo ({@link #compositeOnto}), so a few dozen cutouts of fruit
 * and animals appear on many backgrounds. Immutable by convention, like {@link RgbImage}.
 *
 * @param alpha one byte per pixel, 0 transparent to 255 opaque
 */
public record Cutout(RgbImage rgb, byte[] alpha) {
    /** Share of (nearly) transparent pixels from which a decoded image counts as a cutout. */
    public static final double MIN_TRANSPARENT_SHARE = 0.05;

    public Cutout {
        if (alpha.length != rgb.width() * rgb.height()) {
            throw new IllegalArgumentException("alpha does not match " + rgb.width() + "x" + rgb.height());
        }
    }

    /** The cutout in {@code image}, or null when it has no alpha or too little of it is transparent. */
    public static Cutout of(BufferedImage image) {
        if (!image.getColorModel().hasAlpha()) {
            return null;
        }
        final int w = image.getWidth();
        final int h = image.getHeight();
        final int[] argb = image.getRGB(0, 0, w, h, null, 0, w);
        final byte[] px = new byte[w * h * 3];
        final byte[] alpha = new byte[w * h];
        int transparent = 0;
        for (int i = 0, j = 0; i < argb.length; i++, j += 3) {
            final int p = argb[i];
            final int a = p >>> 24;
            if (a < 128) {
                transparent++;
            }
            alpha[i] = (byte) a;
            px[j] = (byte) Math.round(((p >> 16) & 0xFF) * a / 255f);
            px[j + 1] = (byte) Math.round(((p >> 8) & 0xFF) * a / 255f);
            px[j + 2] = (byte) Math.round((p & 0xFF) * a / 255f);
        }
        return transparent >= MIN_TRANSPARENT_SHARE * argb.length ? new Cutout(new RgbImage(w, h, px), alpha) : null;
    }

    public int width() {
        return rgb.width();
    }

    public int height() {
        return rgb.height();
    }

    /** Antialiased resize of colour and alpha together. */
    public Cutout resize(int w, int h) {
        if (w == width() && h == height()) {
            return this;
        }
        return new Cutout(rgb.resize(w, h), Resampler.resizeBicubic(alpha, width(), height(), 1, w, h));
    }

    /**
     * This cutout over {@code background}: scaled so its long side is 45% to 100% of the
     * background's short side, at a random position where it fits whole.
     */
    public RgbImage compositeOnto(RgbImage background, SplittableRandom rnd) {
        final int side = Math.min(background.width(), background.height());
        final double f = side * (0.45 + 0.55 * rnd.nextDouble()) / Math.max(width(), height());
        final Cutout c = resize(Math.max(1, (int) Math.round(width() * f)), Math.max(1, (int) Math.round(height() * f)));
        final int x0 = rnd.nextInt(background.width() - c.width() + 1);
        final int y0 = rnd.nextInt(background.height() - c.height() + 1);
        final byte[] out = background.pixels().clone();
        for (int y = 0; y < c.height(); y++) {
            for (int x = 0; x < c.width(); x++) {
                final int a = c.alpha[y * c.width() + x] & 0xFF;
                final int s = (y * c.width() + x) * 3;
                final int d = ((y0 + y) * background.width() + x0 + x) * 3;
                for (int k = 0; k < 3; k++) {
                    final int v = (c.rgb.pixels()[s + k] & 0xFF) + Math.round((out[d + k] & 0xFF) * (255 - a) / 255f);
                    out[d + k] = (byte) Math.min(255, v);
                }
            }
        }
        return new RgbImage(background.width(), background.height(), out);
    }
}
