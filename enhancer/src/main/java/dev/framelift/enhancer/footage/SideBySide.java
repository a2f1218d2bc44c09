package dev.framelift.enhancer.footage;

import dev.framelift.enhancer.image.ImageCodec;
import dev.framelift.enhancer.image.Resize;
import dev.framelift.model.Image;

/**
 * The comparison frame of {@code export --side-by-side}: the input resized with plain bicubic to
 * the enhanced frame's size on the left, the enhanced frame on the right. Without an input (it
 * was not found on {@code frames.raw}) the left half is mid-gray.
 */
final class SideBySide {
    private SideBySide() {
    }

    static Image compose(Image input, Image enhanced) {
        final int w = enhanced.width();
        final int h = enhanced.height();
        final int c = input != null && input.channels() == 1 && enhanced.channels() == 1 ? 1 : 3;
        final Image right = ImageCodec.toChannels(enhanced, c);
        final Image left = input != null ? ImageCodec.toChannels(Resize.bicubic(input, w, h), c) : null;
        final byte[] out = new byte[2 * w * h * c];
        final int row = w * c;
        for (int y = 0; y < h; y++) {
            if (left != null) {
                System.arraycopy(left.pixels(), y * row, out, 2 * y * row, row);
            } else {
                java.util.Arrays.fill(out, 2 * y * row, 2 * y * row + row, (byte) 128);
            }
            System.arraycopy(right.pixels(), y * row, out, 2 * y * row + row, row);
        }
        return new Image(2 * w, h, c, out);
    }
}
