package dev.framelift.enhancer.live;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import dev.framelift.schema.EnhancedFrame;
import dev.framelift.schema.Frame;
import dev.framelift.schema.RejectedFrame;

/**
 * Every stream the follower has seen, by id, with what the page and {@code /v1/streams}
 * show: counters, rates, lag, latencies, the newest frames. At most {@code maxStreams} streams
 * are tracked (frames of further streams are only counted in {@link #untracked()}), and the raw
 * frames waiting for their results share {@value #RAW_BUDGET_BYTES} bytes, so memory is bounded
 * whatever the keys and the lag. Thread-safe.
 */
public final class StreamBoard {
    /**
     * Bytes of raw frames kept, across streams, to pair each with its result for before/after
     * views; shared evenly between the streams (a big fleet pairs fewer frames, memory stays put).
     */
    static final long RAW_BUDGET_BYTES = 64L << 20;

    private final Map<String, StreamState> streams = new ConcurrentHashMap<>();
    private final Map<Integer, Long> partitionLag = new ConcurrentHashMap<>();
    private final AtomicLong untracked = new AtomicLong();
    private final int maxStreams;
    private final LongSupplier clock;

    public StreamBoard(int maxStreams) {
        this(maxStreams, System::currentTimeMillis);
    }

    /** @param clock wall-clock milliseconds, replaceable in tests */
    public StreamBoard(int maxStreams, LongSupplier clock) {
        this.maxStreams = maxStreams;
        this.clock = clock;
    }

    public void raw(Frame frame, int partition) {
        state(frame.getStreamId()).ifPresent(s -> s.raw(frame, partition, clock.getAsLong(), RAW_BUDGET_BYTES / streams.size()));
    }

    public void enhanced(EnhancedFrame frame) {
        state(frame.getStreamId()).ifPresent(s -> s.enhanced(frame, clock.getAsLong()));
    }

    /** Results of records that were not frames have no stream and are not shown per stream. */
    public void rejected(RejectedFrame frame) {
        if (frame.getStreamId() != null) {
            state(frame.getStreamId()).ifPresent(s -> s.rejected(frame, clock.getAsLong()));
        }
    }

    /** @param lagByPartition uncommitted records of each frames.raw partition, for the enhancers' group */
    public void lag(Map<Integer, Long> lagByPartition) {
        partitionLag.putAll(lagByPartition);
    }

    /** Every tracked stream, by id. */
    public List<StreamSummary> summaries() {
        final long now = clock.getAsLong();
        return streams.values().stream().map(s -> summary(s, now))
                .sorted(Comparator.comparing(StreamSummary::id)).toList();
    }

    public Optional<StreamSummary> summary(String streamId) {
        return Optional.ofNullable(streams.get(streamId)).map(s -> summary(s, clock.getAsLong()));
    }

    /** The change counter of each stream (see {@link StreamState#version()}). */
    public Map<String, Long> versions() {
        final Map<String, Long> versions = new TreeMap<>();
        streams.forEach((id, state) -> versions.put(id, state.version()));
        return versions;
    }

    /** Rejections of every tracked stream, by reason. */
    public Map<String, Long> rejectedByReason() {
        final Map<String, Long> total = new TreeMap<>();
        for (StreamState state : streams.values()) {
            state.rejectedByReason().forEach((reason, n) -> total.merge(reason, n, Long::sum));
        }
        return total;
    }

    public Optional<StoredImage> latestRaw(String streamId) {
        return Optional.ofNullable(streams.get(streamId)).flatMap(StreamState::latestRaw);
    }

    public Optional<FramePair> latestPair(String streamId) {
        return Optional.ofNullable(streams.get(streamId)).flatMap(StreamState::latestPair);
    }

    public Optional<FramePair> pair(String streamId, long sequence) {
        return Optional.ofNullable(streams.get(streamId)).flatMap(s -> s.pair(sequence));
    }

    /** Frames of streams beyond the tracked maximum. */
    public long untracked() {
        return untracked.get();
    }

    private StreamSummary summary(StreamState state, long now) {
        final int partition = state.partition();
        return state.summary(now, partition < 0 ? -1 : partitionLag.getOrDefault(partition, -1L));
    }

    private Optional<StreamState> state(String streamId) {
        StreamState state = streams.get(streamId);
        if (state == null) {
            synchronized (streams) {
                if (streams.size() >= maxStreams && !streams.containsKey(streamId)) {
                    untracked.incrementAndGet();
                    return Optional.empty();
                }
                state = streams.computeIfAbsent(streamId, StreamState::new);
            }
        }
        return Optional.of(state);
    }
}
