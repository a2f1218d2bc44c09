package dev.framelift.enhancer.pipeline;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.framelift.enhancer.image.DecodedImage;
import dev.framelift.enhancer.image.ImageCodec;
import dev.framelift.enhancer.inference.Enhancement;
import dev.framelift.enhancer.inference.Generator;
import dev.framelift.enhancer.inference.MicroBatcher;
import dev.framelift.enhancer.inference.ModelRegistry;
import dev.framelift.enhancer.reject.FrameRejectedException;
import dev.framelift.enhancer.temporal.ChromaStabilizer;
import dev.framelift.enhancer.tiling.TileGrid;
import dev.framelift.enhancer.tiling.TiledEnhancer;
import dev.framelift.model.Image;
import dev.framelift.model.ModelContract;
import dev.framelift.schema.Encoding;
import dev.framelift.schema.EnhancedFrame;
import dev.framelift.schema.Frame;
import dev.framelift.schema.RejectReason;
import dev.framelift.schema.Tasks;
import dev.framelift.schema.Timings;

/**
 * Enhances one frame at a time, blocking the caller until its batch has run.
 *
 * <p>Thread-safe, and meant to be called from many threads at once: decoding and encoding run on
 * the calling thread, in parallel with the inference of other callers' frames, and concurrent
 * calls for the same scope and shape share one inference call in the {@link MicroBatcher}. The
 * pipeline owns none of its parts: whoever built them closes them.
 *
 * <p><b>Which model.</b> One registry lookup per frame picks the scope it is batched under (its
 * stream's own model where one is active, its task's otherwise); each batch leases whatever model
 * serves that scope when it runs, so a swap takes effect between batches, and the output is
 * stamped with the model that actually ran (version, scope, sha256). A task's scale and input
 * channels are the contract's, the same for every version.
 *
 * <p>Per frame: decode (keeping an alpha channel apart), convert to the model's channels, run it
 * (whole, or in tiles when it is larger than a tile), smooth a colorized stream's chroma over
 * time and scale it by the {@link ColourStrength}, then give the output the input's form back
 * ({@link OutputFormat}: gray stays gray, alpha is reattached) and encode.
 */
public final class FramePipeline implements FrameEnhancer {
    /** Told about every enhanced frame, on the thread that enhanced it; must return quickly. */
    @FunctionalInterface
    public interface Observer {
        /**
         * @param input  what the model was given (padded to the probe size if it was smaller)
         * @param result the model's output for {@code input}, before chroma smoothing and cropping
         * @param width  the frame's own width, before padding
         * @param height the frame's own height, before padding
         */
        void enhanced(Frame frame, Image input, Enhancement result, int width, int height);

        Observer NONE = (frame, input, result, width, height) -> { };
    }

    private final ImageCodec codec;
    private final ModelRegistry registry;
    private final MicroBatcher batcher;
    private final Encoding outputEncoding;
    private final int maxOutputBytes;
    private final FrameBudget budget;
    private final TiledEnhancer tiles;
    private final ChromaStabilizer chroma;
    private final ColourStrength colourStrength;
    private final Observer observer;

    /** With the default {@link FrameBudget}, tiles and no chroma smoothing. */
    public FramePipeline(ImageCodec codec, ModelRegistry registry, MicroBatcher batcher, Encoding outputEncoding,
            int maxOutputBytes) {
        this(codec, registry, batcher, outputEncoding, maxOutputBytes, FrameBudget.defaults(), TileGrid.defaults(),
                ChromaStabilizer.off());
    }

    /**
     * @param maxOutputBytes the largest encoded output payload that can still be published;
     *                       larger results are rejected with {@link RejectReason#OUTPUT_TOO_LARGE}
     * @param budget         each frame's deadline and output pixel budget (of the whole frame; its
     *                       tiles bound the memory of one inference)
     * @param tileGrid       how frames larger than a tile are cut
     * @param chroma         the per-stream chroma smoothing of colorized frames (owned by this pipeline)
     */
    public FramePipeline(ImageCodec codec, ModelRegistry registry, MicroBatcher batcher, Encoding outputEncoding,
            int maxOutputBytes, FrameBudget budget, TileGrid tileGrid, ChromaStabilizer chroma) {
        this(codec, registry, batcher, outputEncoding, maxOutputBytes, budget, tileGrid, chroma, Observer.NONE);
    }

