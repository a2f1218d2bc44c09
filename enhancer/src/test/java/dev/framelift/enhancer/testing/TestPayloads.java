package dev.framelift.enhancer.testing;

import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

import javax.imageio.ImageIO;

import dev.framelift.enhancer.corpus.CraftedImages;

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
        return CraftedImages.cmykJpeg(w, h);
    }

    /**
     * A structurally valid PNG whose IHDR claims {@code width x height} but whose IDAT holds
     * only a few bytes: a decompression bomb's header.
     */
    /**
     * A structurally valid PNG whose IHDR claims {@code width x height} but whose IDAT holds
     * only a few bytes: a decompression bomb's header.
     */
    public static byte[] pngWithHeader(long width, long height, int bitDepth, int colourType) {
        return CraftedImages.pngWithHeader(width, height, bitDepth, colourType);
    }

    /**
     * A PNG written by hand: any colour type and bit depth, rows stored unfiltered (filter 0),
     * and the given chunks (type, data) between IHDR and IDAT: PLTE, tRNS, eXIf...
     *
     * @param rows the packed sample rows without filter bytes, {@code height} rows of
     *     ceil(width x samples x depth / 8) bytes
     */
    /** A PNG written by hand; see {@link CraftedImages#pngOf}. */
    public static byte[] pngOf(int width, int height, int bitDepth, int colourType, byte[] rows,
            java.util.List<java.util.Map.Entry<String, byte[]>> chunks) {
        return CraftedImages.pngOf(width, height, bitDepth, colourType, rows, chunks);
    }

    /** A TIFF structure holding only an orientation tag: the body of an EXIF block. */
    public static byte[] tiffWithOrientation(int orientation) {
        return CraftedImages.tiffWithOrientation(orientation);
    }

    /** The JPEG with an APP1 Exif segment holding {@code orientation} inserted after SOI. */
    /** The JPEG with an APP1 Exif segment holding {@code orientation} inserted after SOI. */
    public static byte[] withExifOrientation(byte[] jpeg, int orientation) {
        return CraftedImages.withExifOrientation(jpeg, orientation);
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
