package dev.framelift.trainer.eval;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * A progress bar for an evaluation on stderr: rewritten in place ({@code \r}) on a terminal,
 * otherwise one plain line every {@value #PLAIN_EVERY_SECONDS} s and at the end (log files stay
 * short). Shows done/total, the current file and the estimated time left. Not thread-safe.
 */
public final class EvalProgress implements Evaluator.EvalListener {
    static final int PLAIN_EVERY_SECONDS = 10;

    private final PrintWriter err;
    private final boolean terminal;
    private final long start = System.nanoTime();
    private long lastPrint = System.nanoTime();

    public EvalProgress(PrintWriter err, boolean terminal) {
        this.err = err;
        this.terminal = terminal;
    }

    @Override
    public void onImage(int done, int total, String name) {
        final long now = System.nanoTime();
        final boolean last = done >= total;
        if (!terminal && !last && now - lastPrint < PLAIN_EVERY_SECONDS * 1_000_000_000L) {
            return;
        }
        lastPrint = now;
        final String text = line(done, total, name, (now - start) / 1e9);
        if (terminal) {
            err.print("\r" + text + "\u001b[K");
            if (last) {
                err.println();
            }
        } else {
            err.println(text);
        }
        err.flush();
    }

    static String line(int done, int total, String name, double elapsed) {
        final int width = 24;
        final int filled = (int) ((long) width * done / Math.max(1, total));
        final double eta = done == 0 ? Double.NaN : elapsed / done * (total - done);
        final String shortName = name.length() > 40 ? "..." + name.substring(name.length() - 37) : name;
        return String.format(Locale.ROOT, "[%s%s] %d/%d %s ETA %s", "#".repeat(filled), ".".repeat(width - filled), done, total,
                shortName, Double.isNaN(eta) ? "--:--" : String.format(Locale.ROOT, "%02d:%02d", (long) eta / 60, (long) eta % 60));
    }
}
