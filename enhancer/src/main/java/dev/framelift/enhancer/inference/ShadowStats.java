package dev.framelift.enhancer.inference;

import java.util.Locale;

/**
 * Running means over the frames a shadow candidate ran on, beside the active model's on the
 * same frames: per-frame inference time and self-consistency (see
 * {@link dev.framelift.model.metrics.SelfConsistency}). Thread-safe.
 */
public final class ShadowStats {
    private long frames;
    private long skipped;
    private double candidateMs;
    private double activeMs;
    private double candidateDb;
    private double activeDb;

    /** Adds one frame both models ran on. */
    public synchronized void add(double candidateMs, double activeMs, double candidateDb, double activeDb) {
        frames++;
        this.candidateMs += candidateMs;
        this.activeMs += activeMs;
        this.candidateDb += Math.min(candidateDb, 100);
        this.activeDb += Math.min(activeDb, 100);
    }

    /** Counts a sampled frame that was not run because the shadow queue was full. */
    public synchronized void skip() {
        skipped++;
    }

    /** A consistent copy of the means so far. */
    public synchronized Snapshot snapshot() {
        final double n = Math.max(1, frames);
        return new Snapshot(frames, skipped, candidateMs / n, activeMs / n, candidateDb / n, activeDb / n);
    }

    /**
     * The means (self-consistency capped at 100 dB per frame, so one identical frame cannot make
     * the mean infinite).
     */
    public record Snapshot(long frames, long skipped, double candidateMs, double activeMs, double candidateDb,
            double activeDb) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%d frames (%d skipped): candidate %.1f ms, %.2f dB; active %.1f ms, %.2f dB",
                    frames, skipped, candidateMs, candidateDb, activeMs, activeDb);
        }
    }
}
