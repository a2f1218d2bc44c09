package dev.framelift.trainer.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What a run's history files ({@link LossLog}, {@link ValidationLog}: CSV with a header that
 * starts with {@code step} and rows that start with their step) keep on resume: the rows up to
 * and including the resumed step, so no step is listed twice.
 */
final class HistoryCsv {
    private HistoryCsv() {
    }

    /** The lines of {@code file}, or none if it is missing. */
    static List<String> read(Path file) throws IOException {
        return Files.isRegularFile(file) ? Files.readAllLines(file) : List.of();
    }

    /** The data rows among {@code lines} whose step is at most {@code step}, in order. */
    static List<String> rowsThrough(List<String> lines, long step) {
        final List<String> keep = new ArrayList<>();
        for (String line : lines) {
            if (!line.isEmpty() && !line.startsWith("step") && Long.parseLong(line.substring(0, line.indexOf(','))) <= step) {
                keep.add(line);
            }
        }
        return keep;
    }
}
