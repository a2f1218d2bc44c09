package dev.framelift.trainer.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import dev.framelift.model.ImageFiles;

/**
 * The photos of a data folder (recursive; {@code .png}, {@code .jpg}, {@code .jpeg}, any case)
 * split once into training and validation photos. The split depends only on the sorted
 * relative paths, the seed and the {@link ValidationSplit}, so every run and the evaluation see
 * the same validation photos; those are never trained on. Validation takes 10% of the photos,
 * at least 8 (at most half).
 */
public record PhotoSet(Path root, List<Path> train, List<Path> validation) {

    /** Name of the file, in a run's report folder, listing the validation photos. */
    public static final String VAL_LIST = "val.txt";

    /** {@link #scan(Path, long, ValidationSplit)} with the default, {@link ValidationSplit#SPREAD}. */
    public static PhotoSet scan(Path root, long seed) throws IOException {
        return scan(root, seed, ValidationSplit.SPREAD);
    }

    public static PhotoSet scan(Path root, long seed, ValidationSplit split) throws IOException {
        final List<Path> all = list(root);
        if (all.size() < 2) {
            throw new IOException("need at least 2 PNG/JPEG photos under " + root + ", found " + all.size());
        }
        final int nVal = Math.min(all.size() / 2, Math.max(8, (int) Math.round(all.size() * 0.1)));
        final List<Path> val = new ArrayList<>(split.pick(all, nVal, seed));
        final Set<Path> held = new HashSet<>(val);
        final List<Path> train = all.stream().filter(p -> !held.contains(p)).toList();
        Collections.sort(val);
        return new PhotoSet(root, List.copyOf(train), List.copyOf(val));
    }

    /**
     * Splits by whole sources instead: photos of {@code calibration} sources are the validation
     * photos, those of {@code test} sources are left out altogether, the rest are trained on.
     */
    public static PhotoSet scan(Path root, SourceHoldout holdout) throws IOException {
        final List<Path> train = new ArrayList<>();
        final List<Path> val = new ArrayList<>();
        for (Path p : list(root)) {
            final SourceHoldout.Role role = holdout.role(root, p);
            if (role == null) {
                train.add(p);
            } else if (role == SourceHoldout.Role.CALIBRATION) {
                val.add(p);
            }
        }
        if (train.isEmpty() || val.isEmpty()) {
            throw new IOException("the holdout leaves " + train.size() + " training and " + val.size()
                    + " calibration photos under " + root + "; need at least one of each");
        }
        return new PhotoSet(root, List.copyOf(train), List.copyOf(val));
    }

    /**
     * The photos under {@code root}, recursively, sorted. Symbolic links are followed, so a
     * data folder may be a link to where the photos live, or hold links to them.
     */
    public static List<Path> list(Path root) throws IOException {
        if (!Files.isDirectory(root)) {
            throw new IOException("data directory " + root + " does not exist");
        }
        return ImageFiles.under(root);
    }

    /** Writes {@code val.txt}: one path per line, relative to the data root. */
    public void writeValidationList(Path reportDir) {
        try {
            Files.createDirectories(reportDir);
            final StringBuilder sb = new StringBuilder();
            for (Path p : validation) {
                sb.append(root.relativize(p)).append('\n');
            }
            Files.writeString(reportDir.resolve(VAL_LIST), sb.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
