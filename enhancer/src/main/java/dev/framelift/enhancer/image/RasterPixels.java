package dev.framelift.enhancer.image;

import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentSampleModel;
import java.awt.image.DataBufferByte;
import java.awt.image.Raster;

import dev.framelift.model.Image;

/**
 * Copies an image decoded by ImageIO (the JPEG decoder: PNGs go through {@link PngDecoder}) into
 * an {@link Image}. The layouts it produces (8-bit interleaved RGB, BGR, gray) are read straight
 * from the raster's byte array; anything else goes through {@code getPixels} one row at a time,
 * so the copy never needs more than the result plus a row. Samples are taken as stored (embedded
 * colour profiles are ignored); samples of more than 8 bits are rounded to 8; alpha is composited
 * onto black.
 */
final class RasterPixels {
    private RasterPixels() {
    }

    /** @param channels 1 or 3: what the container header said the colour type is */
    static Image toImage(BufferedImage image, int channels) {
        final Raster raster = image.getRaster();
        final ColorModel cm = image.getColorModel();
        final int w = raster.getWidth();
        final int h = raster.getHeight();
        final Image decoded;
        if (raster.getDataBuffer() instanceof DataBufferByte bytes && bytes.getNumBanks() == 1
                && raster.getSampleModel() instanceof ComponentSampleModel sm
                && raster.getSampleModelTranslateX() == 0 && raster.getSampleModelTranslateY() == 0) {
            decoded = fromInterleavedBytes(bytes, sm, w, h, cm.hasAlpha());
        } else {
            decoded = fromSamples(raster, cm.hasAlpha());
        }
        return ImageCodec.toChannels(decoded, channels);
    }

    private static Image fromInterleavedBytes(DataBufferByte buffer, ComponentSampleModel sm, int w, int h,
            boolean alpha) {
        final byte[] data = buffer.getData();
        final int base = buffer.getOffset();
        final int stride = sm.getPixelStride();
        final int scanline = sm.getScanlineStride();
        final int[] offsets = sm.getBandOffsets();
        final int colour = offsets.length - (alpha ? 1 : 0);
        if (colour != 1 && colour != 3) {
            throw new IllegalArgumentException("cannot map " + offsets.length + " bands to gray or RGB");
        }
        final byte[] out = new byte[w * h * colour];
        if (!alpha && stride == colour && isSequential(offsets)) {
            final int rowBytes = w * colour;
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
            final int a = alpha ? offsets[colour] : -1;
            int o = 0;
            for (int y = 0; y < h; y++) {
                final int row = base + y * scanline;
                for (int x = 0; x < w; x++) {
                    final int p = row + x * stride;
                    final int alphaValue = a < 0 ? 255 : data[p + a] & 0xff;
                    for (int c = 0; c < colour; c++) {
                        out[o++] = (byte) onBlack(data[p + offsets[c]] & 0xff, alphaValue);
                    }
                }
            }
        }
        return new Image(w, h, colour, out);
    }

    private static boolean isSequential(int[] offsets) {
        for (int i = 1; i < offsets.length; i++) {
            if (offsets[i] != offsets[0] + i) {
                return false;
            }
        }
        return true;
    }

    private static Image fromSamples(Raster raster, boolean alpha) {
        final int w = raster.getWidth();
        final int h = raster.getHeight();
        final int bands = raster.getNumBands();
        final int colour = bands - (alpha ? 1 : 0);
        if (colour != 1 && colour != 3) {
            throw new IllegalArgumentException("cannot map " + bands + " bands to gray or RGB");
        }
        final int[] bits = raster.getSampleModel().getSampleSize();
        final int[] samples = new int[w * bands];
        final byte[] out = new byte[w * h * colour];
        int o = 0;
        for (int y = 0; y < h; y++) {
            raster.getPixels(0, y, w, 1, samples);
            for (int i = 0; i < samples.length; i += bands) {
                final int alphaValue = alpha ? to8(samples[i + colour], bits[colour]) : 255;
                for (int c = 0; c < colour; c++) {
                    out[o++] = (byte) onBlack(to8(samples[i + c], bits[c]), alphaValue);
                }
            }
        }
        return new Image(w, h, colour, out);
    }

    /** A sample of {@code bits} bits as 0..255, rounded. */
    static int to8(int sample, int bits) {
        if (bits == 8) {
            return sample;
        }
        final int max = (1 << bits) - 1;
        return (sample * 255 + max / 2) / max;
    }

    /** A sample composited onto black with an 8-bit alpha. */
    static int onBlack(int value, int alpha) {
        return alpha == 255 ? value : (value * alpha + 127) / 255;
    }
}
