package dev.framelift.enhancer.temporal;

/** How much each pixel changed between two frames, robust to single-pixel noise. */
final class Motion {
    private Motion() {
    }

    /** |a - b| per pixel, averaged over the 3x3 neighbourhood (clamped at the borders). */
    static float[] meanAbsoluteDifference(float[] a, float[] b, int w, int h) {
        final float[] d = new float[w * h];
        for (int i = 0; i < d.length; i++) {
            d[i] = Math.abs(a[i] - b[i]);
        }
        final float[] rows = new float[d.length];
        for (int y = 0; y < h; y++) {
            final int row = y * w;
            for (int x = 0; x < w; x++) {
                rows[row + x] = (d[row + Math.max(0, x - 1)] + d[row + x] + d[row + Math.min(w - 1, x + 1)]) / 3f;
            }
        }
        final float[] out = new float[d.length];
        for (int y = 0; y < h; y++) {
            final int up = Math.max(0, y - 1) * w;
            final int row = y * w;
            final int down = Math.min(h - 1, y + 1) * w;
            for (int x = 0; x < w; x++) {
                out[row + x] = (rows[up + x] + rows[row + x] + rows[down + x]) / 3f;
            }
        }
        return out;
    }
}
