package dev.framelift.enhancer.pipeline;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.framelift.enhancer.image.Image;
import dev.framelift.enhancer.image.ImageCodec;
import dev.framelift.enhancer.inference.Enhancement;
import dev.framelift.enhancer.inference.Generator;
import dev.framelift.enhancer.inference.MicroBatcher;
import dev.framelift.enhancer.inference.ModelRegistry;
import dev.framelift.enhancer.reject.FrameRejectedException;
import dev.framelift.schema.EnhancedFrame;
import dev.framelift.schema.Encoding;
import dev.framelift.schema.Frame;
import dev.framelift.schema.RejectReason;
import dev.framelift.schema.Tasks;
import dev.framelift.schema.Timings;

/**
 * Enhances one frame at a time, blocking the caller until its batch has run.
 *
 * <p>Thread-safe, and meant to be called from many threads at once: decoding and encoding run on
 * the calling thread, in parallel with the inference of other callers' frames, and concurrent
 * calls for the same task and shape share one inference call in the {@link MicroBatcher}. The
 * pipeline owns none of its parts: whoever built them closes them.
 */
public final class FramePipeline implements FrameEnhancer {
    private final ImageCodec codec;
    private final ModelRegistry registry;
    private final MicroBatcher batcher;
    private final Encoding outputEncoding;
    private final int maxOutputBytes;
    private final FrameBudget budget;

    /** With the default {@link FrameBudget}. */
    public FramePipeline(ImageCodec codec, ModelRegistry registry, MicroBatcher batcher, Encoding outputEncoding,
            int maxOutputBytes) {
        this(codec, registry, batcher, outputEncoding, maxOutputBytes, FrameBudget.defaults());
    }

    /**
     * @param maxOutputBytes the largest encoded output payload that can still be published;
     *                       larger results are rejected with {@link RejectReason#OUTPUT_TOO_LARGE}
     * @param budget         each frame's deadline and output pixel budget
     */
    public FramePipeline(ImageCodec codec, ModelRegistry registry, MicroBatcher batcher, Encoding outputEncoding,
            int maxOutputBytes, FrameBudget budget) {
        this.codec = codec;
        this.registry = registry;
        this.batcher = batcher;
        this.outputEncoding = outputEncoding;
        this.maxOutputBytes = maxOutputBytes;
        this.budget = budget;
    }

    /** {@link #enhance(Frame, long)} with the budget's deadline alone. */
    public EnhancedFrame enhance(Frame frame) throws FrameRejectedException {
        return enhance(frame, Long.MAX_VALUE);
    }

    /**
     * Enhances one frame, returning by the earlier of {@code deadlineNanos} and the budget's
     * deadline from now, plus the time it takes to encode the result (bounded by the output
     * budget). Past that deadline the frame is rejected with {@code TIMEOUT} and its inference
     * does not run.
     */
    @Override
    public EnhancedFrame enhance(Frame frame, long deadlineNanos) throws FrameRejectedException {
        long start = System.nanoTime();
        deadlineNanos = Math.min(deadlineNanos, budget.deadlineFrom(start));
        String task = frame.getTask();
        Generator model = registry.get(task).orElseThrow(() -> new FrameRejectedException(
                RejectReason.UNKNOWN_TASK, "no model for task '" + task + "'; loaded: " + registry.tasks()));
        Image decoded = codec.decode(frame.getEncoding(), Payloads.bytes(frame.getPayload()), frame.getWidth(),
                frame.getHeight(), (width, height) -> budget.checkOutput(task, width, height, model.scale()));
        Image input = ImageCodec.toChannels(decoded, model.inputChannels());
        long decodedAt = System.nanoTime();
        if (decodedAt - deadlineNanos >= 0) {
            throw new FrameRejectedException(RejectReason.TIMEOUT, "frame deadline passed while decoding ("
                    + Math.round(millis(start, decodedAt)) + " ms); it was not queued for inference");
        }

        Image padded = SmallFrames.padded(input, Generator.PROBE_WIDTH, Generator.PROBE_HEIGHT);
        Enhancement result = await(batcher.submit(task, padded, deadlineNanos), deadlineNanos);
        int scale = result.output().width() / padded.width();
        Image output = SmallFrames.cropped(result.output(), input.width() * scale, input.height() * scale);
        long inferredAt = System.nanoTime();

        byte[] payload = codec.encode(output, outputEncoding);
        if (payload.length > maxOutputBytes) {
            throw new FrameRejectedException(RejectReason.OUTPUT_TOO_LARGE, "the enhanced " + output.width()
                    + "x" + output.height() + " image encodes to " + payload.length
                    + " bytes, over the " + maxOutputBytes + "-byte message limit");
        }
        long encodedAt = System.nanoTime();

        return EnhancedFrame.newBuilder()
                .setStreamId(frame.getStreamId())
                .setSequence(frame.getSequence())
                .setCaptureTime(frame.getCaptureTime())
                .setTask(frame.getTask())
                .setModelVersion(result.modelVersion())
                .setFlavour(Tasks.flavourOf(frame.getTask()))
                .setInputWidth(decoded.width())
                .setInputHeight(decoded.height())
                .setWidth(output.width())
                .setHeight(output.height())
                .setEncoding(outputEncoding)
                .setPayload(ByteBuffer.wrap(payload))
                .setAttributes(frame.getAttributes())
                .setTimings(new Timings(millis(start, decodedAt), result.queuedMs(), result.inferenceMs(),
                        millis(inferredAt, encodedAt), result.batchSize()))
                .setEnhancedTime(Instant.now())
                .build();
    }

    private static Enhancement await(java.util.concurrent.CompletableFuture<Enhancement> pending, long deadlineNanos)
            throws FrameRejectedException {
        try {
            return pending.get(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof FrameRejectedException rejected) {
                throw rejected;
            }
            // The batcher closing under us says nothing about the frame: fail the stream thread, so the
            // frame is processed again after the restart instead of being rejected.
            throw new EngineStoppedException("inference stopped: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            // withdraws the frame from the batcher's queue, so its inference never runs late
            pending.cancel(false);
            throw new FrameRejectedException(RejectReason.TIMEOUT,
                    "frame deadline passed while waiting for its inference; a batch not yet started drops it");
        } catch (InterruptedException | java.util.concurrent.CancellationException e) {
            Thread.currentThread().interrupt();
            throw new EngineStoppedException("interrupted while waiting for inference", e);
        }
    }

    private static double millis(long fromNanos, long toNanos) {
        return (toNanos - fromNanos) / 1e6;
    }
}
