package dev.framelift.enhancer.testing;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

import javax.imageio.ImageIO;

/** Encoded test images (PNG, JPEG, hand-made hostile PNGs): what producers put in a Frame payload. */
public final class TestPayloads {
    private TestPayloads() {
    }

    public static BufferedImage pattern(int width, int height, boolean gray, int seed) {
        BufferedImage image = new BufferedImage(width, height, gray ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int r = (x * 255 / Math.max(1, width - 1) + seed * 17) & 0xFF;
                int g = (y * 255 / Math.max(1, height - 1) + seed * 31) & 0xFF;
                int b = ((x ^ y) * 8 + seed) & 0xFF;
                int rgb = gray ? (r + g + b) / 3 * 0x010101 : (r << 16) | (g << 8) | b;
                image.setRGB(x, y, rgb);
            }
        }
        return image;
    }

    public static byte[] png(int width, int height, boolean gray, int seed) {
        return encode(pattern(width, height, gray, seed), "png");
    }

    public static byte[] jpeg(int width, int height, int seed) {
        return encode(pattern(width, height, false, seed), "jpeg");
    }

    /**
     * A well-formed PNG whose header claims {@code width x height} RGB pixels but whose data is a
     * few bytes: the shape of a decompression bomb. Decoding it naively would allocate w*h*3 bytes.
     */
    public static byte[] pngClaiming(int width, int height) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
        java.nio.ByteBuffer ihdr = java.nio.ByteBuffer.allocate(13).putInt(width).putInt(height)
                .put((byte) 8).put((byte) 2).put((byte) 0).put((byte) 0).put((byte) 0);
        chunk(out, "IHDR", ihdr.array());
        java.util.zip.Deflater deflater = new java.util.zip.Deflater();
        deflater.setInput(new byte[64]);
        deflater.finish();
        byte[] idat = new byte[128];
        int length = deflater.deflate(idat);
        chunk(out, "IDAT", java.util.Arrays.copyOf(idat, length));
        chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    private static void chunk(java.io.ByteArrayOutputStream out, String type, byte[] data) {
        byte[] typeBytes = type.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(typeBytes);
        crc.update(data);
        out.writeBytes(java.nio.ByteBuffer.allocate(4).putInt(data.length).array());
        out.writeBytes(typeBytes);
        out.writeBytes(data);
        out.writeBytes(java.nio.ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    /** A PNG of random pixels: does not compress, so its size is about width x height x 3 bytes. */
    public static byte[] noisePng(int width, int height, long seed) {
        java.util.Random random = new java.util.Random(seed);
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, random.nextInt(0x1000000));
            }
        }
        return encode(image, "png");
    }

    public static byte[] encode(BufferedImage image, String format) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalArgumentException("no ImageIO writer for " + format);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
