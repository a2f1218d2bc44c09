package dev.framelift.enhancer.image;

import dev.framelift.model.Image;

/**
 * The EXIF orientation of a photo (TIFF tag 0x0112, values 1 to 8) and the transform that makes it
 * upright. Cameras store the sensor's pixels and record how the camera was held; viewers (and the
 * trainer, which learned from upright photos) turn the picture, so the enhancer does too.
 *
 * <p>Read from a JPEG's {@code APP1 "Exif"} segment or a PNG's {@code eXIf} chunk by the structure
 * checks. Only IFD0 is read, every offset is checked against the segment, and anything malformed
 * counts as 1 (as stored): a broken tag never rejects a frame.
 */
final class Orientation {
    static final int UPRIGHT = 1;
    private static final int TAG = 0x0112;

    private Orientation() {
    }

    /** The orientation in a TIFF structure at {@code [start, start + length)} of {@code b}, or 1. */
    static int fromTiff(byte[] b, int start, int length) {
        final int end = Math.min(b.length, start + Math.max(0, length));
        if (start < 0 || end - start < 8) {
            return UPRIGHT;
        }
        final boolean big;
        if (b[start] == 'M' && b[start + 1] == 'M') {
            big = true;
        } else if (b[start] == 'I' && b[start + 1] == 'I') {
            big = false;
        } else {
            return UPRIGHT;
        }
        if (u16(b, start + 2, big) != 42) {
            return UPRIGHT;
        }
        final long ifd = start + u32(b, start + 4, big);
        if (ifd + 2 > end) {
            return UPRIGHT;
        }
        final int entries = u16(b, (int) ifd, big);
        for (int i = 0; i < entries; i++) {
            final long entry = ifd + 2 + 12L * i;
            if (entry + 12 > end) {
                return UPRIGHT;
            }
            if (u16(b, (int) entry, big) == TAG) {
                final int value = u16(b, (int) entry + 8, big);
                return value >= 1 && value <= 8 ? value : UPRIGHT;
            }
        }
        return UPRIGHT;
    }

    /** Whether the upright picture's width is the stored height (orientations 5 to 8). */
    static boolean swapsSides(int orientation) {
        return orientation >= 5 && orientation <= 8;
    }

    /** The upright image of one stored with {@code orientation}; the same instance for 1. */
    static Image upright(Image stored, int orientation) {
        if (orientation <= UPRIGHT || orientation > 8) {
            return stored;
        }
        final int w = stored.width();
        final int h = stored.height();
        final int c = stored.channels();
        final boolean swap = swapsSides(orientation);
        final int outW = swap ? h : w;
        final int outH = swap ? w : h;
        // stored x = ax * x + ay * y + a0, stored y = bx * x + by * y + b0, for upright (x, y)
        int ax = 0;
        int ay = 0;
        int a0 = 0;
        int bx = 0;
        int by = 0;
        int b0 = 0;
        switch (orientation) {
            case 2 -> { ax = -1; a0 = w - 1; by = 1; }
            case 3 -> { ax = -1; a0 = w - 1; by = -1; b0 = h - 1; }
            case 4 -> { ax = 1; by = -1; b0 = h - 1; }
            case 5 -> { ay = 1; bx = 1; }
            case 6 -> { ay = 1; bx = -1; b0 = h - 1; }
            case 7 -> { ay = -1; a0 = w - 1; bx = -1; b0 = h - 1; }
            default -> { ay = -1; a0 = w - 1; bx = 1; } // 8
        }
        final byte[] in = stored.pixels();
        final byte[] out = new byte[in.length];
        int o = 0;
        for (int y = 0; y < outH; y++) {
            for (int x = 0; x < outW; x++) {
                final int sx = ax * x + ay * y + a0;
                final int sy = bx * x + by * y + b0;
                System.arraycopy(in, (sy * w + sx) * c, out, o, c);
                o += c;
            }
        }
        return new Image(outW, outH, c, out);
    }

    private static int u16(byte[] b, int i, boolean big) {
        final int first = b[i] & 0xff;
        final int second = b[i + 1] & 0xff;
        return big ? first << 8 | second : second << 8 | first;
    }

    private static long u32(byte[] b, int i, boolean big) {
        final long first = u16(b, i, big);
        final long second = u16(b, i + 2, big);
        return big ? first << 16 | second : second << 16 | first;
    }
}
