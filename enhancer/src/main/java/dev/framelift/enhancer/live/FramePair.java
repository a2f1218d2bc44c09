package dev.framelift.enhancer.live;

import dev.framelift.schema.Timings;

/**
 * An enhanced frame and the input it was made from, for before/after views.
 *
 * @param input the raw frame, or null when the follower did not see it (it started later)
 * @param latencyMs capture time to the moment the follower read the enhanced record
 */
public record FramePair(long sequence, String task, String modelVersion, StoredImage input, StoredImage enhanced,
        Timings timings, long latencyMs) {
}
