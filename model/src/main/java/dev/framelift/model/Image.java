package dev.framelift.model;

/**
 * Decoded pixels: 8 bits per sample, row-major, channels interleaved (HWC), RGB order for 3
 * channels, luma for 1. The array is owned by the image once constructed: do not mutate it.
 */
public record Image(int width, int height, int channels, byte[] pixels) {
    public Image {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("image must be at least 1x1, got " + width + "x" + height);
        }
        if (channels != 1 && channels != 3) {
            throw new IllegalArgumentException("channels must be 1 or 3, got " + channels);
        }
        if (pixels.length != (long) width * height * channels) {
            throw new IllegalArgumentException("pixel array of " + pixels.length + " bytes does not hold "
                    + width + "x" + height + "x" + channels);
        }
    }

    /** Number of bytes of pixel data. */
    public int byteCount() {
        return pixels.length;
    }
}
