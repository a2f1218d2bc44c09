package dev.framelift.enhancer.image;

import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

import dev.framelift.model.Image;

/**
 * A PNG writer built for speed: 8-bit gray or RGB, no interlace, every row with the "Sub" filter
 * (each byte minus the one a pixel to its left: cheap, and it turns smooth photo gradients into
 * small numbers), deflated at a low level into 256 KiB {@code IDAT} chunks. On photographs this
 * is several times faster than ImageIO's PNG writer for files about the same size.
 */
final class PngEncoder {
    private static final int CHUNK = 256 * 1024;
    private static final int FILTER_SUB = 1;

    private PngEncoder() {
    }

    static byte[] encode(Image image, int deflateLevel) {
        int w = image.width();
        int h = image.height();
        int bpp = image.channels();
        int rowBytes = w * bpp;
        byte[] px = image.pixels();
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
        ihdr[9] = (byte) (bpp == 1 ? 0 : 2);
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
