package dev.framelift.trainer.eval;

import dev.framelift.trainer.data.RgbImage;

/**
 * Chooses and prepares the detail crops of the contact sheet ({@link ImageResult.Panels}). Pure
 * functions; thread-safe.
 */
final class DetailCrops {
    private DetailCrops() {
    }

    /**
     * The top-left corner of the {@code d x d} window of the image that best shows a model's work,
     * among a 5 x 5 grid of candidate windows (corners aligned to {@code align}): for SR the most
     * detailed one (largest sum of absolute green differences between neighbours: sharpness shows
     * on edges and texture, not on sky), for colorization ({@code colour}) the most colourful one
     * (largest sum of |R - G| + |(R + G)/2 - B|). Ties go to the top-left-most candidate.
     */
    static int[] detailWindow(RgbImage img, int d, int align, boolean colour) {
        final int w = img.width();
        final byte[] px = img.pixels();
        int[] best = {(img.width() - d) / 2 / align * align, (img.height() - d) / 2 / align * align};
        long bestScore = -1;
        for (int gy = 0; gy < 5; gy++) {
            for (int gx = 0; gx < 5; gx++) {
                final int x0 = (img.width() - d) * gx / 4 / align * align;
                final int y0 = (img.height() - d) * gy / 4 / align * align;
                long score = 0;
                for (int y = y0; y < y0 + d - 1; y += 2) {
                    for (int x = x0; x < x0 + d - 1; x += 2) {
                        final int j = (y * w + x) * 3;
                        final int r = px[j] & 0xFF;
                        final int g = px[j + 1] & 0xFF;
                        final int b = px[j + 2] & 0xFF;
                        score += colour ? Math.abs(r - g) + Math.abs((r + g) / 2 - b)
                                : Math.abs(g - (px[j + 4] & 0xFF)) + Math.abs(g - (px[j + w * 3 + 1] & 0xFF));
                    }
                }
                if (score > bestScore) {
                    bestScore = score;
                    best = new int[] {x0, y0};
                }
            }
        }
        return best;
    }

    /** Enlarges by an integer factor with nearest neighbour, so the pixels stay visible. */
    static RgbImage nearest(RgbImage img, int f) {
        if (f == 1) {
            return img;
        }
        final int w = img.width() * f;
        final int h = img.height() * f;
        final byte[] src = img.pixels();
        final byte[] out = new byte[w * h * 3];
        for (int y = 0; y < h; y++) {
            final int sr = (y / f) * img.width();
            for (int x = 0; x < w; x++) {
                final int s = (sr + x / f) * 3;
                final int d = (y * w + x) * 3;
                out[d] = src[s];
                out[d + 1] = src[s + 1];
                out[d + 2] = src[s + 2];
            }
        }
        return new RgbImage(w, h, out);
    }
}
