package dev.framelift.enhancer.bench;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import javax.imageio.ImageIO;

import dev.framelift.schema.Tasks;

/**
 * Benchmark input: the shipped surveillance clip frames, resized to the requested input size
 * (grayscale for colorize) and JPEG-encoded, as a camera would send them.
 */
final class BenchFrames {
    private static final int CLIP_FRAMES = 12;

    private BenchFrames() {
    }

    static List<byte[]> jpegs(String task, int width, int height) {
        List<byte[]> frames = new ArrayList<>();
        for (int i = 1; i <= CLIP_FRAMES; i++) {
            BufferedImage source = read(String.format("/demo/clip-%02d.jpg", i));
            int type = Tasks.COLORIZE.equals(task) ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_3BYTE_BGR;
            BufferedImage resized = new BufferedImage(width, height, type);
            Graphics2D g = resized.createGraphics();
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
            g.drawImage(source, 0, 0, width, height, null);
            g.dispose();
            frames.add(jpeg(resized));
        }
        return frames;
    }

    private static byte[] jpeg(BufferedImage image) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(image, "jpeg", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static BufferedImage read(String resource) {
        try (InputStream in = BenchFrames.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing " + resource);
            }
            return ImageIO.read(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
