package dev.framelift.enhancer.tiling;

import dev.framelift.enhancer.image.Resize;
import dev.framelift.enhancer.image.YCbCrPlanes;
import dev.framelift.model.Image;
import dev.framelift.model.ModelContract;

/**
 * Colours a gray frame larger than a tile from one reduced copy of it, instead of tile by tile.
 *
 * <p>Why: a colorizer's colours come from context, what the scene is, and tiles cut that away;
 * the shipped colorizer colours any frame at a long side of 384 px anyway. Chroma is smooth,
 * so nothing the eye sees is lost by predicting it at a lower resolution. The frame's luma is
 * shrunk by area averaging straight to that side ({@code ModelContract.COLORIZE_WORK_SIDE}, or
 * the tile's if smaller), coloured in one inference, and the predicted chroma (Cb, Cr) is
 * upsampled bilinearly onto the frame's own luma: the output keeps every pixel of detail the
 * input had. Why straight there: a copy reduced to the tile and reduced again inside the graph
 * is softer than the whole frame reduced once, and the colorizer's guesses where it is unsure
 * (a lawn seen from above) swing with that softness, by a quarter of the chroma at 768 to 512 to
 * 384 px. Stateless.
 */
final class ReducedColour {
    /** The model contract's smallest side. */
    private static final int MIN_SIDE = 4;

    private ReducedColour() {
    }

    /**
     * {@code gray} area-averaged so that its long side is at most the tile's and the colorizer's
     * working side; itself when it already is.
     */
    static Image reduce(Image gray, int tileSide) {
        final int side = Math.min(tileSide, ModelContract.COLORIZE_WORK_SIDE);
        final double k = Math.min(1.0, (double) side / Math.max(gray.width(), gray.height()));
        final int w = Math.max(Math.min(gray.width(), MIN_SIDE), (int) Math.round(gray.width() * k));
        final int h = Math.max(Math.min(gray.height(), MIN_SIDE), (int) Math.round(gray.height() * k));
        return Resize.area(gray, w, h);
    }

    /**
     * The RGB frame whose luma is {@code gray}'s and whose chroma is {@code coloured}'s, upsampled
     * bilinearly (pixel centres aligned) to {@code gray}'s size.
     *
     * @param gray the full-size frame, 1 channel
     * @param coloured the colorizer's output for {@link #reduce reduce(gray, tileSide)}, 3 channels
     */
    static Image onto(Image gray, Image coloured) {
        final YCbCrPlanes small = YCbCrPlanes.of(coloured);
        final int w = gray.width();
        final int h = gray.height();
        final Axis xs = Axis.of(small.width(), w);
        final Axis ys = Axis.of(small.height(), h);
        final int sw = small.width();
        final byte[] luma = gray.pixels();
        final byte[] out = new byte[w * h * 3];
        for (int y = 0; y < h; y++) {
            final int r0 = ys.lower[y] * sw;
            final int r1 = ys.upper[y] * sw;
            final float ty = ys.t[y];
            for (int x = 0; x < w; x++) {
                final int c0 = xs.lower[x];
                final int c1 = xs.upper[x];
                final float tx = xs.t[x];
                final float cb = lerp(lerp(small.cb()[r0 + c0], small.cb()[r0 + c1], tx),
                        lerp(small.cb()[r1 + c0], small.cb()[r1 + c1], tx), ty);
                final float cr = lerp(lerp(small.cr()[r0 + c0], small.cr()[r0 + c1], tx),
                        lerp(small.cr()[r1 + c0], small.cr()[r1 + c1], tx), ty);
                final int i = y * w + x;
                YCbCrPlanes.toRgb(luma[i] & 0xFF, cb, cr, out, 3 * i);
            }
        }
        return new Image(w, h, 3, out);
    }

    private static float lerp(float a, float b, float t) {
        return a + (b - a) * t;
    }

    /** For every output position along one axis: the two source samples around it and the weight of the upper. */
    private record Axis(int[] lower, int[] upper, float[] t) {
        static Axis of(int from, int to) {
            final int[] lower = new int[to];
            final int[] upper = new int[to];
            final float[] t = new float[to];
            final double step = (double) from / to;
            for (int o = 0; o < to; o++) {
                final double centre = Math.max(0, Math.min(from - 1, (o + 0.5) * step - 0.5));
                lower[o] = (int) Math.floor(centre);
                upper[o] = Math.min(from - 1, lower[o] + 1);
                t[o] = (float) (centre - lower[o]);
            }
            return new Axis(lower, upper, t);
        }
    }
}
