package dev.framelift.enhancer.bench;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;

/**
 * Frames at the rate the enhancer sustains: a closed loop that keeps a fixed number of frames in
 * flight (sent, not yet readable enhanced) and sends the next as soon as one comes back, so the
 * enhancer is never idle and its input topic never piles up. Used for the warm-up and the soak of
 * the memory section, and the slope that says whether memory is flat.
 */
final class Soak {
    private Soak() {
    }

    /**
     * @param window     frames in flight at most
     * @param every      calls {@code checkpoint} with the frames back so far each time that many more came back
     * @param stallLimit how long without any frame back before the run fails
     * @param rejected   where rejected frames are counted, by reason (they count as back: answered)
     * @throws IllegalStateException when nothing comes back for {@code stallLimit}
     */
    static void run(FrameFeed feed, int frames, int window, int every, Duration stallLimit, Map<String, Integer> rejected,
            IntConsumer checkpoint) {
        int back = 0;
        int sent = 0;
        long lastProgress = System.nanoTime();
        while (back < frames) {
            while (sent < frames && sent - back < window) {
                feed.send();
                sent++;
            }
            final List<FrameFeed.Arrival> arrivals = feed.poll(Duration.ofMillis(100));
            if (arrivals.isEmpty()) {
                if (System.nanoTime() - lastProgress > stallLimit.toNanos()) {
                    throw new IllegalStateException("the enhancer sent nothing back for " + stallLimit.toSeconds()
                            + " s, after " + back + " of " + frames + " frames");
                }
                continue;
            }
            lastProgress = System.nanoTime();
            for (FrameFeed.Arrival arrival : arrivals) {
                back++;
                if (!arrival.enhanced()) {
                    rejected.merge(arrival.rejection(), 1, Integer::sum);
                }
                if (every > 0 && back % every == 0) {
                    checkpoint.accept(back);
                }
            }
        }
    }

    /**
     * The least-squares slope of {@code y} over {@code x} for the points in the last half of
     * {@code x}'s range, per 1,000 units of {@code x}: memory growth in MiB per 1,000 frames.
     * NaN with fewer than two such points.
     */
    static double slopePerThousand(double[] x, double[] y) {
        if (x.length == 0) {
            return Double.NaN;
        }
        final double half = x[x.length - 1] / 2;
        double n = 0;
        double sx = 0;
        double sy = 0;
        double sxx = 0;
        double sxy = 0;
        for (int i = 0; i < x.length; i++) {
            if (x[i] >= half) {
                n++;
                sx += x[i];
                sy += y[i];
                sxx += x[i] * x[i];
                sxy += x[i] * y[i];
            }
        }
        final double denominator = n * sxx - sx * sx;
        return n < 2 || denominator == 0 ? Double.NaN : 1000 * (n * sxy - sx * sy) / denominator;
    }
}
