package dev.framelift.enhancer.inference;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.framelift.enhancer.reject.FrameRejectedException;
import dev.framelift.model.Image;
import dev.framelift.schema.RejectReason;

/**
 * One frame inside the {@link MicroBatcher}: its pixels, when it came, when it must be done, and
 * the future its submitter waits on. A frame whose future is already done (its submitter gave
 * up and cancelled it) or whose deadline has passed is never run.
 */
final class PendingFrame {
    final Image image;
    final long submitNanos;
    final long deadlineNanos;
    final CompletableFuture<Enhancement> future = new CompletableFuture<>();

    PendingFrame(Image image, long submitNanos, long deadlineNanos) {
        this.image = image;
        this.submitNanos = submitNanos;
        this.deadlineNanos = deadlineNanos;
    }

    /** Whether running the frame now would be wasted: it was cancelled or its deadline has passed. */
    boolean abandoned(long nowNanos) {
        return future.isDone() || nowNanos - deadlineNanos >= 0;
    }

    /** Fails the frame with {@code TIMEOUT} (no-op if its future is already done). */
    void expire(long nowNanos, String where) {
        future.completeExceptionally(timeout(nowNanos - submitNanos, where));
    }

    static FrameRejectedException timeout(long waitedNanos, String where) {
        return new FrameRejectedException(RejectReason.TIMEOUT, "frame deadline passed after "
                + TimeUnit.NANOSECONDS.toMillis(waitedNanos) + " ms " + where + "; its inference will not run");
    }
}
