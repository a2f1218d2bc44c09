package dev.framelift.enhancer.image;

import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

import dev.framelift.model.Image;

/**
 * A PNG writer built for speed: 8-bit gray or RGB, with or without alpha, no interlace, every row with the "Sub" filter
 * (each byte minus the one a pixel to its left: cheap, and it turns smooth photo gradients into
 * small numbers), deflated at a low level into 256 KiB {@code IDAT} chunks. On photographs this
 * is several times faster than ImageIO's PNG writer for files about the same size.
 */
final class PngEncoder {
    private static final int CHUNK = 256 * 1024;
    private static final int FILTER_SUB = 1;
    private static final int COLOUR_GRAY = 0;
    private static final int COLOUR_RGB = 2;
    private static final int COLOUR_GRAY_ALPHA = 4;
    private static final int COLOUR_RGBA = 6;

    private PngEncoder() {
    }

    static byte[] encode(Image image, int deflateLevel) {
        return encode(image.pixels(), image.width(), image.height(), image.channels(),
                image.channels() == 1 ? COLOUR_GRAY : COLOUR_RGB, deflateLevel);
    }

    /** Gray + alpha or RGBA (PNG colour types 4 and 6): the alpha plane interleaved after the colour. */
    static byte[] encode(Image colour, Image alpha, int deflateLevel) {
        int c = colour.channels();
        int pixels = colour.width() * colour.height();
        byte[] px = new byte[pixels * (c + 1)];
        byte[] in = colour.pixels();
        byte[] a = alpha.pixels();
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
        int rowBytes = w * bpp;
        byte[] filtered = new byte[h * (rowBytes + 1)];
        for (int y = 0, src = 0, dst = 0; y < h; y++, src += rowBytes) {
            filtered[dst++] = FILTER_SUB;
            System.arraycopy(px, src, filtered, dst, bpp);
            dst += bpp;
            for (int i = src + bpp, end = src + rowBytes; i < end; i++) {
                filtered[dst++] = (byte) (px[i] - px[i - bpp]);
            }
        }

        Out out = new Out(filtered.length / 2 + 1024);
        out.bytes(ContainerFormat.PNG_SIGNATURE);
        byte[] ihdr = new byte[13];
        putInt(ihdr, 0, w);
        putInt(ihdr, 4, h);
        ihdr[8] = 8;
        ihdr[9] = (byte) colourType;
        out.chunk("IHDR", ihdr, 13);

        Deflater deflater = new Deflater(deflateLevel);
        try {
            deflater.setInput(filtered);
            deflater.finish();
            byte[] buffer = new byte[CHUNK];
            while (!deflater.finished()) {
                int n = deflater.deflate(buffer, 0, buffer.length);
                if (n > 0) {
                    out.chunk("IDAT", buffer, n);
                }
            }
        } finally {
            deflater.end();
        }
        out.chunk("IEND", new byte[0], 0);
        return out.toArray();
    }

    private static void putInt(byte[] b, int pos, int v) {
        b[pos] = (byte) (v >>> 24);
        b[pos + 1] = (byte) (v >>> 16);
        b[pos + 2] = (byte) (v >>> 8);
        b[pos + 3] = (byte) v;
    }

    /** A growable byte array that writes PNG chunks. */
    private static final class Out {
        private byte[] buf;
        private int size;
        private final CRC32 crc = new CRC32();

        Out(int capacity) {
            buf = new byte[capacity];
        }

        void bytes(byte[] b) {
            ensure(b.length);
            System.arraycopy(b, 0, buf, size, b.length);
            size += b.length;
        }

        void chunk(String type, byte[] data, int length) {
            ensure(12 + length);
            putInt(buf, size, length);
            int typeStart = size + 4;
            for (int i = 0; i < 4; i++) {
                buf[typeStart + i] = (byte) type.charAt(i);
            }
            System.arraycopy(data, 0, buf, typeStart + 4, length);
            crc.reset();
            crc.update(buf, typeStart, 4 + length);
            putInt(buf, typeStart + 4 + length, (int) crc.getValue());
            size += 12 + length;
        }

        private void ensure(int more) {
            if (size + more > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + more));
            }
        }

        byte[] toArray() {
            return size == buf.length ? buf : Arrays.copyOf(buf, size);
        }
    }
}
