package dev.framelift.trainer.eval;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import javax.imageio.ImageIO;

import dev.framelift.trainer.data.RgbImage;

/**
 * Writes the exact pixels an evaluation measured, as lossless PNGs, so that its numbers can be
 * recomputed by any other tool: for the i-th evaluated photo, {@code NNN-NAME.input.png} (what
 * the model was given: the LR image, or the gray luma as RGB), {@code .baseline.png} (bicubic
 * upscale, or the gray input), {@code .model.png} and {@code .truth.png} (the photo after
 * {@code --max-side} and, for SR, the crop to a multiple of the scale). {@code NAME} is the
 * photo's file name without its extension, with anything but letters, digits, dot, dash and
 * underscore replaced by {@code _}.
 */
public final class ImageDump implements PhotoSink {
    public static final String[] KINDS = {"input", "baseline", "model", "truth"};

    private final Path dir;

    /** @throws IOException if {@code dir} cannot be created */
    public ImageDump(Path dir) throws IOException {
        this.dir = Files.createDirectories(dir);
    }

    public Path dir() {
        return dir;
    }

    /** The file one kind of image of the {@code index}-th (1-based) photo goes to. */
    public Path file(int index, Path photo, String kind) {
        final String stem = photo.getFileName().toString().replaceFirst("\\.[^.]*$", "").replaceAll("[^A-Za-z0-9._-]", "_");
        return dir.resolve(String.format(Locale.ROOT, "%03d-%s.%s.png", index, stem, kind));
    }

    @Override
    public void accept(int index, Path photo, String name, RgbImage input, RgbImage baseline, RgbImage model,
            RgbImage truth) {
        final RgbImage[] images = {input, baseline, model, truth};
        try {
            for (int k = 0; k < KINDS.length; k++) {
                final Path f = file(index, photo, KINDS[k]);
                if (!ImageIO.write(images[k].toBufferedImage(), "png", f.toFile())) {
                    throw new IOException("no PNG writer");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + dir + ": " + e.getMessage(), e);
        }
    }
}
