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
 * step twice ({@link HistoryCsv}). Appends go straight to the file. Not thread-safe.
 */
final class ValidationLog {
    static final String FILE = "validation.csv";

    private final Path file;
    private boolean headerWritten;

    ValidationLog(Path reportDir, long resumeStep) throws IOException {
        this.file = reportDir.resolve(FILE);
        final List<String> lines = HistoryCsv.read(file);
        if (lines.isEmpty()) {
            return;
        }
        final List<String> keep = new ArrayList<>(HistoryCsv.rowsThrough(lines, resumeStep));
        headerWritten = !keep.isEmpty();
        if (headerWritten) {
            keep.add(0, lines.get(0));
        }
        Files.write(file, keep);
    }

    void append(long step, Validator.Score score) throws IOException {
        final StringBuilder sb = new StringBuilder();
        if (!headerWritten) {
            sb.append("step,unix_seconds,").append(String.join(",", score.metrics().keySet())).append('\n');
            headerWritten = true;
        }
        sb.append(step).append(',').append(System.currentTimeMillis() / 1000);
        for (double v : score.metrics().values()) {
            sb.append(',').append(String.format(Locale.ROOT, "%.6g", v));
        }
        Files.writeString(file, sb.append('\n').toString(), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
}
