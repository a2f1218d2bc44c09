package dev.framelift.enhancer.live;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import dev.framelift.enhancer.pipeline.Payloads;
import dev.framelift.schema.EnhancedFrame;
import dev.framelift.schema.Frame;
import dev.framelift.schema.RejectedFrame;

/**
 * Everything the follower keeps about one stream: counters, rates, recent latencies, the
 * newest raw frame and the last few before/after pairs. Memory per stream is bounded: at
 * most {@value #RAW_KEPT} raw frames waiting for their results, within the byte budget the board
 * gives each stream, and {@value #PAIRS_KEPT} pairs.
 * Thread-safe: the follower writes, HTTP handlers read.
 */
final class StreamState {
    /** Most raw frames kept to pair with their results (also bounded in bytes by the board). */
    static final int RAW_KEPT = 128;
    /** Pairs kept, so a page that heard of pair N can still fetch both halves when N+1 has arrived. */
    static final int PAIRS_KEPT = 3;
    private static final int LATENCIES_KEPT = 256;
    private static final long LATENCY_WINDOW_MS = 30_000;

    private final String id;
    private String task = "";
    private int partition = -1;
    private long framesIn;
    private long framesOut;
    private long rejected;
    private final Map<String, Long> rejectedByReason = new TreeMap<>();
    private String modelVersion = "";
    private long lastSequence = -1;
    private long lastArrivalMillis;
    private long lastLatencyMs = -1;
    private final RateWindow inRate = new RateWindow();
    private final RateWindow outRate = new RateWindow();
    private final long[] latencies = new long[LATENCIES_KEPT];
    private final long[] latencyTimes = new long[LATENCIES_KEPT];
    private int latencyCount;
    private StoredImage latestRaw;
    private final LinkedHashMap<Long, StoredImage> recentRaw = new LinkedHashMap<>();
    private long rawBytes;
    private final Deque<FramePair> pairs = new ArrayDeque<>();
    private long version;

    StreamState(String id) {
        this.id = id;
    }

    /** @param rawBudgetBytes most bytes of raw frames to keep waiting for their results */
    synchronized void raw(Frame frame, int rawPartition, long nowMillis, long rawBudgetBytes) {
        task = frame.getTask();
        partition = rawPartition;
        framesIn++;
        inRate.add(nowMillis);
        lastArrivalMillis = nowMillis;
        latestRaw = new StoredImage(frame.getSequence(), frame.getEncoding(), Payloads.bytes(frame.getPayload()),
                frame.getWidth(), frame.getHeight());
        recentRaw.put(frame.getSequence(), latestRaw);
        rawBytes += latestRaw.bytes().length;
        final Iterator<StoredImage> oldest = recentRaw.values().iterator();
        while (recentRaw.size() > 1 && (recentRaw.size() > RAW_KEPT || rawBytes > rawBudgetBytes)) {
            rawBytes -= oldest.next().bytes().length;
            oldest.remove();
        }
        version++;
    }

    synchronized void enhanced(EnhancedFrame frame, long nowMillis) {
        task = frame.getTask();
        framesOut++;
        outRate.add(nowMillis);
        lastArrivalMillis = nowMillis;
        modelVersion = frame.getModelVersion();
        lastSequence = frame.getSequence();
        lastLatencyMs = Math.max(0, nowMillis - frame.getCaptureTime().toEpochMilli());
        final int slot = latencyCount++ % LATENCIES_KEPT;
        latencies[slot] = lastLatencyMs;
        latencyTimes[slot] = nowMillis;
        final StoredImage input = recentRaw.remove(frame.getSequence());
        if (input != null) {
            rawBytes -= input.bytes().length;
        }
        final StoredImage output = new StoredImage(frame.getSequence(), frame.getEncoding(), Payloads.bytes(frame.getPayload()),
                frame.getWidth(), frame.getHeight());
        pairs.addLast(new FramePair(frame.getSequence(), frame.getTask(), frame.getModelVersion(), input, output,
                frame.getTimings(), lastLatencyMs));
        while (pairs.size() > PAIRS_KEPT) {
            pairs.removeFirst();
        }
        version++;
    }

    synchronized void rejected(RejectedFrame frame, long nowMillis) {
        rejected++;
        outRate.add(nowMillis);
        lastArrivalMillis = nowMillis;
        rejectedByReason.merge(frame.getReason().name(), 1L, Long::sum);
        final StoredImage input = frame.getSequence() == null ? null : recentRaw.remove(frame.getSequence());
        if (input != null) {
            rawBytes -= input.bytes().length;
        }
        version++;
    }

    /** Changes with every frame or result, so a reader can tell whether anything happened since it last looked. */
    synchronized long version() {
        return version;
    }

    synchronized Map<String, Long> rejectedByReason() {
        return Map.copyOf(rejectedByReason);
    }

    synchronized int partition() {
        return partition;
    }

    synchronized StreamSummary summary(long nowMillis, long lag) {
        final long[] recent = recentLatencies(nowMillis);
        return new StreamSummary(id, task, partition, framesIn, framesOut, rejected, Map.copyOf(rejectedByReason),
                inRate.perSecond(nowMillis, 10), outRate.perSecond(nowMillis, 10), lag, modelVersion, lastSequence,
                nowMillis - lastArrivalMillis, percentile(recent, 0.50), percentile(recent, 0.95), lastLatencyMs,
                pairs.isEmpty() ? -1 : pairs.peekLast().sequence());
    }

    synchronized Optional<StoredImage> latestRaw() {
        return Optional.ofNullable(latestRaw);
    }

    synchronized Optional<FramePair> latestPair() {
        return Optional.ofNullable(pairs.peekLast());
    }

    synchronized Optional<FramePair> pair(long sequence) {
        return pairs.stream().filter(p -> p.sequence() == sequence).reduce((first, second) -> second);
    }

    private long[] recentLatencies(long nowMillis) {
        final int n = Math.min(latencyCount, LATENCIES_KEPT);
        final long[] recent = new long[n];
        int kept = 0;
        for (int i = 0; i < n; i++) {
            if (nowMillis - latencyTimes[i] <= LATENCY_WINDOW_MS) {
                recent[kept++] = latencies[i];
            }
        }
        final long[] sorted = Arrays.copyOf(recent, kept);
        Arrays.sort(sorted);
        return sorted;
    }

    private static long percentile(long[] sorted, double q) {
        if (sorted.length == 0) {
            return -1;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)];
    }
}
