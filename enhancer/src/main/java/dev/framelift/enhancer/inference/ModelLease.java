package dev.framelift.enhancer.inference;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A hold on one {@link Generator} of a {@link ModelRegistry}: while any lease on a generator is
 * open, the registry does not close it, even if {@link ModelRegistry#activate} has replaced it.
 * Acquire one per batch with {@link ModelRegistry#acquire}, run, close it
 * (try-with-resources). Closing twice is harmless. Not shared between threads.
 */
public final class ModelLease implements AutoCloseable {
    private final ModelSlot slot;
    private final AtomicBoolean closed = new AtomicBoolean();

    ModelLease(ModelSlot slot) {
        this.slot = slot;
    }

    /** The leased generator; valid until this lease is closed. */
    public Generator generator() {
        if (closed.get()) {
            throw new IllegalStateException("lease already closed");
        }
        return slot.generator;
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            slot.release();
        }
    }
}
