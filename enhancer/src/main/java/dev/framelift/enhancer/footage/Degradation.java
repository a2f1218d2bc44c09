package dev.framelift.enhancer.footage;

import dev.framelift.enhancer.image.ImageCodec;
import dev.framelift.model.Image;

/**
 * Makes low-quality input from good footage, for demos and evaluation: a downscale by an
 * integer factor that averages each K x K block (what a sensor with K times fewer pixels per
 * side records; edge pixels that do not fill a block are cropped), and/or a conversion to
 * BT.601 luma.
 *
 * @param downscale 1 (none) or more
 * @param gray whether to drop the colour
 */
public record Degradation(int downscale, boolean gray) {
    public Degradation {
        if (downscale < 1) {
            throw new IllegalArgumentException("downscale must be 1 or more, got " + downscale);
        }
    }

    public static Degradation none() {
        return new Degradation(1, false);
    }

    public boolean isNone() {
        return downscale == 1 && !gray;
    }

    /** @throws IllegalArgumentException when the image is smaller than one block */
    public Image apply(Image image) {
        final Image out = gray ? ImageCodec.toChannels(image, 1) : image;
        return downscale > 1 ? boxDownscale(out, downscale) : out;
    }

    static Image boxDownscale(Image image, int k) {
        final int w = image.width() / k;
        final int h = image.height() / k;
        if (w < 1 || h < 1) {
            throw new IllegalArgumentException(image.width() + "x" + image.height() + " is too small to downscale by " + k);
        }
        final int c = image.channels();
        final byte[] in = image.pixels();
        final int inRow = image.width() * c;
        final byte[] out = new byte[w * h * c];
        final int[] sums = new int[w * c];
        final int area = k * k;
        for (int y = 0; y < h; y++) {
            java.util.Arrays.fill(sums, 0);
            for (int dy = 0; dy < k; dy++) {
                final int row = (y * k + dy) * inRow;
                for (int x = 0; x < w; x++) {
                    for (int dx = 0; dx < k; dx++) {
                        final int p = row + (x * k + dx) * c;
                        for (int ch = 0; ch < c; ch++) {
                            sums[x * c + ch] += in[p + ch] & 0xFF;
                        }
                    }
                }
            }
            for (int i = 0; i < sums.length; i++) {
                out[y * w * c + i] = (byte) ((sums[i] + area / 2) / area);
            }
        }
        return new Image(w, h, c, out);
    }
}
