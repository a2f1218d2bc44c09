package dev.framelift.enhancer.tiling;

import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import dev.framelift.enhancer.inference.Enhancement;
import dev.framelift.enhancer.inference.MicroBatcher;
import dev.framelift.enhancer.inference.ModelStamp;
import dev.framelift.enhancer.reject.FrameRejectedException;
import dev.framelift.model.Image;
import dev.framelift.schema.RejectReason;

/**
 * Runs a frame through the {@link MicroBatcher} whole when it fits in a tile, and tile by tile
 * otherwise; a gray frame for a colorizer that does not fit is coloured whole from a reduced
 * copy instead ({@link ReducedColour}). A tile row's tiles are submitted together (so they batch
 * with each other and with other frames of the same shape), awaited, and blended before the
 * next row is cut, which bounds the memory a huge frame takes. All tiles of a frame must come
 * from one model version: if the model is swapped while a frame's tiles run, the frame runs
 * again.
 *
 * <p>Thread-safe: it keeps no state between calls; the batcher is borrowed, not owned.
 */
public final class TiledEnhancer {
    /** Waits for one submitted frame, turning failures into the caller's terms. */
    @FunctionalInterface
    public interface Await {
        Enhancement await(CompletableFuture<Enhancement> pending) throws FrameRejectedException;
    }

    private static final int ATTEMPTS = 3;

    private final MicroBatcher batcher;
    private final TileGrid grid;

    public TiledEnhancer(MicroBatcher batcher, TileGrid grid) {
        this.batcher = batcher;
        this.grid = grid;
    }

    public TileGrid grid() {
        return grid;
    }

    /**
     * @param scale the task's model scale (output pixels per input pixel along a side)
     * @param deadlineNanos the {@link System#nanoTime()} by which every tile must have run
     * @throws FrameRejectedException as the batcher rejects a frame, or with
     *     {@code OUTPUT_TOO_LARGE} when the output cannot be held in one image
     */
    public Enhancement enhance(String task, Image input, int scale, long deadlineNanos, Await await)
            throws FrameRejectedException {
        if (!grid.needsTiling(input.width(), input.height())) {
            return await.await(batcher.submit(task, input, deadlineNanos));
        }
        if (scale == 1 && input.channels() == 1) {
            final Enhancement reduced = await.await(batcher.submit(task, ReducedColour.reduce(input, grid.size()), deadlineNanos));
            return new Enhancement(ReducedColour.onto(input, reduced.output()), reduced.model(), reduced.queuedMs(),
                    reduced.inferenceMs(), reduced.batchSize());
        }
        for (int attempt = 1; ; attempt++) {
            final Enhancement result = tiled(task, input, scale, deadlineNanos, await);
            if (result != null) {
                return result;
            }
            if (attempt == ATTEMPTS) {
                throw new FrameRejectedException(RejectReason.INFERENCE_FAILED, "the model of task '" + task
                        + "' changed while the tiles of a frame ran, " + ATTEMPTS + " times in a row");
            }
        }
    }

    /** The blended result, or null when the tiles came from more than one model version. */
    private Enhancement tiled(String task, Image input, int scale, long deadlineNanos, Await await)
            throws FrameRejectedException {
        final TileBlender blender;
        try {
            blender = new TileBlender(grid, input.width(), input.height(), scale, 3);
        } catch (IllegalArgumentException e) {
            throw new FrameRejectedException(RejectReason.OUTPUT_TOO_LARGE, input.width() + "x" + input.height()
                    + " at x" + scale + ": " + e.getMessage());
        }
        final Set<ModelStamp> versions = new LinkedHashSet<>();
        double queuedMs = 0;
        double inferenceMs = 0;
        int largestBatch = 0;
        final List<TileGrid.Span> rows = blender.rows();
        final List<TileGrid.Span> columns = blender.columns();
        for (int r = 0; r < rows.size(); r++) {
            final List<CompletableFuture<Enhancement>> pending = new ArrayList<>(columns.size());
            for (TileGrid.Span column : columns) {
                pending.add(batcher.submit(task, crop(input, column, rows.get(r)), deadlineNanos));
            }
            final List<Image> outputs = new ArrayList<>(columns.size());
            for (CompletableFuture<Enhancement> tile : pending) {
                final Enhancement done = await.await(tile);
                outputs.add(done.output());
                versions.add(done.model());
                queuedMs = Math.max(queuedMs, done.queuedMs());
                inferenceMs += done.inferenceMs() / done.batchSize();
                largestBatch = Math.max(largestBatch, done.batchSize());
            }
            blender.add(r, outputs);
        }
        if (versions.size() > 1) {
            return null;
        }
        return new Enhancement(blender.result(), versions.iterator().next(), queuedMs, inferenceMs, largestBatch);
    }

    /** The pixels of one tile, copied out row by row. */
    static Image crop(Image image, TileGrid.Span columns, TileGrid.Span rows) {
        final int c = image.channels();
        final int w = columns.length();
        final int h = rows.length();
        final byte[] out = new byte[w * h * c];
        final int rowBytes = w * c;
        for (int y = 0; y < h; y++) {
            System.arraycopy(image.pixels(), ((rows.start() + y) * image.width() + columns.start()) * c, out,
                    y * rowBytes, rowBytes);
        }
        return new Image(w, h, c, out);
    }
}
