package dev.framelift.enhancer.image;

import dev.framelift.enhancer.reject.FrameRejectedException;

/**
 * Turns one unfiltered PNG row into 8-bit gray or RGB samples of an {@link Image}, for one colour
 * type and bit depth: palette lookup, bit unpacking, 16-to-8-bit rounding and alpha composited
 * onto black (see {@link PngDecoder} for the rules). Immutable once built.
 */
final class PngPixels {
    private final int colourType;
    private final int depth;
    private final int channels;
    /** Palette as composited RGB triplets (palette images only). */
    private final byte[] lut;
    /** The one transparent sample value(s) of a gray or RGB image's tRNS chunk, at the file's bit depth; null if none. */
    private final int[] transparent;

    PngPixels(int colourType, int depth, int channels, byte[] palette, byte[] trns) {
        this.colourType = colourType;
        this.depth = depth;
        this.channels = channels;
        this.lut = colourType == 3 ? palette(palette, trns) : null;
        this.transparent = transparentValue(colourType, trns);
    }

    private static byte[] palette(byte[] palette, byte[] trns) {
        final int entries = palette.length / 3;
        final byte[] lut = new byte[entries * 3];
        for (int i = 0; i < entries; i++) {
            final int alpha = trns != null && i < trns.length ? trns[i] & 0xff : 255;
            for (int c = 0; c < 3; c++) {
                lut[i * 3 + c] = (byte) onBlack(palette[i * 3 + c] & 0xff, alpha);
            }
        }
        return lut;
    }

    private static int[] transparentValue(int colourType, byte[] trns) {
        final int count = colourType == 0 ? 1 : colourType == 2 ? 3 : 0;
        if (trns == null || count == 0 || trns.length < 2 * count) {
            return null;
        }
        final int[] value = new int[count];
        for (int c = 0; c < count; c++) {
            value[c] = ((trns[2 * c] & 0xff) << 8) | (trns[2 * c + 1] & 0xff);
        }
        return value;
    }

    /**
     * Writes {@code pixelCount} pixels of {@code row} to {@code out}, the first at {@code offset},
     * each next one {@code step} bytes further (the pixel stride of an Adam7 pass).
     */
    void convert(byte[] row, int pixelCount, byte[] out, int offset, int step) throws FrameRejectedException {
        convert(row, pixelCount, out, offset, step, null, 0, 0);
    }

    /**
     * Like {@link #convert(byte[], int, byte[], int, int)}; with {@code alphaOut}, an alpha
     * channel's samples go there (from {@code alphaOffset}, every {@code alphaStep} bytes) and the
     * colour is written as stored, not composited.
     */
    void convert(byte[] row, int pixelCount, byte[] out, int offset, int step, byte[] alphaOut, int alphaOffset,
            int alphaStep) throws FrameRejectedException {
        int o = offset;
        switch (colourType) {
            case 3 -> {
                final int entries = lut.length / 3;
                for (int x = 0; x < pixelCount; x++, o += step) {
                    final int index = packed(row, x);
                    if (index >= entries) {
                        throw PngDecoder.corrupt("PNG palette index " + index + " beyond its " + entries + " entries");
                    }
                    out[o] = lut[index * 3];
                    out[o + 1] = lut[index * 3 + 1];
                    out[o + 2] = lut[index * 3 + 2];
                }
            }
            case 0 -> {
                for (int x = 0; x < pixelCount; x++, o += step) {
                    final int v = depth < 8 ? packed(row, x) : sample(row, x);
                    out[o] = (byte) (transparent != null && v == transparent[0] ? 0 : to8(v));
                }
            }
            case 2 -> {
                for (int x = 0, s = 0; x < pixelCount; x++, o += step, s += 3) {
                    final int r = sample(row, s);
                    final int g = sample(row, s + 1);
                    final int b = sample(row, s + 2);
                    final boolean clear = transparent != null && r == transparent[0] && g == transparent[1] && b == transparent[2];
                    out[o] = (byte) (clear ? 0 : to8(r));
                    out[o + 1] = (byte) (clear ? 0 : to8(g));
                    out[o + 2] = (byte) (clear ? 0 : to8(b));
                }
            }
            default -> { // 4: gray + alpha, 6: RGB + alpha
                final int colour = channels;
                for (int x = 0, s = 0, a = alphaOffset; x < pixelCount; x++, o += step, s += colour + 1, a += alphaStep) {
                    int alpha = to8(sample(row, s + colour));
                    if (alphaOut != null) {
                        alphaOut[a] = (byte) alpha;
                        alpha = 255;
                    }
                    for (int c = 0; c < colour; c++) {
                        out[o + c] = (byte) onBlack(to8(sample(row, s + c)), alpha);
                    }
                }
            }
        }
    }

    /** Sample {@code i} of an 8- or 16-bit row, at the file's depth. */
    private int sample(byte[] row, int i) {
        return depth == 16 ? ((row[2 * i] & 0xff) << 8) | (row[2 * i + 1] & 0xff) : row[i] & 0xff;
    }

    /** Pixel {@code x} of a row of 1-, 2-, 4- or 8-bit single samples. */
    private int packed(byte[] row, int x) {
        if (depth == 8) {
            return row[x] & 0xff;
        }
        final int bit = x * depth;
        return (row[bit >>> 3] >>> (8 - depth - (bit & 7))) & ((1 << depth) - 1);
    }

    /** A sample at the file's depth as 0..255, rounded. */
    private int to8(int v) {
        return RasterPixels.to8(v, depth);
    }

    private static int onBlack(int value, int alpha) {
        return RasterPixels.onBlack(value, alpha);
    }
}
