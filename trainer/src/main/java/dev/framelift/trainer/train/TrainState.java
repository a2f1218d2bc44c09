package dev.framelift.trainer.train;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Properties;

/**
 * What a checkpoint needs besides the variables to resume exactly: the next step to run, the
 * seed (batches are a pure function of seed and step), the checkpoint that holds the weights,
 * and the best validation result so far (per phase). Stored as {@code state.properties} in the
 * checkpoints folder, written atomically after the checkpoint it names.
 */
public record TrainState(long step, long seed, String checkpoint, String bestPhase, double bestMetric, long bestStep) {
    public static final String FILE = "state.properties";

    public static TrainState fresh(long seed) {
        return new TrainState(0, seed, "", "", Double.NEGATIVE_INFINITY, -1);
    }

    public void write(Path dir) throws IOException {
        final Properties p = new Properties();
        p.setProperty("step", Long.toString(step));
        p.setProperty("seed", Long.toString(seed));
        p.setProperty("checkpoint", checkpoint);
        p.setProperty("bestPhase", bestPhase);
        p.setProperty("bestMetric", Double.toString(bestMetric));
        p.setProperty("bestStep", Long.toString(bestStep));
        final Path tmp = dir.resolve(FILE + ".tmp");
        try (Writer w = Files.newBufferedWriter(tmp)) {
            p.store(w, "FrameLift trainer state");
        }
        Files.move(tmp, dir.resolve(FILE), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** The saved state, or null when the folder has none. */
    public static TrainState read(Path dir) throws IOException {
        final Path f = dir.resolve(FILE);
        if (!Files.isRegularFile(f)) {
            return null;
        }
        final Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(f)) {
            p.load(r);
        }
        return new TrainState(Long.parseLong(p.getProperty("step")), Long.parseLong(p.getProperty("seed")),
                p.getProperty("checkpoint"), p.getProperty("bestPhase", ""),
                Double.parseDouble(p.getProperty("bestMetric")), Long.parseLong(p.getProperty("bestStep")));
    }
}
