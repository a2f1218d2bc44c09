package dev.framelift.trainer.eval;

import java.nio.file.Path;

import dev.framelift.trainer.data.RgbImage;

/**
 * Receives the exact pixels an evaluation measured, one photo at a time, on the evaluating
 * thread: what the model was given, the baseline, the model's output and the truth. An
 * {@link ImageDump} writes them to disk; a {@link ChromaFrontier} measures the output again at
 * other chroma scales.
 */
public interface PhotoSink {
    /**
     * @param index the photo's 1-based place among the evaluated photos
     * @param photo the photo's file
     * @param name its display name (relative to the data folder), whose source {@code SourceMeans} groups by
     */
    void accept(int index, Path photo, String name, RgbImage input, RgbImage baseline, RgbImage model, RgbImage truth);

    /** Both sinks, {@code first} then {@code second}; either may be {@code null}. */
    static PhotoSink both(PhotoSink first, PhotoSink second) {
        if (first == null || second == null) {
            return first == null ? second : first;
        }
        return (index, photo, name, input, baseline, model, truth) -> {
            first.accept(index, photo, name, input, baseline, model, truth);
            second.accept(index, photo, name, input, baseline, model, truth);
        };
    }
}
