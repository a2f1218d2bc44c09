package dev.framelift.enhancer.image;

import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

import dev.framelift.enhancer.reject.FrameRejectedException;
import dev.framelift.model.Image;
import dev.framelift.schema.RejectReason;

/**
 * Decodes a PNG that {@link PngStructure} has checked, row by row, straight into an 8-bit
 * {@link Image}: the only large allocation is the image itself, whatever the file's bit depth or
 * alpha (a 16-bit RGBA PNG at the pixel limit would otherwise be decoded into a raster twice the
 * size of the result, then copied). Every colour type, bit depth and Adam7 interlacing is read.
 *
 * <p>Samples are taken as stored (gamma and colour profiles are ignored); 16-bit samples are
 * rounded to 8 bits, 1-, 2- and 4-bit gray is scaled to 0..255; alpha (an alpha channel, or a
 * {@code tRNS} chunk: per palette entry, or one transparent gray or RGB value) is composited onto
 * black. Stops inflating once the last row is read, so data beyond it costs nothing.
 */
final class PngDecoder {
    private static final int PLTE = PngStructure.chunkType("PLTE");
    private static final int TRNS = PngStructure.chunkType("tRNS");
    private static final int IDAT = PngStructure.chunkType("IDAT");
    private static final int IEND = PngStructure.chunkType("IEND");
    /** Adam7 passes: first x, first y, x step, y step. */
    private static final int[][] ADAM7 = {{0, 0, 8, 8}, {4, 0, 8, 8}, {0, 4, 4, 8}, {2, 0, 4, 4}, {0, 2, 2, 4},
        {1, 0, 2, 2}, {0, 1, 1, 2}};

    private final byte[] png;
    private final int width;
    private final int height;
    private final int depth;
    private final int colourType;
    private final int samples;
    private final int channels;
    private final byte[] out;
    /** The alpha plane, when kept apart; null otherwise. */
    private final byte[] alpha;
    private final Inflater inflater = new Inflater();
    private final PngPixels pixels;
    private int nextChunk;

    private PngDecoder(byte[] png, HeaderInfo header, boolean keepAlpha) throws FrameRejectedException {
        this.png = png;
        this.width = header.width();
        this.height = header.height();
        this.channels = header.channels();
        final int ihdr = ContainerFormat.PNG_SIGNATURE.length + 8;
        this.depth = png[ihdr + 8] & 0xff;
        this.colourType = png[ihdr + 9] & 0xff;
        this.samples = switch (colourType) {
            case 0, 3 -> 1;
            case 4 -> 2;
            case 2 -> 3;
            default -> 4;
        };
        this.nextChunk = ContainerFormat.PNG_SIGNATURE.length;
        this.pixels = readTables();
        this.out = new byte[width * height * channels];
        this.alpha = keepAlpha && (colourType == 4 || colourType == 6) ? new byte[width * height] : null;
    }

    /** @param header the header {@link PngStructure#check} returned for {@code png} */
    static Image decode(byte[] png, HeaderInfo header) throws FrameRejectedException {
        return decode(png, header, false).colour();
    }

    /**
     * @param keepAlpha whether an alpha channel (colour types 4 and 6) is returned as its own
     *     plane, the colour left as stored, instead of composited onto black
     */
    static DecodedImage decode(byte[] png, HeaderInfo header, boolean keepAlpha) throws FrameRejectedException {
        final int interlace = png[ContainerFormat.PNG_SIGNATURE.length + 8 + 12] & 0xff;
        if (interlace > 1) {
            throw corrupt("PNG interlace method " + interlace + " does not exist");
        }
        final PngDecoder decoder = new PngDecoder(png, header, keepAlpha);
        try {
            if (interlace == 0) {
                decoder.pass(0, 0, 1, 1);
            } else {
                for (int[] pass : ADAM7) {
                    decoder.pass(pass[0], pass[1], pass[2], pass[3]);
                }
            }
        } finally {
            decoder.inflater.end();
        }
        final Image colour = new Image(decoder.width, decoder.height, decoder.channels, decoder.out);
        return new DecodedImage(colour, decoder.alpha == null ? null : new Image(decoder.width, decoder.height, 1,
                decoder.alpha));
    }

