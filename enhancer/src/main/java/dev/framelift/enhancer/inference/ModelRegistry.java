package dev.framelift.enhancer.inference;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.framelift.schema.ModelCard;
import dev.framelift.schema.ModelCardJson;
import dev.framelift.schema.Tasks;

/**
 * The active {@link Generator} per task, swappable at run time.
 *
 * <p><b>Ownership.</b> The registry owns every generator it holds: it closes a generator when
 * {@link #activate} replaces it or when the registry is closed, but only once the last
 * {@link ModelLease} on it is closed, so a batch that started on the old model finishes on it
 * while new batches already get the new one. Each generator carries a reference count that
 * starts at one (the registry's own reference) and grows by one per open lease; whoever drops it
 * to zero closes the generator.
 *
 * <p><b>Thread-safety.</b> All methods are thread-safe and {@link #acquire} is lock-free.
 */
public final class ModelRegistry implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ModelRegistry.class);

    private final Map<String, Slot> slots = new ConcurrentHashMap<>();
    private volatile boolean closed;

    private ModelRegistry() {
    }

    /**
     * Loads every immediate subdirectory of {@code modelsDir} that holds a {@code card.json}.
     * A model serves its card's task, or {@code <task>-perceptual} for a perceptual flavour.
     * When several claim the same task, only the one with the newest {@code createdTime} is
     * loaded (ties: the directory name that sorts last).
     *
     * @throws IOException if {@code modelsDir} is not a directory, a card cannot be read, or a
     *     chosen model fails to load (the models loaded so far are closed)
     */
    public static ModelRegistry load(Path modelsDir) throws IOException {
        if (!Files.isDirectory(modelsDir)) {
            throw new IOException("models directory " + modelsDir + " does not exist");
        }
        Map<String, List<Candidate>> byTask = new LinkedHashMap<>();
        try (Stream<Path> children = Files.list(modelsDir)) {
            for (Path dir : children.sorted().toList()) {
                if (Files.isDirectory(dir) && Files.isRegularFile(dir.resolve(ModelCardJson.FILE_NAME))) {
                    ModelCard card = ModelCardJson.read(dir);
                    byTask.computeIfAbsent(Tasks.served(card), t -> new ArrayList<>()).add(new Candidate(dir, card));
                }
            }
        }
        ModelRegistry registry = new ModelRegistry();
        try {
            for (var entry : byTask.entrySet()) {
                List<Candidate> candidates = entry.getValue();
                Candidate newest = candidates.stream()
                        .max(Comparator.comparing((Candidate c) -> c.card.getCreatedTime())
                                .thenComparing(c -> c.dir.getFileName().toString()))
                        .orElseThrow();
                if (candidates.size() > 1) {
                    log.info("task {}: {} models in {}; using the newest, {} ({}, created {})", entry.getKey(),
                            candidates.size(), modelsDir, newest.card.getVersion(), newest.dir.getFileName(),
                            newest.card.getCreatedTime());
                }
                registry.activate(Generator.load(newest.dir));
            }
        } catch (IOException | RuntimeException e) {
            registry.close();
            throw e;
        }
        log.info("loaded {} model(s) from {}: {}", registry.slots.size(), modelsDir, registry.describe());
        return registry;
    }

    /** A registry holding (and from now on owning) the given generators, e.g. for tests. */
    public static ModelRegistry of(Generator... generators) {
        ModelRegistry registry = new ModelRegistry();
        for (Generator generator : generators) {
            registry.activate(generator);
        }
        return registry;
    }

    /**
     * Makes {@code generator} the active model of its task and takes ownership of it. The
     * generator it replaces (if any) is closed as soon as its last lease is closed.
     *
     * @throws IllegalStateException if the registry is closed (the generator is closed too)
     */
    public void activate(Generator generator) {
        if (closed) {
            generator.close();
            throw new IllegalStateException("model registry is closed");
        }
        Slot previous = slots.put(generator.task(), new Slot(generator));
        if (previous != null && previous.generator != generator) {
            log.info("task {}: activated {} in place of {}", generator.task(), generator.version(),
                    previous.generator.version());
            previous.release();
        }
        if (closed) {
            // close() ran concurrently and may have missed the new slot
            Slot mine = slots.remove(generator.task());
            if (mine != null) {
                mine.release();
            }
            throw new IllegalStateException("model registry is closed");
        }
    }

    /**
     * Leases the active generator of {@code task}; close the lease when the run is done.
     *
     * @return empty if no model serves the task (or the registry is closed)
     */
    public Optional<ModelLease> acquire(String task) {
        while (true) {
            Slot slot = slots.get(task);
            if (slot == null) {
                return Optional.empty();
            }
            if (slot.tryRetain()) {
                return Optional.of(new ModelLease(slot));
            }
            // lost a race with activate(): the map already holds the successor
            Thread.onSpinWait();
        }
    }

    /**
     * The active generator of {@code task}, for reading its card, scale or channels. Running it
     * without a lease risks a concurrent {@link #activate} closing it mid-run: use
     * {@link #acquire} for inference.
     */
    public Optional<Generator> get(String task) {
        Slot slot = slots.get(task);
        return slot == null ? Optional.empty() : Optional.of(slot.generator);
    }

    /** The tasks served, sorted. */
    public Set<String> tasks() {
        return new TreeSet<>(slots.keySet());
    }

    /** {@code task=version} of every active model, sorted by task, for logs and errors. */
    public String describe() {
        StringBuilder sb = new StringBuilder("[");
        for (String task : tasks()) {
            get(task).ifPresent(g -> sb.append(sb.length() > 1 ? ", " : "").append(task).append('=')
                    .append(g.version()));
        }
        return sb.append(']').toString();
    }

    /** Releases every generator (each closes once its leases are closed); idempotent. */
    @Override
    public void close() {
        closed = true;
        for (String task : List.copyOf(slots.keySet())) {
            Slot slot = slots.remove(task);
            if (slot != null) {
                slot.release();
            }
        }
    }

    private record Candidate(Path dir, ModelCard card) {
    }

    /** A generator and its reference count (the registry's reference + one per open lease). */
    static final class Slot {
        final Generator generator;
        private final AtomicInteger references = new AtomicInteger(1);

        Slot(Generator generator) {
            this.generator = generator;
        }

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

        void release() {
            if (references.decrementAndGet() == 0) {
                generator.close();
                log.debug("closed {}", generator);
            }
        }
    }
}
