package dev.framelift.trainer.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The rows of {@code report/losses.csv} (header exactly {@value #HEADER}). Empty cells are
 * {@link Double#NaN}: a loss that does not apply in a phase, or a step without validation.
 */
public record LossCsv(long[] steps, String[] phases, double[] l1, double[] adv, double[] d, double[] val) {
    public static final String HEADER = "step,phase,g_l1,g_adv,d_loss,val_metric";

    public int size() {
        return steps.length;
    }

    /** @throws IOException if the file is missing, its header differs, or a row is malformed */
    public static LossCsv read(Path file) throws IOException {
        final List<String> lines = Files.readAllLines(file);
        if (lines.isEmpty() || !lines.get(0).strip().equals(HEADER)) {
            throw new IOException(file + " does not start with the header " + HEADER);
        }
        final List<String[]> rows = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            final String line = lines.get(i).strip();
            if (line.isEmpty()) {
                continue;
            }
            final String[] cells = line.split(",", -1);
            if (cells.length != 6) {
                throw new IOException(file + " line " + (i + 1) + ": expected 6 cells, got " + cells.length);
            }
            rows.add(cells);
        }
        final int n = rows.size();
        final LossCsv csv = new LossCsv(new long[n], new String[n], new double[n], new double[n], new double[n], new double[n]);
        for (int i = 0; i < n; i++) {
            final String[] c = rows.get(i);
            try {
                csv.steps[i] = Long.parseLong(c[0].strip());
                csv.phases[i] = c[1].strip();
                csv.l1[i] = cell(c[2]);
                csv.adv[i] = cell(c[3]);
                csv.d[i] = cell(c[4]);
                csv.val[i] = cell(c[5]);
            } catch (NumberFormatException e) {
                throw new IOException(file + " row " + (i + 1) + ": " + e.getMessage(), e);
            }
        }
        return csv;
    }

    private static double cell(String s) {
        final String t = s.strip();
        return t.isEmpty() ? Double.NaN : Double.parseDouble(t);
    }
}
