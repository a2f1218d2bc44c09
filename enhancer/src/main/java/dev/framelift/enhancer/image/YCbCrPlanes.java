package dev.framelift.enhancer.image;

import dev.framelift.model.Image;

/**
 * An RGB image as BT.601 full-range YCbCr planes, chroma centred on 0: the colour space the
 * colorizer predicts in. Converting and rendering back round-trips to within one level.
 *
 * @param luma Y, 0..255
 * @param cb Cb, about -128..128
 * @param cr Cr, about -128..128
 */
public record YCbCrPlanes(int width, int height, float[] luma, float[] cb, float[] cr) {
    /** The planes of a 3-channel image. */
    public static YCbCrPlanes of(Image rgb) {
        if (rgb.channels() != 3) {
            throw new IllegalArgumentException("YCbCr planes need an RGB image, got " + rgb.channels() + " channels");
        }
        final int n = rgb.width() * rgb.height();
        final float[] y = new float[n];
        final float[] cb = new float[n];
        final float[] cr = new float[n];
        final byte[] px = rgb.pixels();
        for (int i = 0, p = 0; i < n; i++, p += 3) {
            final float r = px[p] & 0xFF;
            final float g = px[p + 1] & 0xFF;
            final float b = px[p + 2] & 0xFF;
            y[i] = 0.299f * r + 0.587f * g + 0.114f * b;
            cb[i] = -0.168736f * r - 0.331264f * g + 0.5f * b;
            cr[i] = 0.5f * r - 0.418688f * g - 0.081312f * b;
        }
        return new YCbCrPlanes(rgb.width(), rgb.height(), y, cb, cr);
    }

    /** The planes as an RGB image, each component rounded and clamped to 0..255. */
    public Image render() {
        final byte[] out = new byte[luma.length * 3];
        for (int i = 0; i < luma.length; i++) {
            toRgb(luma[i], cb[i], cr[i], out, 3 * i);
        }
        return new Image(width, height, 3, out);
    }

    /** Writes the RGB of one YCbCr pixel to {@code out[at..at+2]}. */
    public static void toRgb(float y, float cb, float cr, byte[] out, int at) {
        out[at] = clamp(y + 1.402f * cr);
        out[at + 1] = clamp(y - 0.344136f * cb - 0.714136f * cr);
        out[at + 2] = clamp(y + 1.772f * cb);
    }

    private static byte clamp(float v) {
        final int r = Math.round(v);
        return (byte) (r < 0 ? 0 : Math.min(255, r));
    }
}
