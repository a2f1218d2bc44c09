package dev.framelift.trainer.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;

import dev.framelift.model.FileTrees;

/**
 * The checkpoints folder of a run ({@code OUT/checkpoints}): the latest {@code step-N/}, the
 * {@code best/} one, the calibrated {@code export/} one, and {@code state.properties}. Every
 * checkpoint is written into a temporary folder and moved into place, and the state is written
 * after the checkpoint it names, so a run killed at any moment resumes from a complete pair.
 *
 * <p>Saves and restores through the training graph's session, which the caller owns; one
 * thread at a time.
 */
final class CheckpointStore {
    static final String BEST = "best";
    static final String EXPORT = "export";
    private static final String PREFIX = "step-";

    private final Path dir;

    CheckpointStore(Path dir) {
        this.dir = dir;
    }

    /** The saved state, or null when the folder has none. */
    TrainState state() throws IOException {
        return TrainState.read(dir);
    }

    /** Saves the variables as checkpoint {@code name}, replacing one of that name. */
    void save(TrainingGraph g, String name) throws IOException {
        final Path tmp = dir.resolve(name + ".tmp");
        FileTrees.deleteRecursively(tmp);
        Files.createDirectories(tmp);
        g.session.save(tmp.resolve("ckpt").toString());
        final Path dest = dir.resolve(name);
        FileTrees.deleteRecursively(dest);
        Files.move(tmp, dest, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Restores the variables of checkpoint {@code name}. */
    void restore(TrainingGraph g, String name) {
        g.session.restore(prefix(name).toString());
    }

    /**
     * Saves {@code step-N} for {@code step}, records it in the state and deletes the older
     * {@code step-*} checkpoints.
     */
    TrainState checkpoint(TrainingGraph g, TrainState state, long step) throws IOException {
        final String name = String.format(Locale.ROOT, PREFIX + "%08d", step);
        save(g, name);
        final TrainState next = new TrainState(step, state.seed(), name, state.bestPhase(), state.bestMetric(), state.bestStep());
        next.write(dir);
        try (var dirs = Files.list(dir)) {
            for (Path p : dirs.filter(p -> p.getFileName().toString().startsWith(PREFIX)
                    && !p.getFileName().toString().equals(name)).toList()) {
                FileTrees.deleteRecursively(p);
            }
        }
        return next;
    }

    /** The best checkpoint's name, or the latest one's when no validation has run. */
    String bestOrLatest(TrainState state) {
        return Files.exists(dir.resolve(BEST)) ? BEST : state.checkpoint();
    }

    /** The TensorFlow checkpoint prefix of checkpoint {@code name} (what export reads). */
    Path prefix(String name) {
        return dir.resolve(name).resolve("ckpt");
    }
}
