package dev.framelift.enhancer.inference;

import java.util.Optional;

import dev.framelift.model.Scope;

/**
 * A scope's shadow candidate in the {@link ModelRegistry}: its generator (leased like any
 * other, so a candidate replaced while it runs finishes its frame), the share of the scope's
 * frames it runs on, and its measurements beside the active model. Thread-safe.
 */
public final class ShadowCandidate {
    private final Scope scope;
    private final ModelSlot slot;
    private final double fraction;
    private final ShadowStats stats;

    ShadowCandidate(Scope scope, ModelSlot slot, double fraction, ShadowStats stats) {
        this.scope = scope;
        this.slot = slot;
        this.fraction = fraction;
        this.stats = stats;
    }

    public Scope scope() {
        return scope;
    }

    /** The share of the scope's frames the candidate runs on, in (0, 1]. */
    public double fraction() {
        return fraction;
    }

    public ShadowStats stats() {
        return stats;
    }

    /** Leases the candidate; empty if it was replaced or removed meanwhile. */
    public Optional<ModelLease> acquire() {
        return slot.tryRetain() ? Optional.of(new ModelLease(slot)) : Optional.empty();
    }

    ModelSlot slot() {
        return slot;
    }
}
