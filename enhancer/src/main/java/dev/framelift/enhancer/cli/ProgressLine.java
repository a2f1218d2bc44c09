package dev.framelift.enhancer.cli;

import java.io.PrintStream;
import java.util.Locale;

/**
 * A one-line progress bar on stderr: redrawn in place on a terminal, printed as a plain line at
 * most every few seconds otherwise (logs and CI stay readable). Counts items; optionally also an
 * amount of work per item (megapixels), whose rate is shown and which the ETA then follows, so
 * that one large image among small ones does not make the estimate lie. Thread-safe.
 */
final class ProgressLine {
    private static final int WIDTH = 30;
    private static final long PLAIN_INTERVAL_NANOS = 3_000_000_000L;
    /** A rate over the first instant would be noise. */
    private static final double SETTLE_SECONDS = 0.5;

    private final PrintStream out = System.err;
    private final boolean terminal = System.console() != null;
    private final String label;
    private final long total;
    private final String workUnit;
    private final double workTotal;
    private final long started = System.nanoTime();
    private long lastPlain;
    private double workDone;

    /** @param total the expected count, or 0 when unknown */
    ProgressLine(String label, long total) {
        this(label, total, null, 0);
    }

    /**
     * @param workUnit what the work is counted in, e.g. "MP"
     * @param workTotal the work of all items, or 0 when unknown
     */
    ProgressLine(String label, long total, String workUnit, double workTotal) {
        this.label = label;
        this.total = total;
        this.workUnit = workUnit;
        this.workTotal = workTotal;
    }

    synchronized void update(long done, String detail) {
        update(done, 0, detail);
    }

    /** @param work the work of the item just finished, added to the total done */
    synchronized void update(long done, double work, String detail) {
        workDone += work;
        final long now = System.nanoTime();
        if (!terminal && now - lastPlain < PLAIN_INTERVAL_NANOS && done != total) {
            return;
        }
        lastPlain = now;
        final double seconds = (now - started) / 1e9;
        final boolean settled = seconds > SETTLE_SECONDS;
        final double rate = settled ? done / seconds : 0;
        final double workRate = settled ? workDone / seconds : 0;
        final StringBuilder line = new StringBuilder(label).append(' ');
        if (total > 0) {
            final int filled = (int) Math.min(WIDTH, WIDTH * done / total);
            line.append('[').append("#".repeat(filled)).append(".".repeat(WIDTH - filled)).append("] ")
                    .append(done).append('/').append(total);
            final double eta = workUnit != null && workTotal > 0 && workRate > 0 ? (workTotal - workDone) / workRate
                    : rate > 0 ? (total - done) / rate : -1;
            if (eta >= 0 && done < total) {
                line.append(String.format(Locale.ROOT, " ETA %s", duration(eta)));
            }
        } else {
            line.append(done);
        }
        line.append(String.format(Locale.ROOT, rate < 10 ? " %.2f/s" : " %.1f/s", rate));
        if (workUnit != null) {
            line.append(String.format(Locale.ROOT, " %.2f %s/s", workRate, workUnit));
        }
        if (detail != null && !detail.isEmpty()) {
            line.append("  ").append(detail);
        }
        if (terminal) {
            out.print("\r" + line + "\u001b[K");
        } else {
            out.println(line);
        }
        out.flush();
    }

    static String duration(double seconds) {
        final long s = Math.round(seconds);
        return s < 120 ? s + "s" : s < 7200 ? (s / 60) + "m" + String.format("%02d", s % 60) + "s"
                : (s / 3600) + "h" + String.format("%02d", s % 3600 / 60) + "m";
    }

    synchronized void finish() {
        if (terminal) {
            out.println();
        }
    }
}
