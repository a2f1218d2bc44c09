package dev.framelift.enhancer.corpus;

import java.awt.image.DataBufferByte;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

import dev.framelift.enhancer.image.ImageCodec;
import dev.framelift.model.Image;
import dev.framelift.schema.Encoding;

/**
 * Image files built byte by byte, for hostile and unusual input: PNGs of any colour type, depth
 * and chunk list, headers that lie, JPEGs with a chosen marker, orientation or number of scans.
 * Stateless; every method returns a new array.
 */
public final class CraftedImages {
    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    private CraftedImages() {
    }

    /**
     * A PNG of any colour type and bit depth, rows stored unfiltered, with the given chunks
     * (type, data) between IHDR and IDAT.
     *
     * @param rows the packed sample rows without filter bytes: {@code height} rows of
     *     ceil(width x samples x depth / 8) bytes
     */
    public static byte[] pngOf(int width, int height, int bitDepth, int colourType, byte[] rows,
            List<Map.Entry<String, byte[]>> chunks) {
        final int rowBytes = rows.length / height;
        final byte[] filtered = new byte[rows.length + height];
        for (int y = 0; y < height; y++) {
            System.arraycopy(rows, y * rowBytes, filtered, y * (rowBytes + 1) + 1, rowBytes);
        }
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(PNG_SIGNATURE);
        chunk(out, "IHDR", ihdr(width, height, bitDepth, colourType));
        for (Map.Entry<String, byte[]> extra : chunks) {
            chunk(out, extra.getKey(), extra.getValue());
        }
        chunk(out, "IDAT", deflate(filtered, 1));
        chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    /** A structurally valid PNG whose IHDR claims {@code width x height} over 64 zero bytes of data. */
    public static byte[] pngWithHeader(long width, long height, int bitDepth, int colourType) {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(PNG_SIGNATURE);
        chunk(out, "IHDR", ihdr((int) width, (int) height, bitDepth, colourType));
        chunk(out, "IDAT", deflate(new byte[64], 9));
        chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    private static byte[] ihdr(int width, int height, int bitDepth, int colourType) {
        return ByteBuffer.allocate(13).putInt(width).putInt(height).put((byte) bitDepth).put((byte) colourType)
                .put((byte) 0).put((byte) 0).put((byte) 0).array();
    }

    static byte[] deflate(byte[] data, int level) {
        final Deflater deflater = new Deflater(level);
        try {
            deflater.setInput(data);
            deflater.finish();
            final ByteArrayOutputStream out = new ByteArrayOutputStream();
            final byte[] buffer = new byte[1 << 16];
            while (!deflater.finished()) {
                out.write(buffer, 0, deflater.deflate(buffer));
            }
            return out.toByteArray();
        } finally {
            deflater.end();
        }
    }

    /** Appends one PNG chunk: length, type, data, CRC. */
    public static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
        final byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
        final CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
        out.writeBytes(typeBytes);
        out.writeBytes(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    /** A little-endian TIFF structure holding only an orientation tag: the body of an EXIF block. */
    public static byte[] tiffWithOrientation(int orientation) {
        final ByteBuffer tiff = ByteBuffer.allocate(26).order(ByteOrder.LITTLE_ENDIAN);
        tiff.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(8);
        tiff.putShort((short) 1);
        tiff.putShort((short) 0x0112).putShort((short) 3).putInt(1).putShort((short) orientation).putShort((short) 0);
        tiff.putInt(0);
        return tiff.array();
    }

    /** The JPEG with an APP1 Exif segment holding {@code orientation} inserted after SOI. */
    public static byte[] withExifOrientation(byte[] jpeg, int orientation) {
        final byte[] tiff = tiffWithOrientation(orientation);
        final int length = 2 + 6 + tiff.length;
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpeg, 0, 2);
        out.writeBytes(new byte[] {(byte) 0xff, (byte) 0xe1, (byte) (length >> 8), (byte) length, 'E', 'x', 'i', 'f', 0, 0});
        out.writeBytes(tiff);
        out.write(jpeg, 2, jpeg.length - 2);
        return out.toByteArray();
    }

    /** The JPEG with its first scan (SOS segment and data) repeated {@code times} times. */
    public static byte[] withRepeatedScan(byte[] jpeg, int times) {
        final int sos = find(jpeg, 0xda);
        final int eoi = jpeg.length - 2;
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpeg, 0, sos);
        for (int i = 0; i < times; i++) {
            out.write(jpeg, sos, eoi - sos);
        }
        out.write(jpeg, eoi, 2);
        return out.toByteArray();
    }

    /**
     * The JPEG with its SOF0 frame header changed: another SOF marker (e.g. 0xC9, arithmetic
     * coding), and the given precision, width and height.
     */
    public static byte[] withFrameHeader(byte[] jpeg, int marker, int precision, int width, int height) {
        final byte[] copy = jpeg.clone();
        final int sof = find(copy, 0xc0);
        copy[sof + 1] = (byte) marker;
        copy[sof + 4] = (byte) precision;
        copy[sof + 5] = (byte) (height >> 8);
        copy[sof + 6] = (byte) height;
        copy[sof + 7] = (byte) (width >> 8);
        copy[sof + 8] = (byte) width;
        return copy;
    }

    private static int find(byte[] jpeg, int marker) {
        for (int i = 2; i + 1 < jpeg.length; i++) {
            if ((jpeg[i] & 0xff) == 0xff && (jpeg[i + 1] & 0xff) == marker) {
                return i;
            }
        }
        throw new IllegalArgumentException("no marker 0x" + Integer.toHexString(marker));
    }

    /** A real 4-component (CMYK-style) JPEG, written from a 4-band raster. */
    public static byte[] cmykJpeg(int w, int h) {
        final WritableRaster raster = Raster.createInterleavedRaster(new DataBufferByte(w * h * 4), w, h, w * 4, 4,
                new int[] {0, 1, 2, 3}, null);
        return writeJpeg(new IIOImage(raster, null, null), false);
    }

    /** A progressive JPEG of {@code image} (RGB), as ImageIO writes one (about 10 scans). */
    public static byte[] progressiveJpeg(Image rgb) {
        final java.awt.image.BufferedImage image = new java.awt.image.BufferedImage(rgb.width(), rgb.height(),
                java.awt.image.BufferedImage.TYPE_3BYTE_BGR);
        final byte[] bgr = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
        final byte[] p = rgb.pixels();
        for (int i = 0; i < p.length; i += 3) {
            bgr[i] = p[i + 2];
            bgr[i + 1] = p[i + 1];
            bgr[i + 2] = p[i];
        }
        return writeJpeg(new IIOImage(image, null, null), true);
    }

    private static byte[] writeJpeg(IIOImage image, boolean progressive) {
        final ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
            writer.setOutput(stream);
            final ImageWriteParam param = writer.getDefaultWriteParam();
            if (progressive) {
                param.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
            }
            writer.write(null, image, param);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }

    /** A smooth pattern with some texture; {@code seed} shifts it. */
    public static Image pattern(int width, int height, int channels, int seed) {
        final byte[] p = new byte[width * height * channels];
        int i = 0;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                for (int c = 0; c < channels; c++) {
                    p[i++] = (byte) (x * 255 / Math.max(1, width - 1) * (c + 1) / 2 + y * 3 + ((x ^ y) & 8) + seed * 17);
                }
            }
        }
        return new Image(width, height, channels, p);
    }

    /** Uniform noise: it does not compress. */
    public static Image noise(int width, int height, int channels, long seed) {
        final byte[] p = new byte[width * height * channels];
        new java.util.Random(seed).nextBytes(p);
        return new Image(width, height, channels, p);
    }

    public static byte[] png(Image image) {
        return new ImageCodec(dev.framelift.enhancer.image.ImageLimits.defaults()).encode(image, Encoding.PNG);
    }

    public static byte[] jpeg(Image image) {
        return new ImageCodec(dev.framelift.enhancer.image.ImageLimits.defaults()).encode(image, Encoding.JPEG);
    }
}
