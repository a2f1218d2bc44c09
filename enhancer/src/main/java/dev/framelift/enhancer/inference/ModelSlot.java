package dev.framelift.enhancer.inference;

import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A generator and its reference count: the {@link ModelRegistry}'s own reference plus one per
 * open {@link ModelLease}. Whoever drops the count to zero closes the generator; a slot at zero
 * can no longer be retained. Thread-safe.
 */
final class ModelSlot {
    private static final Logger log = LoggerFactory.getLogger(ModelSlot.class);

    final Generator generator;
    private final AtomicInteger references = new AtomicInteger(1);

    ModelSlot(Generator generator) {
        this.generator = generator;
    }

    /** Adds a reference unless the slot already reached zero. */
    boolean tryRetain() {
        int n;
        do {
            n = references.get();
            if (n == 0) {
                return false;
            }
        } while (!references.compareAndSet(n, n + 1));
        return true;
    }

    /** Drops a reference; the last one closes the generator. */
    void release() {
        if (references.decrementAndGet() == 0) {
            generator.close();
            log.debug("closed {}", generator);
        }
    }
}
