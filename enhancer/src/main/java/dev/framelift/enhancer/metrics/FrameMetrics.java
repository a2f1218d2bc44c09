package dev.framelift.enhancer.metrics;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import dev.framelift.enhancer.stream.FrameObserver;
import dev.framelift.schema.EnhancedFrame;
import dev.framelift.schema.Frame;
import dev.framelift.schema.RejectedFrame;
import dev.framelift.schema.Timings;

/**
 * What this enhancer instance did with each frame, as Micrometer meters (Prometheus names):
 * <ul>
 * <li>{@code framelift_frames_in_total{stream,task}}: frames received;</li>
 * <li>{@code framelift_frames_enhanced_total{stream,task,model_version}};</li>
 * <li>{@code framelift_frames_rejected_total{stream,reason}} (records that are not frames count
 * here and in {@code frames_in} under their key, or {@code unknown});</li>
 * <li>{@code framelift_frame_latency_seconds{stream,task}}: capture time to the enhanced record,
 * a histogram;</li>
 * <li>{@code framelift_inference_seconds{task}}: the inference call each frame was part of, and
 * {@code framelift_batch_size{task}}: how many frames shared it (both per frame, histograms);</li>
 * <li>{@code framelift_frame_stage_seconds{task,stage}}: decode, queue and encode time;</li>
 * <li>{@code framelift_stream_last_frame_timestamp_seconds{stream}}: when the last frame of the
 * stream arrived (unix time), so a silent camera shows.</li>
 * </ul>
 * Thread-safe; every method returns quickly (a {@link FrameObserver}).
 */
public final class FrameMetrics implements FrameObserver {
    private static final Duration[] LATENCY_BUCKETS = buckets(5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10_000, 30_000);
    private static final Duration[] STAGE_BUCKETS = buckets(1, 2, 5, 10, 25, 50, 100, 250, 500, 1000, 5000);
    private static final double[] BATCH_BUCKETS = {1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024};

    private final MeterRegistry registry;
    private final StreamLabels labels;
    private final Map<String, AtomicLong> lastFrameMillis = new ConcurrentHashMap<>();

    public FrameMetrics(MeterRegistry registry, StreamLabels labels) {
        this.registry = registry;
        this.labels = labels;
    }

    @Override
    public void received(Frame frame) {
        final String stream = labels.of(frame.getStreamId());
        in(stream, frame.getTask());
    }

    @Override
    public void enhanced(EnhancedFrame frame) {
        final String stream = labels.of(frame.getStreamId());
        final String task = frame.getTask();
        Counter.builder("framelift.frames.enhanced").description("Frames this instance enhanced")
                .tags("stream", stream, "task", task, "model_version", frame.getModelVersion())
                .register(registry).increment();
        final long latencyMs = frame.getEnhancedTime().toEpochMilli() - frame.getCaptureTime().toEpochMilli();
        Timer.builder("framelift.frame.latency").description("Capture time to enhanced record, per frame")
                .tags("stream", stream, "task", task).serviceLevelObjectives(LATENCY_BUCKETS)
                .register(registry).record(Math.max(0, latencyMs), TimeUnit.MILLISECONDS);
        final Timings timings = frame.getTimings();
        Timer.builder("framelift.inference").description("The inference call a frame was part of (whole batch)")
                .tags("task", task).serviceLevelObjectives(LATENCY_BUCKETS)
                .register(registry).record(nanos(timings.getInferenceMs()), TimeUnit.NANOSECONDS);
        DistributionSummary.builder("framelift.batch.size").description("Frames in the inference call a frame was part of")
                .tags("task", task).serviceLevelObjectives(BATCH_BUCKETS)
                .register(registry).record(timings.getBatchSize());
        stage(task, "decode", timings.getDecodeMs());
        stage(task, "queue", timings.getQueuedMs());
        stage(task, "encode", timings.getEncodeMs());
    }

    @Override
    public void rejected(RejectedFrame frame) {
        final String stream = labels.of(frame.getStreamId() != null ? frame.getStreamId() : keyOf(frame.getOriginalKey()));
        if (frame.getStreamId() == null) {
            // not a Frame: received() was never called for it
            in(stream, frame.getTask() == null ? StreamLabels.UNKNOWN : frame.getTask());
        }
        Counter.builder("framelift.frames.rejected").description("Frames this instance set aside on frames.rejected")
                .tags("stream", stream, "reason", frame.getReason().name())
                .register(registry).increment();
    }

    private void in(String stream, String task) {
        Counter.builder("framelift.frames.in").description("Frames this instance received from frames.raw")
                .tags("stream", stream, "task", task).register(registry).increment();
        lastFrameMillis.computeIfAbsent(stream, s -> {
            final AtomicLong millis = new AtomicLong();
            Gauge.builder("framelift.stream.last.frame.timestamp", millis, m -> m.get() / 1000.0)
                    .description("When this instance last received a frame of the stream (unix time)")
                    .baseUnit("seconds").tags("stream", s).register(registry);
            return millis;
        }).set(System.currentTimeMillis());
    }

    private void stage(String task, String stage, double millis) {
        Timer.builder("framelift.frame.stage").description("Time a frame spent decoding, queued for inference, or encoding")
                .tags("task", task, "stage", stage).serviceLevelObjectives(STAGE_BUCKETS)
                .register(registry).record(nanos(millis), TimeUnit.NANOSECONDS);
    }

    private static long nanos(double millis) {
        return Math.max(0, Math.round(millis * 1e6));
    }

    private static String keyOf(ByteBuffer key) {
        if (key == null) {
            return null;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(key.duplicate()).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private static Duration[] buckets(long... millis) {
        final Duration[] durations = new Duration[millis.length];
        for (int i = 0; i < millis.length; i++) {
            durations[i] = Duration.ofMillis(millis[i]);
        }
        return durations;
    }
}
