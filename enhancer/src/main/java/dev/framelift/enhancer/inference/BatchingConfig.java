package dev.framelift.enhancer.inference;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * How the {@link MicroBatcher} forms and runs batches.
 *
 * @param maxBatch most frames in one session run
 * @param maxWait longest a bucket's oldest frame waits for company before its batch runs anyway
 *     (zero: run whatever is there as soon as the dispatcher is free)
 * @param queueCapacity most frames waiting for a batch, over all buckets; {@code submit} blocks
 *     beyond it, until the frame's deadline at most
 * @param retries times a failed session run is tried again before its frames are rejected
 * @param selfEnsemble the served tasks whose batches run in all 8 orientations and are averaged
 *     ({@link dev.framelift.model.runtime.SelfEnsemble}); super-resolution tasks only
 */
public record BatchingConfig(int maxBatch, Duration maxWait, int queueCapacity, int retries, Set<String> selfEnsemble) {
    /** Retries when none are given. */
    public static final int DEFAULT_RETRIES = 2;

    public BatchingConfig {
        Objects.requireNonNull(maxWait, "maxWait");
        selfEnsemble = Set.copyOf(selfEnsemble);
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
        if (retries < 0) {
            throw new IllegalArgumentException("retries must not be negative, got " + retries);
        }
    }

    /** Without self-ensemble. */
    public BatchingConfig(int maxBatch, Duration maxWait, int queueCapacity, int retries) {
        this(maxBatch, maxWait, queueCapacity, retries, Set.of());
    }

    /** With {@value #DEFAULT_RETRIES} retries, without self-ensemble. */
    public BatchingConfig(int maxBatch, Duration maxWait, int queueCapacity) {
        this(maxBatch, maxWait, queueCapacity, DEFAULT_RETRIES);
    }

    /** 8 frames, 10 ms, 64 frames, {@value #DEFAULT_RETRIES} retries. */
    public static BatchingConfig defaults() {
        return new BatchingConfig(8, Duration.ofMillis(10), 64);
    }
}
