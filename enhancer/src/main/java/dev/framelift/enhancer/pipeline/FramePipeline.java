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
public final class FramePipeline {
    /** Longest a caller waits for its batch; far above any sane inference time, it only guards against a hung engine. */
    private static final long INFERENCE_TIMEOUT_SECONDS = 120;

    private final ImageCodec codec;
    private final ModelRegistry registry;
    private final MicroBatcher batcher;
    private final Encoding outputEncoding;
    private final int maxOutputBytes;

    /**
     * @param maxOutputBytes the largest encoded output that can still be published; larger
     *                       results are rejected with {@link RejectReason#OUTPUT_TOO_LARGE}
     */
    public FramePipeline(ImageCodec codec, ModelRegistry registry, MicroBatcher batcher, Encoding outputEncoding,
            int maxOutputBytes) {
        this.codec = codec;
        this.registry = registry;
        this.batcher = batcher;
        this.outputEncoding = outputEncoding;
        this.maxOutputBytes = maxOutputBytes;
    }

    /**
     * @throws FrameRejectedException when the frame cannot be enhanced, with the reason why
     * @throws EngineStoppedException when the engine stopped while the frame waited (not the frame's fault)
     */
    public EnhancedFrame enhance(Frame frame) throws FrameRejectedException {
        long start = System.nanoTime();
        Generator model = registry.get(frame.getTask()).orElseThrow(() -> new FrameRejectedException(
                RejectReason.UNKNOWN_TASK, "no model for task '" + frame.getTask() + "'; loaded: " + registry.tasks()));
        Image decoded = codec.decode(frame.getEncoding(), Payloads.bytes(frame.getPayload()), frame.getWidth(), frame.getHeight());
        Image input = ImageCodec.toChannels(decoded, model.inputChannels());
        long decodedAt = System.nanoTime();

        Enhancement result = await(batcher.submit(frame.getTask(), input));
        long inferredAt = System.nanoTime();

        byte[] payload = codec.encode(result.output(), outputEncoding);
        if (payload.length > maxOutputBytes) {
            throw new FrameRejectedException(RejectReason.OUTPUT_TOO_LARGE, "the enhanced " + result.output().width()
                    + "x" + result.output().height() + " image encodes to " + payload.length
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
                .setWidth(result.output().width())
                .setHeight(result.output().height())
                .setEncoding(outputEncoding)
                .setPayload(ByteBuffer.wrap(payload))
                .setAttributes(frame.getAttributes())
                .setTimings(new Timings(millis(start, decodedAt), result.queuedMs(), result.inferenceMs(),
                        millis(inferredAt, encodedAt), result.batchSize()))
                .setEnhancedTime(Instant.now())
                .build();
    }

    private static Enhancement await(java.util.concurrent.CompletableFuture<Enhancement> pending)
            throws FrameRejectedException {
        try {
            return pending.get(INFERENCE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof FrameRejectedException rejected) {
                throw rejected;
            }
            // The batcher closing under us says nothing about the frame: fail the stream thread, so the
            // frame is processed again after the restart instead of being rejected.
            throw new EngineStoppedException("inference stopped: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            pending.cancel(false);
            throw new FrameRejectedException(RejectReason.INFERENCE_FAILED,
                    "inference did not finish within " + INFERENCE_TIMEOUT_SECONDS + " s");
        } catch (InterruptedException | java.util.concurrent.CancellationException e) {
            Thread.currentThread().interrupt();
            throw new EngineStoppedException("interrupted while waiting for inference", e);
        }
    }

    private static double millis(long fromNanos, long toNanos) {
        return (toNanos - fromNanos) / 1e6;
    }
}
