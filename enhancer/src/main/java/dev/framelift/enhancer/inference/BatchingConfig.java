package dev.framelift.enhancer.inference;

import java.time.Duration;
import java.util.Objects;

/**
 * How the {@link MicroBatcher} forms batches.
 *
 * @param maxBatch most frames in one session run
 * @param maxWait longest a bucket's oldest frame waits for company before its batch runs anyway
 *     (zero: run whatever is there as soon as the dispatcher is free)
 * @param queueCapacity most frames waiting for a batch, over all buckets; {@code submit} blocks
 *     beyond it
 */
public record BatchingConfig(int maxBatch, Duration maxWait, int queueCapacity) {
    public BatchingConfig {
        Objects.requireNonNull(maxWait, "maxWait");
        if (maxBatch < 1) {
            throw new IllegalArgumentException("maxBatch must be >= 1, got " + maxBatch);
        }
        if (maxWait.isNegative()) {
            throw new IllegalArgumentException("maxWait must not be negative, got " + maxWait);
        }
        if (queueCapacity < maxBatch) {
            throw new IllegalArgumentException("queueCapacity (" + queueCapacity + ") must be >= maxBatch ("
                    + maxBatch + "), or batches could never fill");
        }
    }

    /** 8 frames, 10 ms, 64 frames. */
    public static BatchingConfig defaults() {
        return new BatchingConfig(8, Duration.ofMillis(10), 64);
    }
}
