package dev.framelift.enhancer.footage;

import java.io.InputStream;
import java.time.Instant;

/**
 * PNG and JPEG files concatenated on a stream (normally stdin: {@code cat *.png | framelift
 * ingest ... -}). Frames are numbered in arrival order and stamped with their arrival time.
 */
public final class StdinSource implements FrameSource {
    private final ImageStreamReader reader;
    private long sequence;

    /** @param maxBytes the largest single image accepted */
    public StdinSource(InputStream in, long maxBytes) {
        this.reader = new ImageStreamReader(in, maxBytes);
    }

    @Override
    public SourceFrame next() throws FootageException {
        final byte[] file = reader.next();
        if (file == null) {
            return null;
        }
        final long n = sequence++;
        return new SourceFrame(null, file, n, Instant.now(), "stdin image " + n);
    }

    @Override
    public double frameRate() {
        return 0;
    }

    @Override
    public long expectedFrames() {
        return -1;
    }

    @Override
    public String describe() {
        return "stdin";
    }

    @Override
    public void close() {
        // stdin belongs to the process
    }
}
