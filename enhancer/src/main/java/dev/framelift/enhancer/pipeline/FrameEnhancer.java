package dev.framelift.enhancer.pipeline;

import dev.framelift.enhancer.reject.FrameRejectedException;
import dev.framelift.schema.EnhancedFrame;
import dev.framelift.schema.Frame;

/**
 * What the stream topology needs of the per-frame path: one frame in, its enhanced frame out, by
 * a deadline. {@link FramePipeline} is the implementation; the topology depends on this alone.
 */
@FunctionalInterface
public interface FrameEnhancer {
    /**
     * @param deadlineNanos a {@link System#nanoTime()} by which decoding, queueing and inference
     *     must be done; an implementation may hold the frame to an earlier deadline of its own
     * @throws FrameRejectedException when the frame cannot be enhanced, with the reason why
     * @throws EngineStoppedException when the engine stopped while the frame waited (not the frame's fault)
     */
    EnhancedFrame enhance(Frame frame, long deadlineNanos) throws FrameRejectedException;
}
