package dev.framelift.enhancer.models;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.framelift.enhancer.inference.Generator;
import dev.framelift.enhancer.inference.ModelRegistry;
import dev.framelift.model.Scope;
import dev.framelift.model.topic.ModelLog;
import dev.framelift.model.topic.ModelRecord;
import dev.framelift.model.topic.ModelTimeline;
import dev.framelift.model.topic.RefusedUpdate;
import dev.framelift.model.topic.ScopeState;
import dev.framelift.model.topic.SignaturePolicy;
import dev.framelift.model.topic.UpdateVerifier;
import dev.framelift.model.topic.VerifiedModel;

/**
 * Keeps a {@link ModelRegistry} in step with the {@code models} topic.
 *
 * <p>{@link #start} reads the topic from its beginning to its current end and replays it
 * ({@link ModelTimeline#replay}): whatever the topic makes active or shadow is verified, loaded
 * and put in the registry before the enhancer takes its first frame, so a fresh instance needs
 * nothing but Kafka and its trusted keys. Then a daemon thread ({@code framelift-models}) follows
 * the topic live: each record is checked by the topic's rules and the {@link UpdateVerifier}
 * (signature, sha256, bounded unzip, contract, canary) on this thread, off the frame path, and
 * only a model that passed is swapped in; the registry's leases make the swap take effect between
 * batches. A refused record is logged with its reason and counted ({@link ModelUpdates}); the
 * model that served keeps serving.
 *
 * <p>Owns its {@link ModelLog} and the models it loaded until it hands them to the registry;
 * {@link #close()} stops the thread and releases both. The registry is borrowed.
 */
public final class ModelFollower implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ModelFollower.class);
    private static final Duration POLL = Duration.ofMillis(500);

    private final ModelRegistry registry;
    private final ModelLog log;
    private final SignaturePolicy signatures;
    private final UpdateVerifier verifier;
    private final ModelUpdates counters;
    /** Verified models not yet handed to the registry, by offset. Only touched by one thread at a time. */
    private final Map<Long, VerifiedModel> loaded = new HashMap<>();
    private final AtomicBoolean running = new AtomicBoolean();
    private ModelTimeline timeline;
    private Thread thread;

    public ModelFollower(ModelRegistry registry, ModelLog log, SignaturePolicy signatures, UpdateVerifier verifier,
            ModelUpdates counters) {
        this.registry = registry;
        this.log = log;
        this.signatures = signatures;
        this.verifier = verifier;
        this.counters = counters;
    }

    /**
     * Catches up with the topic, then follows it on a daemon thread.
     *
     * @throws IllegalStateException if the topic cannot be read to its end within {@code timeout}
     */
    public void start(Duration timeout) {
        final List<ModelRecord> history = log.readToEnd(timeout);
        timeline = ModelTimeline.replay(history, signatures, this::load);
        timeline.refusals().forEach(r -> refused(r.record(), r.why()));
        for (ScopeState state : timeline.scopes().values()) {
            state.active().ifPresent(r -> registry.activate(state.scope(), Generator.of(take(r), state.scope())));
            state.shadow().ifPresent(r -> registry.shadow(state.scope(), Generator.of(take(r), state.scope()),
                    r.update().getShadowFraction()));
        }
        releaseUnused();
        LOG.info("models topic: {} record(s) replayed, {} refused; serving {}", history.size(), timeline.refusals().size(),
                registry.describe());
        running.set(true);
        thread = new Thread(this::follow, "framelift-models");
        thread.setDaemon(true);
        thread.start();
    }

    private void follow() {
        while (running.get()) {
            try {
                for (ModelRecord record : log.poll(POLL)) {
                    if (!running.get()) {
                        break;
                    }
                    apply(record);
                }
            } catch (RuntimeException e) {
                if (running.get()) {
                    LOG.error("following the models topic failed; retrying", e);
                    sleepQuietly();
                }
            }
        }
    }

    private void apply(ModelRecord record) {
        final ModelTimeline.Outcome outcome = timeline.apply(record, this::load);
        if (outcome instanceof ModelTimeline.Activated a) {
            registry.activate(a.scope(), Generator.of(take(a.record()), a.scope()));
            counters.applied();
        } else if (outcome instanceof ModelTimeline.Shadowed s) {
            registry.shadow(s.scope(), Generator.of(take(s.record()), s.scope()), s.record().update().getShadowFraction());
            counters.applied();
        } else if (outcome instanceof ModelTimeline.Removed r) {
            final boolean had = r.shadow() ? registry.removeShadow(r.scope()) : registry.remove(r.scope());
            LOG.info("scope {}: {} removed ({})", r.scope(), r.shadow() ? "shadow candidate" : "published model",
                    had ? "it was loaded" : "none was loaded");
            counters.applied();
        } else if (outcome instanceof ModelTimeline.Unchanged u) {
            LOG.info("scope {}: {} is already active", u.scope(), u.record().describe());
        } else if (outcome instanceof ModelTimeline.Refused r) {
            refused(r.record(), r.why());
        }
        if (!(outcome instanceof ModelTimeline.Refused)) {
            final Scope scope = record.scope();
            if (timeline.scope(scope).flatMap(ScopeState::shadow).isEmpty()) {
                registry.removeShadow(scope); // promoted or removed
            }
        }
        releaseUnused();
    }

    private void load(ModelRecord record) throws RefusedUpdate {
        if (!loaded.containsKey(record.offset())) {
            loaded.put(record.offset(), verifier.verify(record));
        }
    }

    private VerifiedModel take(ModelRecord record) {
        final VerifiedModel model = loaded.remove(record.offset());
        if (model == null) {
            throw new IllegalStateException("no verified model for " + record.describe());
        }
        return model;
    }

    private void refused(ModelRecord record, RefusedUpdate why) {
        counters.refused(record, why);
        LOG.warn("models topic: refused {} for key {}: {}; the model that served keeps serving", record.describe(),
                record.key(), why.toString());
    }

    private void releaseUnused() {
        loaded.values().forEach(VerifiedModel::close);
        loaded.clear();
    }

    private static void sleepQuietly() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops following, waits for the thread and closes the consumer; idempotent. */
    @Override
    public void close() {
        if (running.compareAndSet(true, false)) {
            log.wakeup();
            try {
                thread.join(30_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        releaseUnused();
        log.close();
    }
}
