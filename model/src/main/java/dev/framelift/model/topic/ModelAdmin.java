package dev.framelift.model.topic;

import java.util.Map;

import dev.framelift.model.Scope;
import dev.framelift.schema.ModelAction;
import dev.framelift.schema.ModelCard;

/**
 * The operator's actions on the {@code models} topic, for the {@code models} command and the
 * gateway alike: what is published ({@link #timeline()}), activate a version, roll a scope back,
 * remove a scope's model. Each action is a record on the topic, so every enhancer follows it;
 * none needs a signing key (they republish records a trusted key signed).
 *
 * <p>Owns a {@link ModelPublisher}; {@link #close()} closes it. Not thread-safe.
 */
public final class ModelAdmin implements AutoCloseable {
    private final ModelPublisher publisher;

    public ModelAdmin(Map<String, Object> clientSettings, int maxRecordBytes, SignaturePolicy signatures) {
        this.publisher = new ModelPublisher(clientSettings, maxRecordBytes, signatures);
    }

    /** The topic replayed now: per scope, the active model, the shadow candidate and the history. */
    public ModelTimeline timeline() {
        return publisher.snapshot();
    }

    /**
     * Makes {@code version} the active model of {@code scope}: the shadow candidate (promoted,
     * and its shadow key cleared) or any earlier version still on the topic. An older version
     * than the active one is written as a ROLLBACK.
     *
     * @throws PublishRefused if the version is not on the topic for that scope, or already active
     */
    public ModelPublisher.Published activate(Scope scope, String version, String who) throws PublishRefused {
        final ScopeState state = timeline().scope(scope).orElseThrow(() -> new PublishRefused("nothing published for " + scope));
        final ModelRecord target = state.find(version).orElseThrow(() -> new PublishRefused("version " + version
                + " of " + scope + " is not on the topic (compacted away, or never published); publish it again from"
                + " its folder. On the topic: " + versions(state)));
        final ModelRecord active = state.active().orElse(null);
        if (active != null && same(active, target)) {
            throw new PublishRefused(version + " is already the active model of " + scope);
        }
        final boolean older = active != null && target.update().getCard().getCreatedTime()
                .isBefore(active.update().getCard().getCreatedTime());
        final boolean promoted = state.shadow().map(s -> same(s, target)).orElse(false);
        final String note = (promoted ? "promoted from shadow" : older ? "activated an earlier version" : "activated")
                + (active != null ? " in place of " + active.update().getCard().getVersion() : "");
        final ModelPublisher.Published published = publisher.republish(target, older ? ModelAction.ROLLBACK : ModelAction.ACTIVATE,
                note, who);
        if (promoted) {
            publisher.remove(ModelRecord.shadowKey(scope));
        }
        return published;
    }

    /**
     * Goes back to the version that was active before the current one.
     *
     * @throws PublishRefused if the scope has no active model or no earlier version on the topic
     */
    public ModelPublisher.Published rollback(Scope scope, String reason, String who) throws PublishRefused {
        final ScopeState state = timeline().scope(scope).orElseThrow(() -> new PublishRefused("nothing published for " + scope));
        final ModelRecord active = state.active().orElseThrow(() -> new PublishRefused(scope + " has no active model on the topic"));
        final ModelRecord previous = state.previous().orElseThrow(() -> new PublishRefused("no earlier version of " + scope
                + " is on the topic to roll back to (remove the scope to fall back to "
                + (scope.isTask() ? "the shipped default" : "the task's model") + ")"));
        return publisher.republish(previous, ModelAction.ROLLBACK, "roll back from " + active.update().getCard().getVersion()
                + (reason == null || reason.isBlank() ? "" : ": " + reason), who);
    }

    /**
     * Removes the scope's active model (a stream falls back to its task's model, a task to the
     * shipped default) or, with {@code shadow}, its shadow candidate.
     *
     * @return the tombstone's offset
     */
    public long remove(Scope scope, boolean shadow) {
        return publisher.remove(shadow ? ModelRecord.shadowKey(scope) : ModelRecord.activeKey(scope));
    }

    private static boolean same(ModelRecord a, ModelRecord b) {
        final ModelCard x = a.update().getCard();
        final ModelCard y = b.update().getCard();
        return x.getSha256().equals(y.getSha256()) && x.getVersion().equals(y.getVersion());
    }

    private static String versions(ScopeState state) {
        return state.history().stream().map(r -> r.update().getCard().getVersion()).distinct().toList()
                + state.shadow().map(s -> " + shadow " + s.update().getCard().getVersion()).orElse("");
    }

    @Override
    public void close() {
        publisher.close();
    }
}
