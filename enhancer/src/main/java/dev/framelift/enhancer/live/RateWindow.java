package dev.framelift.enhancer.live;

/**
 * Events per second over a sliding window, from one-second buckets. Not thread-safe: its
 * owner ({@link StreamState}) guards it.
 */
final class RateWindow {
    private static final int BUCKETS = 64;

    private final long[] counts = new long[BUCKETS];
    private final long[] seconds = new long[BUCKETS];

    void add(long nowMillis) {
        final long second = nowMillis / 1000;
        final int i = (int) (second % BUCKETS);
        if (seconds[i] != second) {
            seconds[i] = second;
            counts[i] = 0;
        }
        counts[i]++;
    }

    /** Events per second over the last {@code windowSeconds} (at most 60), the current partial second included. */
    double perSecond(long nowMillis, int windowSeconds) {
        final long now = nowMillis / 1000;
        long total = 0;
        for (int back = 0; back < windowSeconds; back++) {
            final long second = now - back;
            final int i = (int) (second % BUCKETS);
            if (seconds[i] == second) {
                total += counts[i];
            }
        }
        final double span = windowSeconds - 1 + (nowMillis % 1000) / 1000.0;
        return span > 0 ? total / span : 0;
    }
}
