package dev.framelift.trainer.train;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code report/losses.csv}: header {@value #HEADER}; empty cells where a value does not apply
 * (no adversarial loss during L1, validation only every K steps). On resume, rows after the
 * resumed step are dropped so the history has no duplicates. Appends are flushed at once.
 * Not thread-safe.
 */
public final class LossLog implements AutoCloseable {
    public static final String HEADER = "step,phase,g_l1,g_adv,d_loss,val_metric";

    private final BufferedWriter out;

    public LossLog(Path file, long resumeStep) throws IOException {
        Files.createDirectories(file.getParent());
        final List<String> keep = new ArrayList<>();
        keep.add(HEADER);
        keep.addAll(HistoryCsv.rowsThrough(HistoryCsv.read(file), resumeStep));
        Files.write(file, keep);
        out = Files.newBufferedWriter(file, StandardOpenOption.APPEND);
    }

    public void append(long step, String phase, double l1, double adv, double d, double val) {
        try {
            out.write(String.format(Locale.ROOT, "%d,%s,%s,%s,%s,%s%n", step, phase, cell(l1), cell(adv), cell(d), cell(val)));
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String cell(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.6g", v);
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
