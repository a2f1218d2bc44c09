package dev.framelift.enhancer.footage;

import java.io.IOException;

import dev.framelift.model.Image;

/** Where {@link Export} writes frames, in sequence order. Single-threaded; close it to finish the file. */
public interface FrameSink extends AutoCloseable {
    /** Writes the frame of {@code sequence}; sequences only grow. */
    void write(long sequence, Image image) throws IOException;

    /** Holds the previous frame for one more frame time (a video's gap); a no-op where time does not exist. */
    void repeatLast() throws IOException;

    /** What was written, for the summary line. */
    String describe();

    @Override
    void close() throws IOException;
}
