package dev.framelift.enhancer.image;

import dev.framelift.enhancer.reject.FrameRejectedException;

/**
 * A caller's own check of a frame's dimensions, which {@link ImageCodec#decode} runs once it
 * knows them from the header (upright, after any EXIF rotation) and before it allocates a single
 * pixel: the pipeline uses it to refuse frames whose inference output would be too large.
 */
@FunctionalInterface
public interface DimensionCheck {
    /** Accepts every size the codec's own limits accept. */
    DimensionCheck NONE = (width, height) -> { };

    /** @throws FrameRejectedException to refuse the frame before it is decoded */
    void check(int width, int height) throws FrameRejectedException;
}
