package dev.framelift.enhancer.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * Latency from capture time at a fixed offered rate: frames are sent open loop, one every
 * 1/rate seconds whatever comes back, and each enhanced frame's latency is the time from its
 * capture (its sending) until it was readable read_committed. Below the maximum rate the queue
 * stays short and this is what a live camera sees; near it, queueing shows in the tail.
 */
final class LatencyProbe {
    /**
     * One offered rate: what was asked, what came back, the latency percentiles of the enhanced
     * frames (ms), and how many frames were rejected instead (e.g. their deadline passed).
     */
    record Point(double share, double offeredFps, double deliveredFps, int frames, Stats latencyMs, int rejected) {
    }

    private LatencyProbe() {
    }

    /**
     * @param share  the rate as a share of {@code maxFps}, for the report (0.5, 0.9)
     * @param frames how many frames to send at that rate
     * @throws IllegalStateException when the frames do not all come back within a generous guard
     */
    static Point measure(FrameFeed feed, double share, double maxFps, int frames) {
        final double fps = share * maxFps;
        final long interval = (long) (1e9 / fps);
        final long start = System.nanoTime();
        final long guard = start + (long) (frames * 4 * 1e9 / fps) + Duration.ofMinutes(2).toNanos();
        final List<Double> latencies = new ArrayList<>();
        int rejected = 0;
        int sent = 0;
        long firstArrival = 0;
        long lastArrival = 0;
        while (latencies.size() + rejected < frames) {
            final long now = System.nanoTime();
            if (now > guard) {
                throw new IllegalStateException(String.format("latency at %.2f frames/s: only %d of %d frames came back",
                        fps, latencies.size() + rejected, frames));
            }
            if (sent < frames && now >= start + sent * interval) {
                feed.send();
                sent++;
                continue;
            }
            final long wait = sent < frames ? Math.max(0, start + sent * interval - now) : Duration.ofMillis(50).toNanos();
            if (wait > 1_000_000) {
                for (FrameFeed.Arrival arrival : feed.poll(Duration.ofNanos(Math.min(wait, Duration.ofMillis(50).toNanos())))) {
                    if (arrival.enhanced()) {
                        latencies.add(arrival.latencyMs());
                    } else {
                        rejected++;
                    }
                    lastArrival = System.nanoTime();
                    firstArrival = firstArrival == 0 ? lastArrival : firstArrival;
                }
            } else {
                LockSupport.parkNanos(wait);
            }
        }
        final double delivered = frames > 1 && lastArrival > firstArrival ? (frames - 1) / ((lastArrival - firstArrival) / 1e9) : 0;
        return new Point(share, fps, delivered, frames, Stats.of(latencies.stream().mapToDouble(Double::doubleValue).toArray()),
                rejected);
    }
}
