package dev.framelift.enhancer.pipeline;

import dev.framelift.model.Image;

/**
 * Frames smaller than a generator is proven to take ({@link
 * dev.framelift.enhancer.inference.Generator#PROBE_WIDTH} x {@code PROBE_HEIGHT}, the size every
 * model runs when it loads) are padded up to it by repeating their last column and row, and the
 * output is cropped back to the frame's own size times the scale. A 1x1 frame is a legitimate
 * frame: a model with a 7-pixel mirror padding would otherwise fail on it.
 */
public final class SmallFrames {
    private SmallFrames() {
    }

    /** The image itself if it is at least {@code minWidth x minHeight}, else a copy padded to that size. */
    static Image padded(Image image, int minWidth, int minHeight) {
        final int w = image.width();
        final int h = image.height();
        if (w >= minWidth && h >= minHeight) {
            return image;
        }
        final int c = image.channels();
        final int outW = Math.max(w, minWidth);
        final int outH = Math.max(h, minHeight);
        final byte[] in = image.pixels();
        final byte[] out = new byte[outW * outH * c];
        for (int y = 0; y < outH; y++) {
            final int row = Math.min(y, h - 1) * w * c;
            final int o = y * outW * c;
            System.arraycopy(in, row, out, o, w * c);
            for (int x = w; x < outW; x++) {
                System.arraycopy(in, row + (w - 1) * c, out, o + x * c, c);
            }
        }
        return new Image(outW, outH, c, out);
    }

    /** The top-left {@code width x height} of the image; the image itself if it is that size. */
    public static Image cropped(Image image, int width, int height) {
        if (image.width() == width && image.height() == height) {
            return image;
        }
        final int c = image.channels();
        final byte[] out = new byte[width * height * c];
        for (int y = 0; y < height; y++) {
            System.arraycopy(image.pixels(), y * image.width() * c, out, y * width * c, width * c);
        }
        return new Image(width, height, c, out);
    }
}
