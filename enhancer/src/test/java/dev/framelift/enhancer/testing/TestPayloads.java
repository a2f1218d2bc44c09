package dev.framelift.enhancer.testing;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Encoded test payloads built in memory, what producers put in a Frame: PNGs and JPEGs written
 * by ImageIO in the layouts real producers send, and hand-built files with a chosen header
 * (absurd dimensions, CMYK).
 */
public final class TestPayloads {
    private TestPayloads() {
    }

    /** A BufferedImage of {@code type} with a gradient, drawn through its own colour model. */
    public static BufferedImage gradient(int type, int w, int h) {
        BufferedImage image = new BufferedImage(w, h, type);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int r = x * 255 / (w - 1);
                int g = y * 255 / (h - 1);
                int b = (x + y) * 255 / (w + h - 2);
                image.setRGB(x, y, 0xff000000 | (r << 16) | (g << 8) | b);
            }
        }
        return image;
    }

    public static byte[] write(BufferedImage image, String format) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.setUseCache(false);
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalStateException("no ImageIO writer for " + format + " of type " + image.getType());
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A real 4-component (CMYK-style) JPEG, written from a 4-band raster. */
    public static byte[] cmykJpeg(int w, int h) {
        WritableRaster raster = Raster.createInterleavedRaster(new DataBufferByte(w * h * 4), w, h, w * 4, 4,
                new int[] {0, 1, 2, 3}, null);
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
            try (MemoryCacheImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
                writer.setOutput(stream);
                writer.write(null, new IIOImage(raster, null, null), writer.getDefaultWriteParam());
            } finally {
                writer.dispose();
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A structurally valid PNG whose IHDR claims {@code width x height} but whose IDAT holds
     * only a few bytes: a decompression bomb's header.
     */
    public static byte[] pngWithHeader(long width, long height, int bitDepth, int colourType) {
        ByteBuffer ihdr = ByteBuffer.allocate(13);
        ihdr.putInt((int) width).putInt((int) height).put((byte) bitDepth).put((byte) colourType)
                .put((byte) 0).put((byte) 0).put((byte) 0);
        Deflater deflater = new Deflater();
        deflater.setInput(new byte[64]);
        deflater.finish();
        byte[] idat = new byte[128];
        int n = deflater.deflate(idat);
        deflater.end();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        chunk(out, "IHDR", ihdr.array(), 13);
        chunk(out, "IDAT", idat, n);
        chunk(out, "IEND", new byte[0], 0);
        return out.toByteArray();
    }

    /**
     * A PNG written by hand: any colour type and bit depth, rows stored unfiltered (filter 0),
     * and the given chunks (type, data) between IHDR and IDAT: PLTE, tRNS, eXIf...
     *
     * @param rows the packed sample rows without filter bytes, {@code height} rows of
     *     ceil(width x samples x depth / 8) bytes
     */
    public static byte[] pngOf(int width, int height, int bitDepth, int colourType, byte[] rows,
            java.util.List<java.util.Map.Entry<String, byte[]>> chunks) {
        int rowBytes = rows.length / height;
        byte[] filtered = new byte[rows.length + height];
        for (int y = 0; y < height; y++) {
            System.arraycopy(rows, y * rowBytes, filtered, y * (rowBytes + 1) + 1, rowBytes);
        }
        Deflater deflater = new Deflater(1);
        deflater.setInput(filtered);
        deflater.finish();
        ByteArrayOutputStream idat = new ByteArrayOutputStream();
        byte[] buffer = new byte[1 << 16];
        while (!deflater.finished()) {
            idat.write(buffer, 0, deflater.deflate(buffer));
        }
        deflater.end();
        ByteBuffer ihdr = ByteBuffer.allocate(13);
        ihdr.putInt(width).putInt(height).put((byte) bitDepth).put((byte) colourType).put((byte) 0).put((byte) 0)
                .put((byte) 0);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        chunk(out, "IHDR", ihdr.array(), 13);
        for (java.util.Map.Entry<String, byte[]> extra : chunks) {
            chunk(out, extra.getKey(), extra.getValue(), extra.getValue().length);
        }
        byte[] data = idat.toByteArray();
        chunk(out, "IDAT", data, data.length);
        chunk(out, "IEND", new byte[0], 0);
        return out.toByteArray();
    }

    /** A little-endian TIFF structure holding only an orientation tag: the body of an EXIF block. */
    public static byte[] tiffWithOrientation(int orientation) {
        ByteBuffer tiff = ByteBuffer.allocate(26).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        tiff.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(8);
        tiff.putShort((short) 1); // one IFD entry
        tiff.putShort((short) 0x0112).putShort((short) 3).putInt(1).putShort((short) orientation).putShort((short) 0);
        tiff.putInt(0); // no next IFD
        return tiff.array();
    }

    /** The JPEG with an APP1 Exif segment holding {@code orientation} inserted after SOI. */
    public static byte[] withExifOrientation(byte[] jpeg, int orientation) {
        byte[] tiff = tiffWithOrientation(orientation);
        int length = 2 + 6 + tiff.length;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpeg, 0, 2);
        out.writeBytes(new byte[] {(byte) 0xff, (byte) 0xe1, (byte) (length >> 8), (byte) length, 'E', 'x', 'i', 'f', 0, 0});
        out.writeBytes(tiff);
        out.write(jpeg, 2, jpeg.length - 2);
        return out.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data, int length) {
        byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data, 0, length);
        out.writeBytes(ByteBuffer.allocate(4).putInt(length).array());
        out.writeBytes(typeBytes);
        out.write(data, 0, length);
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    /** Replaces the width and height in a JPEG's SOF0 segment. */
    public static byte[] withJpegDimensions(byte[] jpeg, int width, int height) {
        byte[] copy = jpeg.clone();
        for (int i = 2; i + 8 < copy.length; i++) {
            if ((copy[i] & 0xff) == 0xff && (copy[i + 1] & 0xff) == 0xc0) {
                copy[i + 5] = (byte) (height >> 8);
                copy[i + 6] = (byte) height;
                copy[i + 7] = (byte) (width >> 8);
                copy[i + 8] = (byte) width;
                return copy;
            }
        }
        throw new IllegalArgumentException("no SOF0 marker");
    }

    /** A 16-colour palette image (PNG colour type 3). */
    public static BufferedImage paletted(int w, int h) {
        byte[] r = new byte[16];
        byte[] g = new byte[16];
        byte[] b = new byte[16];
        for (int i = 0; i < 16; i++) {
            r[i] = (byte) (i * 17);
            g[i] = (byte) (255 - i * 17);
            b[i] = (byte) (i % 2 == 0 ? 40 : 200);
        }
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_INDEXED,
                new IndexColorModel(8, 16, r, g, b));
        WritableRaster raster = image.getRaster();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                raster.setSample(x, y, 0, (x + y) % 16);
            }
        }
        return image;
    }

    /** A smooth RGB (or gray) pattern with some texture; {@code seed} shifts it so frames differ. */
    public static BufferedImage pattern(int width, int height, boolean gray, int seed) {
        BufferedImage image = new BufferedImage(width, height, gray ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int r = (x * 255 / Math.max(1, width - 1) + seed * 17) & 0xFF;
                int g = (y * 255 / Math.max(1, height - 1) + seed * 31) & 0xFF;
                int b = ((x ^ y) * 8 + seed) & 0xFF;
                image.setRGB(x, y, gray ? (r + g + b) / 3 * 0x010101 : (r << 16) | (g << 8) | b);
            }
        }
        return image;
    }

    public static byte[] png(int width, int height, boolean gray, int seed) {
        return write(pattern(width, height, gray, seed), "png");
    }

    public static byte[] jpeg(int width, int height, int seed) {
        return write(pattern(width, height, false, seed), "jpeg");
    }

    /** A PNG of random pixels: it does not compress, so it is about width x height x 3 bytes. */
    public static byte[] noisePng(int width, int height, long seed) {
        java.util.Random random = new java.util.Random(seed);
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, random.nextInt(0x1000000));
            }
        }
        return write(image, "png");
    }

    /** An 8-bit RGB PNG header claiming {@code width x height} over a few bytes of data. */
    public static byte[] pngClaiming(int width, int height) {
        return pngWithHeader(width, height, 8, 2);
    }
}
