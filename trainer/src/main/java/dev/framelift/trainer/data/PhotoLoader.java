package dev.framelift.trainer.data;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.imageio.ImageIO;

/**
 * Decodes one photo file: ImageIO decode, EXIF orientation applied (JPEG), then an
 * antialiased downscale when its long side exceeds {@code maxSide}. Stateless; thread-safe.
 */
public final class PhotoLoader {
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
        final BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(bytes));
        if (decoded == null) {
            throw new IOException("not a decodable image: " + file);
        }
        return decoded;
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
