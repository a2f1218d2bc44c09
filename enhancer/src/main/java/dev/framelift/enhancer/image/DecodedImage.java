package dev.framelift.enhancer.image;

import dev.framelift.model.Image;

/**
 * A decoded frame with its transparency kept apart: the colour samples as stored (not
 * premultiplied, not composited) and, when the file had one, the alpha plane.
 *
 * @param colour gray or RGB samples
 * @param alpha a 1-channel plane of the same size (255 = opaque), or null when the file had none
 */
public record DecodedImage(Image colour, Image alpha) {
    public DecodedImage {
        if (alpha != null && (alpha.channels() != 1 || alpha.width() != colour.width()
                || alpha.height() != colour.height())) {
            throw new IllegalArgumentException("the alpha plane must be 1 channel of the colour's size");
        }
    }

    public boolean hasAlpha() {
        return alpha != null;
    }

    /** The colour composited onto black (what a viewer without transparency shows), or the colour itself. */
    public Image composited() {
        if (alpha == null) {
            return colour;
        }
        final int c = colour.channels();
        final byte[] in = colour.pixels();
        final byte[] a = alpha.pixels();
        final byte[] out = new byte[in.length];
        for (int i = 0; i < in.length; i++) {
            out[i] = (byte) RasterPixels.onBlack(in[i] & 0xFF, a[i / c] & 0xFF);
        }
        return new Image(colour.width(), colour.height(), c, out);
    }
}
