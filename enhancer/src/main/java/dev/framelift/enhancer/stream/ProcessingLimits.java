package dev.framelift.enhancer.stream;

import java.time.Duration;
import java.util.Objects;

/**
 * What the topology's output records may weigh and how long a stream thread may block between
 * commits.
 *
 * @param enhancedMaxBytes the {@code max.message.bytes} of {@code frames.enhanced}: a larger
 *     enhanced record is rejected with {@code OUTPUT_TOO_LARGE}
 * @param rejectedMaxBytes the {@code max.message.bytes} of {@code frames.rejected}: the copied
 *     fields of a larger rejected record are cut short
 * @param roundBudget longest a stream thread may spend in {@code process()} calls between two
 *     commit opportunities (see {@code TimeoutChain})
 * @param roundCheck how often the thread marks a commit opportunity (the commit interval)
 */
public record ProcessingLimits(int enhancedMaxBytes, int rejectedMaxBytes, Duration roundBudget, Duration roundCheck) {
    public ProcessingLimits {
        Objects.requireNonNull(roundBudget, "roundBudget");
        Objects.requireNonNull(roundCheck, "roundCheck");
        if (enhancedMaxBytes < 1 || rejectedMaxBytes < 1 || roundCheck.isNegative() || roundCheck.isZero() || roundBudget.isNegative() || roundBudget.isZero()) {
            throw new IllegalArgumentException("limits must be positive: " + this);
        }
    }

    /** The enhancer's defaults: 16 MiB, 17 MiB, a 30 s round budget checked every 100 ms. */
    public static ProcessingLimits defaults() {
        return new ProcessingLimits(16 << 20, 17 << 20, Duration.ofSeconds(30), Duration.ofMillis(100));
    }
}
