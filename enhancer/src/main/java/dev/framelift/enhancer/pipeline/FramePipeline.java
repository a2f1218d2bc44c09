package dev.framelift.enhancer.pipeline;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.framelift.enhancer.image.DecodedImage;
import dev.framelift.enhancer.image.Image;
import dev.framelift.enhancer.image.ImageCodec;
import dev.framelift.enhancer.inference.Enhancement;
import dev.framelift.enhancer.inference.Generator;
import dev.framelift.enhancer.inference.MicroBatcher;
import dev.framelift.enhancer.inference.ModelRegistry;
import dev.framelift.enhancer.reject.FrameRejectedException;
import dev.framelift.enhancer.temporal.ChromaStabilizer;
import dev.framelift.enhancer.tiling.TileGrid;
import dev.framelift.enhancer.tiling.TiledEnhancer;
import dev.framelift.schema.EnhancedFrame;
import dev.framelift.schema.Encoding;
import dev.framelift.schema.Frame;
import dev.framelift.schema.RejectReason;
import dev.framelift.schema.Timings;

/**
 * Enhances one frame at a time, blocking the caller until its batch has run.
 *
 * <p>Thread-safe, and meant to be called from many threads at once: decoding and encoding run on
 * the calling thread, in parallel with the inference of other callers' frames, and concurrent
 * calls for the same task and shape share one inference call in the {@link MicroBatcher}. The
 * pipeline owns none of its parts: whoever built them closes them.
 *
 * <p>Per frame: decode (keeping an alpha channel apart), convert to the model's channels, run it
 * (whole, or in tiles when it is larger than a tile), smooth a colorized stream's chroma over
 * time, then give the output the input's form back ({@link OutputFormat}: gray stays gray,
 * alpha is reattached) and encode.
 */
public final class FramePipeline {
    /** Longest the engine may go without starting a batch while a caller waits: it only guards against a hung engine. */
    private static final long INFERENCE_TIMEOUT_SECONDS = 120;

    private final ImageCodec codec;
    private final ModelRegistry registry;
    private final Encoding outputEncoding;
    private final int maxOutputBytes;
    private final MicroBatcher batcher;
    private final TiledEnhancer tiles;
    private final ChromaStabilizer chroma;

    /**
     * @param maxOutputBytes the largest encoded output that can still be published; larger
     *                       results are rejected with {@link RejectReason#OUTPUT_TOO_LARGE}
     * @param tileGrid how frames larger than a tile are cut
     * @param chroma the per-stream chroma smoothing of colorized frames (owned by this pipeline)
     */
    public FramePipeline(ImageCodec codec, ModelRegistry registry, MicroBatcher batcher, Encoding outputEncoding,
            int maxOutputBytes, TileGrid tileGrid, ChromaStabilizer chroma) {
        this.codec = codec;
        this.registry = registry;
        this.outputEncoding = outputEncoding;
        this.maxOutputBytes = maxOutputBytes;
        this.batcher = batcher;
        this.tiles = new TiledEnhancer(batcher, tileGrid);
        this.chroma = chroma;
    }

    /**
     * @throws FrameRejectedException when the frame cannot be enhanced, with the reason why
     * @throws EngineStoppedException when the engine stopped while the frame waited (not the frame's fault)
     */
    public EnhancedFrame enhance(Frame frame) throws FrameRejectedException {
        long start = System.nanoTime();
        Generator model = registry.get(frame.getTask()).orElseThrow(() -> new FrameRejectedException(
                RejectReason.UNKNOWN_TASK, "no model for task '" + frame.getTask() + "'; loaded: " + registry.tasks()));
        DecodedImage decoded = codec.decodeWithAlpha(frame.getEncoding(), Payloads.bytes(frame.getPayload()),
                frame.getWidth(), frame.getHeight());
        Image input = ImageCodec.toChannels(decoded.colour(), model.inputChannels());
        long decodedAt = System.nanoTime();

        Enhancement result = tiles.enhance(frame.getTask(), input, model.scale(), this::await);
        long inferredAt = System.nanoTime();

        Image output = result.output();
        if (model.inputChannels() == 1) {
            output = chroma.apply(frame.getStreamId(), frame.getSequence(), output);
        }
        DecodedImage finished = OutputFormat.like(decoded, output, model.inputChannels());
        byte[] payload = codec.encode(finished, outputEncoding);
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
                .setInputWidth(decoded.colour().width())
                .setInputHeight(decoded.colour().height())
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

    /**
     * Waits for a frame's inference. A wait fails only when the engine made no progress at all
     * for {@link #INFERENCE_TIMEOUT_SECONDS} (no batch started): a busy engine, with many frames
     * or tiles queued ahead, is waited for.
     */
    private Enhancement await(java.util.concurrent.CompletableFuture<Enhancement> pending)
            throws FrameRejectedException {
        long batches = batcher.batchesRun();
        while (true) {
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
                long now = batcher.batchesRun();
                if (now != batches) {
                    batches = now;
                    continue;
                }
                pending.cancel(false);
                throw new FrameRejectedException(RejectReason.INFERENCE_FAILED,
                        "inference made no progress for " + INFERENCE_TIMEOUT_SECONDS + " s");
            } catch (InterruptedException | java.util.concurrent.CancellationException e) {
                Thread.currentThread().interrupt();
                throw new EngineStoppedException("interrupted while waiting for inference", e);
            }
        }
    }

    private static double millis(long fromNanos, long toNanos) {
        return (toNanos - fromNanos) / 1e6;
    }
}
