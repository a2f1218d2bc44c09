package dev.framelift.enhancer.demo;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import javax.imageio.ImageIO;

/**
 * The sample footage on the classpath under {@code /demo/} (see its {@code SOURCES.md}): read
 * it, and encode images made from it. Used by the demo and the benchmark.
 */
public final class SampleFootage {
    /** Frames of the surveillance clip: {@code /demo/clip-01.jpg} to {@code clip-12.jpg}. */
    public static final int CLIP_FRAMES = 12;

    private SampleFootage() {
    }

    /** @param number 1 to {@link #CLIP_FRAMES} */
    public static BufferedImage clipFrame(int number) {
        return image(String.format("/demo/clip-%02d.jpg", number));
    }

    /** @throws IllegalStateException if the resource is missing from the build */
    public static BufferedImage image(String resource) {
        try (InputStream in = open(resource)) {
            return ImageIO.read(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A resource as a file of its own (FFmpeg reads files, not class-path entries): a copy in the
     * temporary folder, deleted when the JVM exits.
     */
    public static java.nio.file.Path file(String resource) {
        final String name = resource.substring(resource.lastIndexOf('/') + 1);
        try (InputStream in = open(resource)) {
            final java.nio.file.Path copy = java.nio.file.Files.createTempFile("framelift-", "-" + name);
            copy.toFile().deleteOnExit();
            java.nio.file.Files.copy(in, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            return copy;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String text(String resource) {
        try (InputStream in = open(resource)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @param format an ImageIO format name: "png" or "jpeg" */
    public static byte[] encode(BufferedImage image, String format) {
        try {
            final ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(image, format, out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStream open(String resource) {
        final InputStream in = SampleFootage.class.getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException("missing " + resource + " on the classpath: the build is incomplete");
        }
        return in;
    }
}
