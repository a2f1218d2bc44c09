package dev.framelift.trainer.train;

import java.io.PrintStream;
import java.util.Locale;

/**
 * One status line on stderr: step, phase, losses, steps/s and ETA. On a terminal it is
 * rewritten in place ({@code \r}) at most 5 times a second; otherwise (a log file) a plain line
 * is printed every {@code plainEverySeconds}. Not thread-safe.
 */
public final class ProgressBar {
    private final PrintStream err;
    private final boolean terminal;
    private final long plainEveryNanos;
    private long lastPrint;
    private long windowStart = -1;
    private long windowStep;
    private double rate;

    public ProgressBar(PrintStream err, boolean terminal, int plainEverySeconds) {
        this.err = err;
        this.terminal = terminal;
        this.plainEveryNanos = plainEverySeconds * 1_000_000_000L;
    }

    public static ProgressBar forStderr() {
        return new ProgressBar(System.err, System.console() != null, 10);
    }

    /** Reports that {@code step} steps of {@code total} are done. */
    public void update(long step, long total, String phase, double l1, double adv, double d, double lastVal) {
        final long now = System.nanoTime();
        if (windowStart < 0) {
            windowStart = now;
            windowStep = step;
            lastPrint = now;
            return;
        }
        final double elapsed = (now - windowStart) / 1e9;
        if (elapsed > 5) {
            final double r = (step - windowStep) / elapsed;
            rate = rate == 0 ? r : 0.5 * rate + 0.5 * r;
            windowStart = now;
            windowStep = step;
        } else if (rate == 0 && elapsed > 0.5) {
            rate = (step - windowStep) / elapsed;
        }
        final long every = terminal ? 200_000_000L : plainEveryNanos;
        if (now - lastPrint < every && step < total) {
            return;
        }
        lastPrint = now;
        final String line = line(step, total, phase, l1, adv, d, lastVal, rate);
        if (terminal) {
            err.print("\r" + line + "\u001b[K");
            if (step >= total) {
                err.println();
            }
        } else {
            err.println(line);
        }
        err.flush();
    }

    static String line(long step, long total, String phase, double l1, double adv, double d, double lastVal, double rate) {
        final int width = 20;
        final int filled = (int) (width * step / Math.max(1, total));
        final String bar = "#".repeat(filled) + ".".repeat(width - filled);
        final String eta = rate > 0 ? duration((long) ((total - step) / rate)) : "--:--";
        final StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "[%s] %d/%d %s l1=%.4f", bar, step, total, phase, l1));
        if (!Double.isNaN(adv)) {
            sb.append(String.format(Locale.ROOT, " adv=%.3f d=%.3f", adv, d));
        }
        if (!Double.isNaN(lastVal)) {
            sb.append(String.format(Locale.ROOT, " val=%.3f", lastVal));
        }
        sb.append(String.format(Locale.ROOT, " %.2f steps/s ETA %s", rate, eta));
        return sb.toString();
    }

    static String duration(long seconds) {
        return seconds >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60)
                : String.format(Locale.ROOT, "%02d:%02d", seconds / 60, seconds % 60);
    }
}
