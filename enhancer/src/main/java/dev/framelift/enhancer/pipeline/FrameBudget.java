package dev.framelift.enhancer.pipeline;

import java.time.Duration;
import java.util.Objects;

import dev.framelift.enhancer.reject.FrameRejectedException;
import dev.framelift.schema.RejectReason;

/**
 * What one frame may cost beyond the image limits: time, and the pixels one inference may
 * produce. Both are checked before the work they guard: the output budget from the image header,
 * before any pixel is decoded; the deadline before the frame is queued for inference and by the
 * batcher before its batch runs.
 *
 * <p>{@link #checkOutput} is the one place the output budget is enforced, so that a tiler can
 * apply it per tile.
 *
 * @param deadline longest a frame may take from the start of its processing to the end of its
 *     inference
 * @param maxOutputPixels largest width x height one inference may produce
 */
public record FrameBudget(Duration deadline, long maxOutputPixels) {
    public FrameBudget {
        Objects.requireNonNull(deadline, "deadline");
        if (deadline.isNegative() || deadline.isZero() || maxOutputPixels < 1) {
            throw new IllegalArgumentException("budget must be positive: " + deadline + ", " + maxOutputPixels + " pixels");
        }
    }

    /** 20 s, 8K UHD (7680 x 4320) output pixels: the defaults of the enhancer's configuration. */
    public static FrameBudget defaults() {
        return new FrameBudget(Duration.ofSeconds(20), 7680L * 4320);
    }

    /** The {@link System#nanoTime()} by which a frame whose processing starts at {@code startNanos} must be done. */
    public long deadlineFrom(long startNanos) {
        return startNanos + deadline.toNanos();
    }

    /**
     * Refuses an inference whose output would exceed {@link #maxOutputPixels}.
     *
     * @param width input width (of the frame, or of one tile)
     * @param height input height
     * @param scale the model's scale factor
     * @throws FrameRejectedException {@code OUTPUT_TOO_LARGE}, saying what the output would be
     */
    public void checkOutput(String task, int width, int height, int scale) throws FrameRejectedException {
        final long outW = (long) width * scale;
        final long outH = (long) height * scale;
        if (outW * outH > maxOutputPixels) {
            throw new FrameRejectedException(RejectReason.OUTPUT_TOO_LARGE, task + " of " + width + "x" + height
                    + " would be " + outW + "x" + outH + " (" + megapixels(outW * outH) + "), over the budget of "
                    + megapixels(maxOutputPixels) + " per inference (output.max.pixels)");
        }
    }

    private static String megapixels(long pixels) {
        return String.format("%.1f MP", pixels / 1e6);
    }
}