    /**
     * As above, with colorized frames coloured as their model was calibrated, telling {@code observer}
     * about every frame enhanced in one piece (the shadow candidates' tap; frames cut into tiles
     * are not shown to it).
     */
    public FramePipeline(ImageCodec codec, ModelRegistry registry, MicroBatcher batcher, Encoding outputEncoding,
            int maxOutputBytes, FrameBudget budget, TileGrid tileGrid, ChromaStabilizer chroma, Observer observer) {
        this(codec, registry, batcher, outputEncoding, maxOutputBytes, budget, tileGrid, chroma,
                ColourStrength.AS_CALIBRATED, observer);
    }

    /** As above, with colorized frames' chroma scaled by {@code colourStrength} after the smoothing. */
    public FramePipeline(ImageCodec codec, ModelRegistry registry, MicroBatcher batcher, Encoding outputEncoding,
            int maxOutputBytes, FrameBudget budget, TileGrid tileGrid, ChromaStabilizer chroma,
            ColourStrength colourStrength, Observer observer) {
        this.observer = observer;
        this.colourStrength = colourStrength;
        this.codec = codec;
        this.registry = registry;
        this.batcher = batcher;
        this.outputEncoding = outputEncoding;
        this.maxOutputBytes = maxOutputBytes;
        this.budget = budget;
        this.tiles = new TiledEnhancer(batcher, tileGrid);
        this.chroma = chroma;
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
        final long start = System.nanoTime();
        deadlineNanos = Math.min(deadlineNanos, budget.deadlineFrom(start));
        final String task = frame.getTask();
        final String scope = registry.keyFor(task, frame.getStreamId()).orElseThrow(() -> new FrameRejectedException(
                RejectReason.UNKNOWN_TASK, "no model for task '" + task + "'; loaded: " + registry.tasks()));
        final ModelContract.TaskShape model = ModelContract.shapeOf(task);
        final DecodedImage decoded = codec.decodeWithAlpha(frame.getEncoding(), Payloads.bytes(frame.getPayload()),
                frame.getWidth(), frame.getHeight(), (width, height) -> budget.checkOutput(task, width, height,
                        model.scale()));
        final Image input = ImageCodec.toChannels(decoded.colour(), model.inputChannels());
        final long decodedAt = System.nanoTime();
        if (decodedAt - deadlineNanos >= 0) {
            throw new FrameRejectedException(RejectReason.TIMEOUT, "frame deadline passed while decoding ("
                    + Math.round(millis(start, decodedAt)) + " ms); it was not queued for inference");
        }

        final Image padded = SmallFrames.padded(input, Generator.PROBE_WIDTH, Generator.PROBE_HEIGHT);
        final long deadline = deadlineNanos;
        final Enhancement result = tiles.enhance(scope, padded, model.scale(), deadline, pending -> await(pending, deadline));
        if (!tiles.grid().needsTiling(padded.width(), padded.height())) {
            observer.enhanced(frame, padded, result, input.width(), input.height());
        }
        final int scale = result.output().width() / padded.width();
        Image output = SmallFrames.cropped(result.output(), input.width() * scale, input.height() * scale);
        if (model.inputChannels() == 1) {
            output = colourStrength.apply(chroma.apply(frame.getStreamId(), frame.getSequence(), output));
        }
        final long inferredAt = System.nanoTime();

        final byte[] payload = codec.encode(OutputFormat.like(decoded, output, model.inputChannels()), outputEncoding);
        if (payload.length > maxOutputBytes) {
            throw new FrameRejectedException(RejectReason.OUTPUT_TOO_LARGE, "the enhanced " + output.width()
                    + "x" + output.height() + " image encodes to " + payload.length
                    + " bytes, over the " + maxOutputBytes + "-byte message limit");
        }
        final long encodedAt = System.nanoTime();

        return EnhancedFrame.newBuilder()
                .setStreamId(frame.getStreamId())
                .setSequence(frame.getSequence())
                .setCaptureTime(frame.getCaptureTime())
                .setTask(frame.getTask())
                .setModelVersion(result.model().version())
                .setFlavour(Tasks.flavourOf(frame.getTask()))
                .setModelScope(result.model().scope())
                .setModelSha256(result.model().sha256())
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
