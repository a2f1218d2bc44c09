package dev.framelift.enhancer.inference;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.framelift.model.Scope;

/**
 * The model that serves each scope, swappable at run time, in two layers: the shipped defaults
 * (one per task, from {@code models.dir}) and the models published on the {@code models} topic
 * (per task, or per task and stream). A frame of stream {@code s} and task {@code t} is served by
 * the published {@code t@s} if there is one, else the published {@code t}, else the shipped
 * {@code t}. A scope may also have a shadow candidate, run beside the active model on a sample
 * of its frames.
 *
 * <p><b>Lookups.</b> {@link #acquire} and {@link #get} take a scope key ({@code TASK} or
 * {@code TASK@STREAM}) and resolve it through the layers as above, at the moment of the call:
 * the {@link MicroBatcher} acquires once per batch, so a swap takes effect between batches.
 * {@link #keyFor} gives the key a frame is batched under: its stream's scope where the stream has
 * its own model, its task otherwise, so frames of streams without their own model share batches.
 *
 * <p><b>Ownership.</b> The registry owns every generator it holds: it closes one when it is
 * replaced or removed, or when the registry is closed, but only once the last
 * {@link ModelLease} on it is closed, so a batch that started on the old model finishes on it
 * while new batches already get the new one. Each generator carries a reference count that
 * starts at one (the registry's own reference) and grows by one per open lease; whoever drops it
 * to zero closes the generator.
 *
 * <p><b>Thread-safety.</b> All methods are thread-safe and {@link #acquire} is lock-free.
 */
