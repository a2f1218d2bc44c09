package dev.framelift.enhancer.footage;

import java.io.IOException;
import java.time.Instant;

/**
 * Resamples a timed source to a new frame rate by sample-and-hold: output frame {@code k} is the
 * last source frame captured at or before {@code start + k / fps}, so lowering the rate drops
 * frames and raising it repeats them, and the footage keeps its duration. Output frames are
 * numbered from 0 and stamped with their slot's time. Closing it closes the source.
 */
public final class FrameRateResampler implements FrameSource {
    private final FrameSource source;
    private final double fps;
    private final long slotNanos;
    private final long sourceFrameNanos;
    private Instant start;
    private SourceFrame held;
    private SourceFrame upcoming;
    private boolean sourceDone;
    private long slot;

    /** @param source a source with a frame rate; @param fps the new rate, above 0 */
    public FrameRateResampler(FrameSource source, double fps) {
        if (!(fps > 0) || !(source.frameRate() > 0)) {
            throw new IllegalArgumentException("resampling needs two frame rates above 0, got " + source.frameRate()
                    + " -> " + fps);
        }
        this.source = source;
        this.fps = fps;
        this.slotNanos = Math.round(1e9 / fps);
        this.sourceFrameNanos = Math.round(1e9 / source.frameRate());
    }

    @Override
    public SourceFrame next() throws IOException {
        if (start == null) {
            held = source.next();
            if (held == null) {
                return null;
            }
            start = held.captureTime();
            upcoming = source.next();
        }
        while (held != null) {
            final Instant slotTime = start.plusNanos(slot * slotNanos);
            final Instant heldUntil = upcoming != null ? upcoming.captureTime()
                    : held.captureTime().plusNanos(sourceFrameNanos);
            if (slotTime.isBefore(heldUntil)) {
                final long n = slot++;
                return new SourceFrame(held.image(), held.encoded(), n, slotTime, held.name());
            }
            held = upcoming;
            upcoming = held != null && !sourceDone ? source.next() : null;
            if (held != null && upcoming == null) {
                sourceDone = true;
            }
        }
        return null;
    }

    @Override
    public double frameRate() {
        return fps;
    }

    @Override
    public long expectedFrames() {
        final long n = source.expectedFrames();
        return n < 0 ? -1 : (long) Math.ceil(n * fps / source.frameRate());
    }

    @Override
    public String describe() {
        return source.describe() + String.format(" resampled to %.3g fps", fps);
    }

    @Override
    public void close() throws IOException {
        source.close();
    }
}
