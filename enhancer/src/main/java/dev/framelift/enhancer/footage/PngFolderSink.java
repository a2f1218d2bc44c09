package dev.framelift.enhancer.footage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import dev.framelift.enhancer.image.ImageCodec;
import dev.framelift.enhancer.image.ImageLimits;
import dev.framelift.model.Image;
import dev.framelift.schema.Encoding;

/** Numbered PNGs, {@code 000000.png} and on, named by sequence number: a gap is a missing number. */
public final class PngFolderSink implements FrameSink {
    private final Path folder;
    private final ImageCodec codec = new ImageCodec(ImageLimits.defaults());
    private long written;

    public PngFolderSink(Path folder) throws FootageException {
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new FootageException("cannot create " + folder + ": " + e.getMessage(), e);
        }
        this.folder = folder;
    }

    /** The file of a sequence number. */
    public static String fileName(long sequence) {
        return String.format("%06d.png", sequence);
    }

    @Override
    public void write(long sequence, Image image) throws FootageException {
        final Path file = folder.resolve(fileName(sequence));
        try {
            Files.write(file, codec.encode(image, Encoding.PNG), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            written++;
        } catch (IOException e) {
            throw new FootageException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void repeatLast() {
        // a folder shows a gap as a missing number
    }

    @Override
    public String describe() {
        return written + " PNGs in " + folder;
    }

    @Override
    public void close() {
        // every file is complete when written
    }
}
