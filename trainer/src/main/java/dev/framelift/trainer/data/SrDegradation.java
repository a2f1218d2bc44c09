package dev.framelift.trainer.data;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.SplittableRandom;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/**
 * Super-resolution pairs. The LR is the antialiased bicubic downscale ({@link Resampler}) of a
 * region {@value #MARGIN} LR pixels larger than the patch on every side, then cropped, so that
 * patch borders see the same filter support as the inside of a full photo.
 *
 * <p>{@code realistic} adds, each with its own probability: a gaussian blur of the HR before
 * downscaling (sigma 0.2 to 0.5 s), gaussian sensor noise on the LR (sigma 1 to 8 levels) and a
 * JPEG round trip of the LR at quality 30 to 95.
 */
public final class SrDegradation implements Degradation {
    /** Context margin, in LR pixels: the cubic kernel's support. */
    public static final int MARGIN = 2;

    private final int scale;
    private final boolean realistic;

    public SrDegradation(int scale, boolean realistic) {
        this.scale = scale;
        this.realistic = realistic;
    }

    @Override
    public int scale() {
        return scale;
    }

    @Override
    public int inputChannels() {
        return 3;
    }

    @Override
    public int regionSide(int patch) {
        return patch + 2 * MARGIN * scale;
    }

    @Override
    public Pair make(RgbImage region, int patch, SplittableRandom rnd) {
        RgbImage hr = region;
        if (realistic && rnd.nextDouble() < 0.5) {
            hr = blur(hr, 0.2 * scale + rnd.nextDouble() * 0.3 * scale);
        }
        final RgbImage lrFull = hr.resize(region.width() / scale, region.height() / scale);
        RgbImage lr = lrFull.crop(MARGIN, MARGIN, patch / scale, patch / scale);
        if (realistic) {
            if (rnd.nextDouble() < 0.5) {
                lr = noise(lr, 1 + rnd.nextDouble() * 7, rnd);
            }
            if (rnd.nextDouble() < 0.6) {
                lr = jpeg(lr, 0.30f + (float) rnd.nextDouble() * 0.65f);
            }
        }
        final RgbImage target = region.crop(MARGIN * scale, MARGIN * scale, patch, patch);
        return new Pair(lr.pixels(), target.pixels());
    }

    static RgbImage blur(RgbImage img, double sigma) {
        final int radius = Math.max(1, (int) Math.ceil(3 * sigma));
        final float[] k = new float[2 * radius + 1];
        double total = 0;
        for (int i = -radius; i <= radius; i++) {
            k[i + radius] = (float) Math.exp(-i * i / (2 * sigma * sigma));
            total += k[i + radius];
        }
        for (int i = 0; i < k.length; i++) {
            k[i] /= (float) total;
        }
        final int w = img.width();
        final int h = img.height();
        final float[] src = Resampler.toFloats(img.pixels());
        final float[] tmp = new float[src.length];
        final float[] out = new float[src.length];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                for (int c = 0; c < 3; c++) {
                    float s = 0;
                    for (int i = -radius; i <= radius; i++) {
                        final int xx = Math.min(w - 1, Math.max(0, x + i));
                        s += k[i + radius] * src[(y * w + xx) * 3 + c];
                    }
                    tmp[(y * w + x) * 3 + c] = s;
                }
            }
        }
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                for (int c = 0; c < 3; c++) {
                    float s = 0;
                    for (int i = -radius; i <= radius; i++) {
                        final int yy = Math.min(h - 1, Math.max(0, y + i));
                        s += k[i + radius] * tmp[(yy * w + x) * 3 + c];
                    }
                    out[(y * w + x) * 3 + c] = s;
                }
            }
        }
        return new RgbImage(w, h, Resampler.toBytes(out));
    }

    static RgbImage noise(RgbImage img, double sigma, SplittableRandom rnd) {
        final byte[] px = img.pixels();
        final float[] f = new float[px.length];
        for (int i = 0; i < px.length; i++) {
            f[i] = (float) ((px[i] & 0xFF) + gaussian(rnd) * sigma);
        }
        return new RgbImage(img.width(), img.height(), Resampler.toBytes(f));
    }

    private static double gaussian(SplittableRandom rnd) {
        final double u = 1.0 - rnd.nextDouble();
        final double v = rnd.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }

    static RgbImage jpeg(RgbImage img, float quality) {
        try {
            final ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
            final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
                writer.setOutput(out);
                final ImageWriteParam param = writer.getDefaultWriteParam();
                param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                param.setCompressionQuality(quality);
                writer.write(null, new IIOImage(img.toBufferedImage(), null, null), param);
            } finally {
                writer.dispose();
            }
            return RgbImage.of(ImageIO.read(new ByteArrayInputStream(bytes.toByteArray())));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
