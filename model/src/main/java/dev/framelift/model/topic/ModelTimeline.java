package dev.framelift.model.topic;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import dev.framelift.model.ModelContract;
import dev.framelift.model.Scope;
import dev.framelift.schema.ModelAction;
import dev.framelift.schema.ModelCard;
import dev.framelift.schema.ModelUpdate;
import dev.framelift.schema.Tasks;

/**
 * The rules of the {@code models} topic, applied record by record in offset order:
 *
 * <ul>
 * <li>a tombstone removes the key's model (a stream falls back to its task's model, a task to
 * the shipped default);</li>
 * <li>a record must decode, its key, scope, task and card task must agree, the card must fit
 * the contract and the signature must satisfy the {@link SignaturePolicy};</li>
 * <li>under a scope key, PUBLISH makes a version active only if it is newer (card
 * {@code createdTime}) than the active one; ACTIVATE and ROLLBACK make any version active;
 * SHADOW belongs under {@code shadow/SCOPE} and nothing else does;</li>
 * <li>finally the {@link Verifier} (artifact, unzip, load, canary) must accept the model.</li>
 * </ul>
 *
 * A refused record changes nothing. {@link #apply} follows the topic live;
 * {@link #replay} rebuilds the state from the beginning, running the expensive verification only
 * for the records whose acceptance decides the outcome (the ones that end up active or shadow,
 * and an active one that a later PUBLISH was compared with). Not thread-safe.
 */
public final class ModelTimeline {
    /** The expensive checks of a record that passed the rules. */
    @FunctionalInterface
    public interface Verifier {
        /** @throws RefusedUpdate saying why the record's model cannot serve */
        void verify(ModelRecord record) throws RefusedUpdate;

        /** Accepts every record that passes the rules (for tools that only show the topic). */
        Verifier NONE = record -> { };
    }

    /** What a record did. */
    public sealed interface Outcome {
        ModelRecord record();
    }

    /** The record's model is now active for its scope. */
    public record Activated(Scope scope, ModelRecord record) implements Outcome {
    }

    /** The record's model is now the scope's shadow candidate. */
    public record Shadowed(Scope scope, ModelRecord record) implements Outcome {
    }

    /** The scope's active model (or with {@code shadow}, its candidate) was removed. */
    public record Removed(Scope scope, boolean shadow, ModelRecord record) implements Outcome {
    }

    /** The record republished what is already active: nothing to do. */
    public record Unchanged(Scope scope, ModelRecord record) implements Outcome {
    }

    /** The record was refused; nothing changed. */
    public record Refused(ModelRecord record, RefusedUpdate why) implements Outcome {
    }

    private final SignaturePolicy signatures;
    private final Map<Scope, ScopeState> scopes = new TreeMap<>((a, b) -> a.toString().compareTo(b.toString()));
    private final List<Refused> refusals = new ArrayList<>();

    public ModelTimeline(SignaturePolicy signatures) {
        this.signatures = signatures;
    }

    /** Every scope the topic has named, sorted. */
    public Map<Scope, ScopeState> scopes() {
        return java.util.Collections.unmodifiableMap(scopes);
    }

    public Optional<ScopeState> scope(Scope scope) {
        return Optional.ofNullable(scopes.get(scope));
    }

    /** Records refused so far, in order. */
    public List<Refused> refusals() {
        return List.copyOf(refusals);
    }

    /**
     * The record whose model serves frames of {@code scope}: the scope's own active model, or
     * for a stream scope without one, its task's.
     */
    public Optional<ModelRecord> serving(Scope scope) {
        final Optional<ModelRecord> own = scope(scope).flatMap(ScopeState::active);
        return own.isPresent() || scope.isTask() ? own : scope(scope.taskScope()).flatMap(ScopeState::active);
    }

    /** Applies the next record of the topic (records must come in offset order). */
    public Outcome apply(ModelRecord record, Verifier verifier) {
        final Outcome outcome = decide(record, verifier);
        if (outcome instanceof Refused refused) {
            refusals.add(refused);
        }
        return outcome;
    }

    private Outcome decide(ModelRecord record, Verifier verifier) {
        final Scope scope;
        try {
            scope = record.scope();
        } catch (IllegalArgumentException e) {
            return new Refused(record, new RefusedUpdate(RefusalReason.BAD_KEY, "key '" + record.key() + "': " + e.getMessage()));
        }
        final ScopeState state = scopes.computeIfAbsent(scope, ScopeState::new);
        if (record.isTombstone()) {
            if (record.isShadowKey()) {
                state.removeShadow();
            } else {
                state.removeActive();
            }
            return new Removed(scope, record.isShadowKey(), record);
        }
        try {
            checkRules(record, scope, state);
            if (!record.isShadowKey() && sameAsActive(record.update(), state)) {
                return new Unchanged(scope, record);
            }
            verifier.verify(record);
        } catch (RefusedUpdate why) {
            return new Refused(record, why);
        }
        if (record.isShadowKey()) {
            state.shadow(record);
            return new Shadowed(scope, record);
        }
        state.activate(record);
        return new Activated(scope, record);
    }

