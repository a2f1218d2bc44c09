package dev.framelift.trainer.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code report/validation.csv}: every validation's metrics with the wall-clock time, header
 * {@code step,unix_seconds,} and the metric names of the first {@link Validator.Score}; the
 * quality-against-training-time curve ({@code losses.csv}, {@link LossLog}, keeps only the
 * selection metric). On resume, rows after the resumed step are dropped, as {@link LossLog}
 * drops them, so a run stopped between a validation and its checkpoint does not list that
 * step twice. Appends go straight to the file. Not thread-safe.
 */
final class ValidationLog {
    static final String FILE = "validation.csv";

    private final Path file;

    ValidationLog(Path reportDir, long resumeStep) throws IOException {
        this.file = reportDir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return;
        }
        final List<String> lines = Files.readAllLines(file);
        final List<String> keep = new ArrayList<>();
        for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
            if (!line.isEmpty() && stepOf(line) <= resumeStep) {
                keep.add(line);
            }
        }
        if (!keep.isEmpty()) {
            keep.add(0, lines.get(0));
        }
        Files.write(file, keep);
    }

    private static long stepOf(String row) {
        return Long.parseLong(row.substring(0, row.indexOf(',')));
    }

    void append(long step, Validator.Score score) throws IOException {
        final StringBuilder sb = new StringBuilder();
        if (!Files.exists(file) || Files.size(file) == 0) {
            sb.append("step,unix_seconds,").append(String.join(",", score.metrics().keySet())).append('\n');
        }
        sb.append(step).append(',').append(System.currentTimeMillis() / 1000);
        for (double v : score.metrics().values()) {
            sb.append(',').append(String.format(Locale.ROOT, "%.6g", v));
        }
        Files.writeString(file, sb.append('\n').toString(), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
}