    /** Reads PLTE and tRNS, which come before the first IDAT, and leaves {@link #nextChunk} there. */
    private PngPixels readTables() throws FrameRejectedException {
        byte[] palette = null;
        byte[] transparency = null;
        int pos = nextChunk + 8 + 13 + 4;
        while (true) {
            final int length = PngStructure.readInt(png, pos);
            final int type = PngStructure.readInt(png, pos + 4);
            if (type == IDAT || type == IEND) {
                break;
            }
            if (type == PLTE) {
                if (length % 3 != 0 || length == 0 || length > 3 * 256) {
                    throw corrupt("PNG palette of " + length + " bytes");
                }
                palette = java.util.Arrays.copyOfRange(png, pos + 8, pos + 8 + length);
            } else if (type == TRNS) {
                transparency = java.util.Arrays.copyOfRange(png, pos + 8, pos + 8 + length);
            }
            pos += 12 + length;
        }
        nextChunk = pos;
        if (colourType == 3 && palette == null) {
            throw corrupt("PNG palette image without a PLTE chunk");
        }
        return new PngPixels(colourType, depth, channels, palette, transparency);
    }

    /** Reads one pass (the whole image when not interlaced) of rows starting at (x0, y0), every dx, dy. */
    private void pass(int x0, int y0, int dx, int dy) throws FrameRejectedException {
        final int passWidth = (width - x0 + dx - 1) / dx;
        final int passHeight = (height - y0 + dy - 1) / dy;
        if (passWidth <= 0 || passHeight <= 0) {
            return;
        }
        final int bitsPerPixel = samples * depth;
        final int rowBytes = (int) (((long) passWidth * bitsPerPixel + 7) / 8);
        final int bpp = Math.max(1, bitsPerPixel / 8);
        byte[] previous = new byte[rowBytes];
        byte[] row = new byte[rowBytes];
        final byte[] filter = new byte[1];
        for (int r = 0; r < passHeight; r++) {
            inflate(filter, 1, r);
            inflate(row, rowBytes, r);
            unfilter(filter[0] & 0xff, row, previous, bpp);
            final int first = (y0 + r * dy) * width + x0;
            pixels.convert(row, passWidth, out, first * channels, dx * channels, alpha, first, dx);
            final byte[] swap = previous;
            previous = row;
            row = swap;
        }
    }

    private void inflate(byte[] buffer, int n, int rowIndex) throws FrameRejectedException {
        int got = 0;
        try {
            while (got < n) {
                final int k = inflater.inflate(buffer, got, n - got);
                got += k;
                if (k == 0 && got < n && !(inflater.needsInput() && feed())) {
                    throw corrupt("PNG image data ends early (in row " + rowIndex + ")");
                }
            }
        } catch (DataFormatException e) {
            throw corrupt("PNG image data is not valid deflate data: " + e.getMessage());
        }
    }

    /** Hands the next IDAT chunk to the inflater; false when there is none. */
    private boolean feed() {
        while (true) {
            final int length = PngStructure.readInt(png, nextChunk);
            final int type = PngStructure.readInt(png, nextChunk + 4);
            final int data = nextChunk + 8;
            if (type == IEND) {
                return false;
            }
            nextChunk += 12 + length;
            if (type == IDAT && length > 0) {
                inflater.setInput(png, data, length);
                return true;
            }
        }
    }

    private static void unfilter(int type, byte[] row, byte[] prior, int bpp) throws FrameRejectedException {
        final int n = row.length;
        switch (type) {
            case 0 -> { }
            case 1 -> {
                for (int i = bpp; i < n; i++) {
                    row[i] += row[i - bpp];
                }
            }
            case 2 -> {
                for (int i = 0; i < n; i++) {
                    row[i] += prior[i];
                }
            }
            case 3 -> {
                for (int i = 0; i < n; i++) {
                    final int left = i >= bpp ? row[i - bpp] & 0xff : 0;
                    row[i] += (byte) ((left + (prior[i] & 0xff)) >>> 1);
                }
            }
            case 4 -> {
                for (int i = 0; i < n; i++) {
                    final int a = i >= bpp ? row[i - bpp] & 0xff : 0;
                    final int b = prior[i] & 0xff;
                    final int c = i >= bpp ? prior[i - bpp] & 0xff : 0;
                    row[i] += (byte) paeth(a, b, c);
                }
            }
            default -> throw corrupt("PNG row filter " + type + " does not exist");
        }
    }

    private static int paeth(int a, int b, int c) {
        final int p = a + b - c;
        final int pa = Math.abs(p - a);
        final int pb = Math.abs(p - b);
        final int pc = Math.abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }

    static FrameRejectedException corrupt(String message) {
        return new FrameRejectedException(RejectReason.CORRUPT_IMAGE, message);
    }
}
