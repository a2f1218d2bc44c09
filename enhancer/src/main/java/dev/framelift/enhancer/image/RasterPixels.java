package dev.framelift.enhancer.image;

import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentSampleModel;
import java.awt.image.DataBufferByte;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;

/**
 * Copies a decoded {@link BufferedImage} into an {@link Image} in bulk. The common layouts
 * (8-bit interleaved RGB, BGR, gray, with or without alpha: what the PNG and JPEG decoders
 * produce) are read straight from the raster's byte array; anything else (16-bit, packed
 * low-bit-depth, palettes) goes through one bulk {@code getPixels} call. Samples are taken as
 * stored (embedded colour profiles and gamma are ignored); 16-bit samples are rounded to 8 bits;
 * alpha (an alpha channel, or a palette's transparency) is kept apart as its own plane.
 */
final class RasterPixels {
    private RasterPixels() {
    }

    /** @param channels 1 or 3: what the container header said the colour type is */
    static DecodedImage split(BufferedImage image, int channels) {
        Raster raster = image.getRaster();
        ColorModel cm = image.getColorModel();
        int w = raster.getWidth();
        int h = raster.getHeight();
        DecodedImage decoded;
        if (cm instanceof IndexColorModel palette) {
            decoded = fromPalette(raster, palette, channels);
        } else if (raster.getDataBuffer() instanceof DataBufferByte bytes && bytes.getNumBanks() == 1
                && raster.getSampleModel() instanceof ComponentSampleModel sm
                && raster.getSampleModelTranslateX() == 0 && raster.getSampleModelTranslateY() == 0) {
            decoded = fromInterleavedBytes(bytes, sm, w, h, cm.hasAlpha());
        } else {
            decoded = fromSamples(raster, cm.hasAlpha());
        }
        return new DecodedImage(ImageCodec.toChannels(decoded.colour(), channels), decoded.alpha());
    }

    private static DecodedImage fromInterleavedBytes(DataBufferByte buffer, ComponentSampleModel sm, int w, int h,
            boolean alpha) {
        byte[] data = buffer.getData();
        int base = buffer.getOffset();
        int stride = sm.getPixelStride();
        int scanline = sm.getScanlineStride();
        int[] offsets = sm.getBandOffsets();
        int colour = offsets.length - (alpha ? 1 : 0);
        if (colour != 1 && colour != 3) {
            throw new IllegalArgumentException("cannot map " + offsets.length + " bands to gray or RGB");
        }
        byte[] out = new byte[w * h * colour];
        byte[] opacity = alpha ? new byte[w * h] : null;
        if (!alpha && stride == colour && isSequential(offsets)) {
            int rowBytes = w * colour;
            for (int y = 0; y < h; y++) {
                System.arraycopy(data, base + y * scanline + offsets[0], out, y * rowBytes, rowBytes);
            }
        } else if (!alpha && colour == 3 && stride == 3 && offsets[0] == 2 && offsets[1] == 1 && offsets[2] == 0) {
            int o = 0;
            for (int y = 0; y < h; y++) {
                int i = base + y * scanline;
                for (int end = i + w * 3; i < end; i += 3) {
                    out[o++] = data[i + 2];
                    out[o++] = data[i + 1];
                    out[o++] = data[i];
                }
            }
        } else {
            int a = alpha ? offsets[colour] : -1;
            int o = 0;
            for (int y = 0; y < h; y++) {
                int row = base + y * scanline;
                for (int x = 0; x < w; x++) {
                    int p = row + x * stride;
                    if (opacity != null) {
                        opacity[y * w + x] = data[p + a];
                    }
                    for (int c = 0; c < colour; c++) {
                        out[o++] = data[p + offsets[c]];
                    }
                }
            }
        }
        return new DecodedImage(new Image(w, h, colour, out), opacity == null ? null : new Image(w, h, 1, opacity));
    }

    private static boolean isSequential(int[] offsets) {
        for (int i = 1; i < offsets.length; i++) {
            if (offsets[i] != offsets[0] + i) {
                return false;
            }
        }
        return true;
    }

    private static DecodedImage fromSamples(Raster raster, boolean alpha) {
        int w = raster.getWidth();
        int h = raster.getHeight();
        int bands = raster.getNumBands();
        int colour = bands - (alpha ? 1 : 0);
        if (colour != 1 && colour != 3) {
            throw new IllegalArgumentException("cannot map " + bands + " bands to gray or RGB");
        }
        int[] bits = raster.getSampleModel().getSampleSize();
        int[] samples = raster.getPixels(0, 0, w, h, (int[]) null);
        byte[] out = new byte[w * h * colour];
        byte[] opacity = alpha ? new byte[w * h] : null;
        int o = 0;
        for (int i = 0, p = 0; i < samples.length; i += bands, p++) {
            if (opacity != null) {
                opacity[p] = (byte) to8(samples[i + colour], bits[colour]);
            }
            for (int c = 0; c < colour; c++) {
                out[o++] = (byte) to8(samples[i + c], bits[c]);
            }
        }
        return new DecodedImage(new Image(w, h, colour, out), opacity == null ? null : new Image(w, h, 1, opacity));
    }

    private static DecodedImage fromPalette(Raster raster, IndexColorModel palette, int channels) {
        int w = raster.getWidth();
        int h = raster.getHeight();
        int size = palette.getMapSize();
        byte[][] lut = new byte[4][size];
        boolean transparent = false;
        for (int i = 0; i < size; i++) {
            lut[0][i] = (byte) palette.getRed(i);
            lut[1][i] = (byte) palette.getGreen(i);
            lut[2][i] = (byte) palette.getBlue(i);
            lut[3][i] = (byte) palette.getAlpha(i);
            transparent |= palette.getAlpha(i) != 255;
        }
        int[] index = raster.getSamples(0, 0, w, h, 0, (int[]) null);
        byte[] opacity = null;
        if (transparent) {
            opacity = new byte[w * h];
            for (int i = 0; i < index.length; i++) {
                opacity[i] = lut[3][index[i]];
            }
        }
        byte[] out = new byte[w * h * channels];
        if (channels == 1) {
            // a gray PNG of 1, 2 or 4 bits decodes to a gray palette
            for (int i = 0; i < index.length; i++) {
                out[i] = lut[0][index[i]];
            }
        } else {
            for (int i = 0, o = 0; i < index.length; i++) {
                int k = index[i];
                out[o++] = lut[0][k];
                out[o++] = lut[1][k];
                out[o++] = lut[2][k];
            }
        }
        return new DecodedImage(new Image(w, h, channels, out), opacity == null ? null : new Image(w, h, 1, opacity));
    }

    private static int to8(int sample, int bits) {
        if (bits == 8) {
            return sample;
        }
        int max = (1 << bits) - 1;
        return (sample * 255 + max / 2) / max;
    }
}
