package dev.framelift.enhancer.cli;

import java.io.PrintStream;

/**
 * A one-line progress bar on stderr: redrawn in place on a terminal, printed as a plain line at
 * most every few seconds otherwise (logs and CI stay readable). Thread-safe.
 */
final class ProgressLine {
    private static final int WIDTH = 30;
    private static final long PLAIN_INTERVAL_NANOS = 3_000_000_000L;

    private final PrintStream out = System.err;
    private final boolean terminal = System.console() != null;
    private final String label;
    private final long total;
    private final long started = System.nanoTime();
    private long lastPlain;

    /** @param total the expected count, or 0 when unknown */
    ProgressLine(String label, long total) {
        this.label = label;
        this.total = total;
    }

    synchronized void update(long done, String detail) {
        long now = System.nanoTime();
        if (!terminal && now - lastPlain < PLAIN_INTERVAL_NANOS && done != total) {
            return;
        }
        lastPlain = now;
        double seconds = (now - started) / 1e9;
        // a rate over the first instant would be noise
        double rate = seconds > 0.5 ? done / seconds : 0;
        StringBuilder line = new StringBuilder(label).append(' ');
        if (total > 0) {
            int filled = (int) Math.min(WIDTH, WIDTH * done / total);
            line.append('[').append("#".repeat(filled)).append(".".repeat(WIDTH - filled)).append("] ")
                    .append(done).append('/').append(total);
            if (rate > 0 && done < total) {
                line.append(String.format(" ETA %.0fs", (total - done) / rate));
            }
        } else {
            line.append(done);
        }
        line.append(String.format(" %.1f/s", rate));
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

    synchronized void finish() {
        if (terminal) {
            out.println();
        }
    }
}