public final class ModelRegistry implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ModelRegistry.class);

    private final Map<String, ModelSlot> shipped = new ConcurrentHashMap<>();
    private final Map<Scope, ModelSlot> published = new ConcurrentHashMap<>();
    private final Map<Scope, ShadowCandidate> shadows = new ConcurrentHashMap<>();
    private volatile boolean closed;

    private ModelRegistry() {
    }

    /** A registry with nothing in it (an enhancer that takes every model from the topic). */
    public static ModelRegistry empty() {
        return new ModelRegistry();
    }

    /**
     * A registry of the shipped models in {@code modelsDir} (see {@link ShippedModels#load}).
     *
     * @throws IOException if the folder or a chosen model cannot be loaded
     */
    public static ModelRegistry load(Path modelsDir) throws IOException {
        final ModelRegistry registry = new ModelRegistry();
        for (Generator generator : ShippedModels.load(modelsDir)) {
            registry.activateShipped(generator);
        }
        log.info("loaded {} shipped model(s) from {}: {}", registry.shipped.size(), modelsDir, registry.describe());
        return registry;
    }

    /** A registry holding (and from now on owning) the given generators as shipped defaults, e.g. for tests. */
    public static ModelRegistry of(Generator... generators) {
        final ModelRegistry registry = new ModelRegistry();
        for (Generator generator : generators) {
            registry.activateShipped(generator);
        }
        return registry;
    }

    /**
     * Makes {@code generator} the shipped default of its task and takes ownership of it; the one it
     * replaces is closed once its last lease is closed.
     *
     * @throws IllegalStateException if the registry is closed (the generator is closed too)
     */
    public void activateShipped(Generator generator) {
        swap(shipped, generator.task(), generator);
    }

    /**
     * Makes {@code generator} the published model of {@code scope} and takes ownership of it; the
     * one it replaces is closed once its last lease is closed.
     *
     * @throws IllegalStateException if the registry is closed (the generator is closed too)
     */
    public void activate(Scope scope, Generator generator) {
        swap(published, scope, generator);
    }

    /**
     * Removes the published model of {@code scope}: its frames fall back to the task's published
     * model, then to the shipped default.
     *
     * @return whether there was one
     */
    public boolean remove(Scope scope) {
        final ModelSlot slot = published.remove(scope);
        if (slot != null) {
            log.info("scope {}: removed {}; now served by {}", scope, slot.generator.version(),
                    get(scope.toString()).map(Generator::version).orElse("nothing"));
            slot.release();
        }
        return slot != null;
    }

    /**
     * Makes {@code generator} the shadow candidate of {@code scope}, run on {@code fraction} of its
     * frames; replaces (and releases) a previous candidate.
     */
    public void shadow(Scope scope, Generator generator, double fraction) {
        final ShadowCandidate next = new ShadowCandidate(scope, new ModelSlot(generator), fraction, new ShadowStats());
        if (closed) {
            generator.close();
            throw new IllegalStateException("model registry is closed");
        }
        final ShadowCandidate previous = shadows.put(scope, next);
        if (previous != null) {
            previous.slot().release();
        }
        log.info("scope {}: shadow candidate {} on {} of the frames", scope, generator.version(), fraction);
    }

    /** Removes the shadow candidate of {@code scope}; returns whether there was one. */
    public boolean removeShadow(Scope scope) {
        final ShadowCandidate previous = shadows.remove(scope);
        if (previous != null) {
            previous.slot().release();
        }
        return previous != null;
    }

    private <K> void swap(Map<K, ModelSlot> layer, K key, Generator generator) {
        if (closed) {
            generator.close();
            throw new IllegalStateException("model registry is closed");
        }
        final ModelSlot previous = layer.put(key, new ModelSlot(generator));
        if (previous != null && previous.generator != generator) {
            log.info("scope {}: activated {} in place of {}", key, generator.version(), previous.generator.version());
            previous.release();
        } else {
            log.info("scope {}: activated {} ({})", key, generator.version(), generator.origin());
        }
        if (closed) {
            // close() ran concurrently and may have missed the new slot
            final ModelSlot mine = layer.remove(key);
            if (mine != null) {
                mine.release();
            }
            throw new IllegalStateException("model registry is closed");
        }
    }

    /**
     * The key frames of {@code stream} for {@code task} are batched under: {@code task@stream} if
     * that scope has its own published model, else {@code task}; empty if nothing serves the task
     * (or {@code task} is not a task name).
     */
    public Optional<String> keyFor(String task, String stream) {
        if (task.isEmpty() || task.indexOf(Scope.SEPARATOR) >= 0) {
            return Optional.empty();
        }
        if (stream != null && !stream.isEmpty() && published.containsKey(Scope.of(task, stream))) {
            return Optional.of(Scope.of(task, stream).toString());
        }
        return resolve(task) == null ? Optional.empty() : Optional.of(task);
    }

    /**
     * Leases the generator that serves scope key {@code key} now; close the lease when the run is done.
     *
     * @return empty if nothing serves the key (or the registry is closed)
     */
    public Optional<ModelLease> acquire(String key) {
        while (true) {
            final ModelSlot slot = resolve(key);
            if (slot == null) {
                return Optional.empty();
            }
            if (slot.tryRetain()) {
                return Optional.of(new ModelLease(slot));
            }
            // lost a race with a swap: the layer already holds the successor
            Thread.onSpinWait();
        }
    }

    /**
     * The generator that serves {@code key} now, for reading its card, scale or channels. Running it
     * without a lease risks a concurrent swap closing it mid-run: use {@link #acquire} for inference.
     */
    public Optional<Generator> get(String key) {
        final ModelSlot slot = resolve(key);
        return slot == null ? Optional.empty() : Optional.of(slot.generator);
    }

    /** The shadow candidate of the scope with key {@code key}, if one runs. */
    public Optional<ShadowCandidate> shadowOf(String key) {
        final Scope scope = parse(key);
        return scope == null ? Optional.empty() : Optional.ofNullable(shadows.get(scope));
    }

    /**
     * The shadow candidate that sees frames of {@code stream} for {@code task}: the stream scope's
     * if it has one (whether or not the stream has its own active model), else the task's.
     */
    public Optional<ShadowCandidate> shadowFor(String task, String stream) {
        if (shadows.isEmpty() || task.isEmpty() || task.indexOf(Scope.SEPARATOR) >= 0) {
            return Optional.empty();
        }
        final ShadowCandidate own = stream == null || stream.isEmpty() ? null : shadows.get(Scope.of(task, stream));
        return Optional.ofNullable(own != null ? own : shadows.get(Scope.of(task)));
    }

    private ModelSlot resolve(String key) {
        final Scope scope = parse(key);
        if (scope == null) {
            return null;
        }
        ModelSlot slot = published.get(scope);
        if (slot == null && !scope.isTask()) {
            slot = published.get(scope.taskScope());
        }
        return slot != null ? slot : shipped.get(scope.task());
    }

    private static Scope parse(String key) {
        try {
            return Scope.parse(key);
        } catch (IllegalArgumentException notAScope) {
            return null;
        }
    }

    /** The tasks served by any model, sorted. */
    public Set<String> tasks() {
        final Set<String> tasks = new TreeSet<>(shipped.keySet());
        published.keySet().forEach(s -> tasks.add(s.task()));
        return tasks;
    }

    /** {@code scope=version} of every active model, sorted by scope, for logs and errors. */
    public String describe() {
        final Map<String, String> all = new TreeMap<>();
        shipped.forEach((task, slot) -> all.put(task, slot.generator.version()));
        published.forEach((scope, slot) -> all.put(scope.toString(), slot.generator.version()));
        final StringBuilder sb = new StringBuilder("[");
        all.forEach((scope, version) -> sb.append(sb.length() > 1 ? ", " : "").append(scope).append('=').append(version));
        return sb.append(']').toString();
    }

    /**
     * What serves each scope now, sorted by scope: every task with a shipped default, every scope
     * with a published model or a shadow candidate. For the gateway's and the operator's view.
     */
    public List<ScopeStatus> status() {
        final Set<Scope> scopes = new TreeSet<>(Comparator.comparing(Scope::toString));
        shipped.keySet().forEach(t -> scopes.add(Scope.of(t)));
        scopes.addAll(published.keySet());
        scopes.addAll(shadows.keySet());
        final List<ScopeStatus> out = new ArrayList<>();
        for (Scope scope : scopes) {
            final ModelSlot own = published.get(scope);
            final ModelSlot serving = own != null ? own : resolve(scope.toString());
            final ShadowCandidate shadow = shadows.get(scope);
            out.add(new ScopeStatus(scope,
                    serving == null ? null : serving.generator.card(),
                    serving == null ? "nothing serves it" : serving.generator.scope().equals(scope)
                            ? serving.generator.origin() : "falls back to " + serving.generator.scope() + ": "
                            + serving.generator.origin(),
                    shadow == null ? null : shadow.slot().generator.card(),
                    shadow == null ? 0 : shadow.fraction(),
                    shadow == null ? null : shadow.stats().snapshot()));
        }
        return out;
    }

    /** Releases every generator (each closes once its leases are closed); idempotent. */
    @Override
    public void close() {
        closed = true;
        releaseAll(shipped);
        releaseAll(published);
        for (Scope scope : List.copyOf(shadows.keySet())) {
            removeShadow(scope);
        }
    }

    private static <K> void releaseAll(Map<K, ModelSlot> layer) {
        for (K key : List.copyOf(layer.keySet())) {
            final ModelSlot slot = layer.remove(key);
            if (slot != null) {
                slot.release();
            }
        }
    }


}
