package dev.framelift.enhancer.footage;

import java.io.IOException;

/**
 * Frames in playback order, from a video, a camera, a folder or a pipe. Single-threaded; the
 * caller closes it.
 */
public interface FrameSource extends AutoCloseable {
    /**
     * The next frame, blocking as a live source must; null at the end of the footage.
     *
     * @throws FootageException when the footage is damaged or cannot be read any more
     */
    SourceFrame next() throws IOException;

    /** Frames per second of the footage, or 0 when the source has no frame rate (images). */
    double frameRate();

    /** How many frames the source holds, or -1 when unknown (live, stdin). May be an estimate for video. */
    long expectedFrames();

    /** The source as a person would name it, for progress lines and attributes. */
    String describe();

    @Override
    void close() throws IOException;
}
