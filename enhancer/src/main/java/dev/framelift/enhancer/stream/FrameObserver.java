package dev.framelift.enhancer.stream;

import dev.framelift.schema.EnhancedFrame;
import dev.framelift.schema.Frame;
import dev.framelift.schema.RejectedFrame;

/**
 * Hears what the enhancer does with each record of {@code frames.raw}: {@link #received} when
 * a record decodes as a Frame, then exactly one of {@link #enhanced} or {@link #rejected} with
 * the record about to be published (a record that is not a Frame is only heard as rejected).
 *
 * <p>Called on the stream threads, concurrently: implementations are thread-safe, quick and
 * never block or throw. A record processed again after a crash is heard again, so what an
 * observer counts is at-least-once, unlike the topics themselves.
 */
public interface FrameObserver {
    /** Hears nothing. */
    FrameObserver NONE = new FrameObserver() {
    };

    default void received(Frame frame) {
    }

    default void enhanced(EnhancedFrame frame) {
    }

    default void rejected(RejectedFrame frame) {
    }
}
