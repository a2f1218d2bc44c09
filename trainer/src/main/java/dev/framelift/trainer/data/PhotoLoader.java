package dev.framelift.trainer.data;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.regex.Pattern;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Decodes one photo file: ImageIO decode, EXIF orientation applied (JPEG), then an
 * antialiased downscale when its long side exceeds {@code maxSide}. Stateless; thread-safe.
 *
 * <p>Two kinds of file that ImageIO decodes without an exception are refused, as the enhancer
 * refuses them as frames: a truncated JPEG (ImageIO fills the missing rows with gray and only
 * warns, so the photo would be trained on or scored with a gray band), and a 4-component
 * (CMYK or YCCK) JPEG, whose conversion to RGB ImageIO makes without its colour profile.
 */
public final class PhotoLoader {
    /** ImageIO's JPEG warnings for data that ends before the image does. */
    private static final Pattern TRUNCATION = Pattern.compile("(?i)truncated|premature end");

    private PhotoLoader() {
    }

    /**
     * @param maxSide the longest side kept; 0 or less keeps the original size
     * @throws IOException if the file cannot be read or is not a decodable image
     */
    public static RgbImage load(Path file, int maxSide) throws IOException {
        final Loaded l = loadAny(file, maxSide, false);
        return l.photo();
    }

    /** A decoded file: a whole photo, or (only when asked for) a {@link Cutout}; one is null. */
    public record Loaded(RgbImage photo, Cutout cutout) {
    }

    /**
     * Like {@link #load}, but with {@code cutouts} a PNG that is transparent around an object
     * comes back as a {@link Cutout} (no EXIF orientation applies to PNGs).
     */
    public static Loaded loadAny(Path file, int maxSide, boolean cutouts) throws IOException {
        final byte[] bytes = Files.readAllBytes(file);
        final BufferedImage decoded = decode(file, bytes);
        final Cutout c = cutouts ? Cutout.of(decoded) : null;
        if (c != null) {
            final RgbImage fitted = fit(c.rgb(), maxSide);
            return new Loaded(null, fitted == c.rgb() ? c : c.resize(fitted.width(), fitted.height()));
        }
        final RgbImage image = RgbImage.of(decoded).dihedral(ExifOrientation.dihedralCode(ExifOrientation.read(bytes)));
        return new Loaded(fit(image, maxSide), null);
    }

    private static BufferedImage decode(Path file, byte[] bytes) throws IOException {
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            final Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new IOException("not a decodable image: " + file);
            }
            final ImageReader reader = readers.next();
            final List<String> truncation = new ArrayList<>();
            reader.addIIOReadWarningListener((source, warning) -> {
                if (TRUNCATION.matcher(warning).find()) {
                    truncation.add(warning);
                }
            });
            try {
                reader.setInput(in, true, true);
                final BufferedImage decoded = reader.read(0);
                if (!truncation.isEmpty()) {
                    throw new IOException("truncated image (" + truncation.get(0) + "): " + file);
                }
                if (decoded.getColorModel().getNumColorComponents() == 4) {
                    throw new IOException("4-component (CMYK or YCCK) JPEG, which ImageIO converts to RGB without "
                            + "its colour profile; convert it to RGB first: " + file);
                }
                return decoded;
            } finally {
                reader.dispose();
            }
        }
    }

    /** Downscales (never upscales) so that the long side is at most {@code maxSide}. */
    public static RgbImage fit(RgbImage image, int maxSide) {
        final int longSide = Math.max(image.width(), image.height());
        if (maxSide <= 0 || longSide <= maxSide) {
            return image;
        }
        final double f = (double) maxSide / longSide;
        final int w = Math.max(1, (int) Math.round(image.width() * f));
        final int h = Math.max(1, (int) Math.round(image.height() * f));
        return image.resize(w, h);
    }
}
