package dev.framelift.enhancer.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/** Image sizes read from file headers only, for progress estimates; no pixel is decoded. */
final class ImageHeaders {
    private ImageHeaders() {
    }

    /** Width x height / 10^6, or 0 when the header cannot be read (the enhancer will say why). */
    static double megapixels(Path file) {
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            if (in == null) {
                return 0;
            }
            final Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                return 0;
            }
            final ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                return (double) reader.getWidth(0) * reader.getHeight(0) / 1e6;
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
