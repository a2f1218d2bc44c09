package dev.framelift.enhancer.image;

import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

import dev.framelift.model.Image;

/**
 * A PNG writer built for speed: 8-bit gray or RGB, with or without alpha, no interlace, every row with the "Sub" filter
 * (each byte minus the one a pixel to its left: cheap, no per-row filter search, and it turns smooth photo gradients
 * into small numbers), deflated at a low level into one {@code IDAT} chunk. On photographs this is several times
 * faster than ImageIO's PNG writer for files about the same size.
 *
 * <p><b>Memory.</b> Rows are filtered one at a time and deflated straight into an output buffer that each thread
 * keeps, with its {@link Deflater}, for its next image (a buffer that grew past {@value #KEPT_BUFFER_BYTES} bytes is
 * let go): per image the only heap allocation is the returned array. Thread-safe: the scratch is per thread.
 */
final class PngEncoder {
    private static final int FILTER_SUB = 1;
    private static final int COLOUR_GRAY = 0;
    private static final int COLOUR_RGB = 2;
    private static final int COLOUR_GRAY_ALPHA = 4;
    private static final int COLOUR_RGBA = 6;
    private static final int KEPT_BUFFER_BYTES = 16 * 1024 * 1024;
    private static final byte[] IEND = {'I', 'E', 'N', 'D'};
    private static final byte[] IDAT = {'I', 'D', 'A', 'T'};
    private static final byte[] IHDR = {'I', 'H', 'D', 'R'};
    private static final ThreadLocal<Scratch> SCRATCH = new ThreadLocal<>();

    private PngEncoder() {
    }

    static byte[] encode(Image image, int deflateLevel) {
        return encode(image.pixels(), image.width(), image.height(), image.channels(),
                image.channels() == 1 ? COLOUR_GRAY : COLOUR_RGB, deflateLevel);
    }

    /** Gray + alpha or RGBA (PNG colour types 4 and 6): the alpha plane interleaved after the colour. */
    static byte[] encode(Image colour, Image alpha, int deflateLevel) {
        final int c = colour.channels();
        final int pixels = colour.width() * colour.height();
        final byte[] px = new byte[pixels * (c + 1)];
        final byte[] in = colour.pixels();
        final byte[] a = alpha.pixels();
        for (int i = 0, o = 0; i < pixels; i++) {
            for (int ch = 0; ch < c; ch++) {
                px[o++] = in[i * c + ch];
            }
            px[o++] = a[i];
        }
        return encode(px, colour.width(), colour.height(), c + 1, c == 1 ? COLOUR_GRAY_ALPHA : COLOUR_RGBA,
                deflateLevel);
    }

    private static byte[] encode(byte[] px, int w, int h, int bpp, int colourType, int deflateLevel) {
        Scratch scratch = SCRATCH.get();
        if (scratch == null || scratch.level != deflateLevel) {
            if (scratch != null) {
                scratch.deflater.end();
            }
            scratch = new Scratch(deflateLevel);
            SCRATCH.set(scratch);
        }
        try {
            return scratch.encode(px, w, h, bpp, colourType);
        } finally {
            if (scratch.out.length > KEPT_BUFFER_BYTES) {
                scratch.deflater.end();
                SCRATCH.remove();
            }
        }
    }

    /** One thread's deflater, row buffer and output buffer. */
    private static final class Scratch {
        final int level;
        final Deflater deflater;
        final CRC32 crc = new CRC32();
        byte[] row = new byte[0];
        byte[] out = new byte[256 * 1024];
        int size;

        Scratch(int level) {
            this.level = level;
            this.deflater = new Deflater(level);
        }

        byte[] encode(byte[] px, int w, int h, int bpp, int colourType) {
            final int rowBytes = w * bpp;
            if (row.length < rowBytes + 1) {
                row = new byte[rowBytes + 1];
            }
            size = 0;
            put(ContainerFormat.PNG_SIGNATURE, ContainerFormat.PNG_SIGNATURE.length);
            final byte[] ihdr = new byte[13];
            putInt(ihdr, 0, w);
            putInt(ihdr, 4, h);
            ihdr[8] = 8;
            ihdr[9] = (byte) colourType;
            chunk(IHDR, ihdr, 13);

            final int idat = size;
            size += 8; // length and type, filled in below
            deflater.reset();
            row[0] = FILTER_SUB;
            for (int y = 0, src = 0; y < h; y++, src += rowBytes) {
                System.arraycopy(px, src, row, 1, bpp);
                for (int i = bpp, p = src + bpp; i < rowBytes; i++, p++) {
                    row[i + 1] = (byte) (px[p] - px[p - bpp]);
                }
                deflater.setInput(row, 0, rowBytes + 1);
                drain();
            }
            finish();
            final int length = size - idat - 8;
            putInt(out, idat, length);
            System.arraycopy(IDAT, 0, out, idat + 4, 4);
            crc.reset();
            crc.update(out, idat + 4, 4 + length);
            ensure(4);
            putInt(out, size, (int) crc.getValue());
            size += 4;
            chunk(IEND, new byte[0], 0);
            return Arrays.copyOf(out, size);
        }

        /** Deflates the row just given until the deflater wants more input. */
        private void drain() {
            while (!deflater.needsInput()) {
                ensure(64 * 1024);
                size += deflater.deflate(out, size, out.length - size);
            }
        }

        /** Deflates what the deflater still holds, to the end of the stream. */
        private void finish() {
            deflater.finish();
            while (!deflater.finished()) {
                ensure(64 * 1024);
                size += deflater.deflate(out, size, out.length - size);
            }
        }

        private void chunk(byte[] type, byte[] data, int length) {
            ensure(12 + length);
            putInt(out, size, length);
            System.arraycopy(type, 0, out, size + 4, 4);
            System.arraycopy(data, 0, out, size + 8, length);
            crc.reset();
            crc.update(out, size + 4, 4 + length);
            putInt(out, size + 8 + length, (int) crc.getValue());
            size += 12 + length;
        }

        private void put(byte[] b, int length) {
            ensure(length);
            System.arraycopy(b, 0, out, size, length);
            size += length;
        }

        private void ensure(int more) {
            if (size + more > out.length) {
                out = Arrays.copyOf(out, Math.max(out.length * 2, size + more));
            }
        }
    }

    private static void putInt(byte[] b, int pos, int v) {
        b[pos] = (byte) (v >>> 24);
        b[pos + 1] = (byte) (v >>> 16);
        b[pos + 2] = (byte) (v >>> 8);
        b[pos + 3] = (byte) v;
    }
}