    private void checkRules(ModelRecord record, Scope scope, ScopeState state) throws RefusedUpdate {
        if (record.decodeError() != null) {
            throw new RefusedUpdate(RefusalReason.UNDECODABLE, record.decodeError());
        }
        final ModelUpdate update = record.update();
        final ModelCard card = update.getCard();
        final Scope claimed;
        try {
            claimed = update.getScope().isEmpty() ? Scope.of(update.getTask()) : Scope.parse(update.getScope());
        } catch (IllegalArgumentException e) {
            throw new RefusedUpdate(RefusalReason.SCOPE_MISMATCH, "record scope '" + update.getScope() + "': " + e.getMessage());
        }
        if (!claimed.equals(scope) || !update.getTask().equals(scope.task()) || !Tasks.served(card).equals(scope.task())) {
            throw new RefusedUpdate(RefusalReason.SCOPE_MISMATCH, "key " + record.key() + " carries scope " + claimed
                    + ", task " + update.getTask() + " and a " + Tasks.served(card) + " card");
        }
        final String problem = ModelContract.cardProblem(card);
        if (problem != null) {
            throw new RefusedUpdate(RefusalReason.BAD_CARD, problem);
        }
        signatures.check(update, scope);
        final ModelAction action = update.getAction();
        if (record.isShadowKey() != (action == ModelAction.SHADOW)) {
            throw new RefusedUpdate(RefusalReason.WRONG_ACTION, action + " under key " + record.key()
                    + " (SHADOW records go under shadow/SCOPE, and only they do)");
        }
        final ModelRecord active = state.active().orElse(null);
        if (action == ModelAction.PUBLISH && active != null && !sameAsActive(update, state)
                && !card.getCreatedTime().isAfter(active.update().getCard().getCreatedTime())) {
            throw new RefusedUpdate(RefusalReason.NOT_NEWER, "version " + card.getVersion() + " (created "
                    + card.getCreatedTime() + ") is not newer than the active " + active.update().getCard().getVersion()
                    + " (created " + active.update().getCard().getCreatedTime()
                    + "); only models activate or rollback may go back");
        }
    }

    private static boolean sameAsActive(ModelUpdate update, ScopeState state) {
        return state.active().map(a -> a.update().getCard().getSha256().equals(update.getCard().getSha256())
                && a.update().getCard().getVersion().equals(update.getCard().getVersion())).orElse(false);
    }

    /**
     * Rebuilds the state from records read from the beginning of the topic. The outcome is the
     * one {@link #apply} would have reached record by record, but {@code verifier} runs only
     * where it can change that outcome; each record is verified at most once.
     */
    public static ModelTimeline replay(List<ModelRecord> records, SignaturePolicy signatures, Verifier verifier) {
        final Map<Long, RefusedUpdate> verdicts = new HashMap<>();
        final Set<Long> passed = new HashSet<>();
        while (true) {
            final ModelTimeline timeline = new ModelTimeline(signatures);
            ModelRecord failed = null;
            for (ModelRecord record : records) {
                final RefusedUpdate known = verdicts.get(record.offset());
                if (known != null) {
                    timeline.refusals.add(new Refused(record, known));
                    continue;
                }
                final Outcome outcome = timeline.apply(record, Verifier.NONE);
                if (outcome instanceof Refused r && r.why().reason() == RefusalReason.NOT_NEWER) {
                    final ModelRecord active = timeline.scopes.get(record.scope()).active().orElseThrow();
                    if (!check(active, verifier, verdicts, passed)) {
                        failed = active;
                        break;
                    }
                }
            }
            if (failed == null) {
                for (ScopeState state : timeline.scopes.values()) {
                    for (ModelRecord last : List.of(state.active(), state.shadow()).stream().flatMap(Optional::stream).toList()) {
                        if (failed == null && !check(last, verifier, verdicts, passed)) {
                            failed = last;
                        }
                    }
                }
            }
            if (failed == null) {
                return timeline;
            }
        }
    }

    private static boolean check(ModelRecord record, Verifier verifier, Map<Long, RefusedUpdate> verdicts, Set<Long> passed) {
        if (passed.contains(record.offset())) {
            return true;
        }
        try {
            verifier.verify(record);
            passed.add(record.offset());
            return true;
        } catch (RefusedUpdate why) {
            verdicts.put(record.offset(), why);
            return false;
        }
    }
}
