package dev.framelift.model.topic;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.framelift.model.Scope;

/**
 * What the {@code models} topic says about one scope after replaying it: the active record (if
 * any), the shadow candidate (if any) and every record that was active at some point, oldest
 * first. Mutable, owned by its {@link ModelTimeline}; not thread-safe.
 */
public final class ScopeState {
    private final Scope scope;
    private ModelRecord active;
    private ModelRecord shadow;
    private final List<ModelRecord> history = new ArrayList<>();

    ScopeState(Scope scope) {
        this.scope = scope;
    }

    public Scope scope() {
        return scope;
    }

    /** The record whose model serves the scope; empty when none was published or it was removed. */
    public Optional<ModelRecord> active() {
        return Optional.ofNullable(active);
    }

    /** The shadow candidate's record, if one runs. */
    public Optional<ModelRecord> shadow() {
        return Optional.ofNullable(shadow);
    }

    /** Every accepted active record, oldest first (a version may appear again after a roll back). */
    public List<ModelRecord> history() {
        return List.copyOf(history);
    }

    /** The newest accepted record of {@code version}, active or shadow. */
    public Optional<ModelRecord> find(String version) {
        if (shadow != null && shadow.update().getCard().getVersion().equals(version)) {
            return Optional.of(shadow);
        }
        for (int i = history.size() - 1; i >= 0; i--) {
            if (history.get(i).update().getCard().getVersion().equals(version)) {
                return Optional.of(history.get(i));
            }
        }
        return Optional.empty();
    }

    /** The version that was active before the current one (a different artifact), if still on the topic. */
    public Optional<ModelRecord> previous() {
        if (active == null) {
            return Optional.empty();
        }
        final String current = active.update().getCard().getSha256();
        for (int i = history.size() - 1; i >= 0; i--) {
            if (!history.get(i).update().getCard().getSha256().equals(current)) {
                return Optional.of(history.get(i));
            }
        }
        return Optional.empty();
    }

    void activate(ModelRecord record) {
        active = record;
        history.add(record);
        if (shadow != null && shadow.update().getCard().getSha256().equals(record.update().getCard().getSha256())) {
            shadow = null; // the candidate was promoted
        }
    }

    void shadow(ModelRecord record) {
        shadow = record;
    }

    void removeActive() {
        active = null;
    }

    void removeShadow() {
        shadow = null;
    }
}
