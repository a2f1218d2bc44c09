package dev.framelift.enhancer.chaos;

import java.time.Duration;

/**
 * What a fault campaign does.
 *
 * @param frames          frames to send in all
 * @param streams         stream ids (keys) they are spread over
 * @param kills           SIGKILLs of the enhancer, each followed by a restart
 * @param stops           SIGSTOPs of the enhancer past its session timeout, then SIGCONT
 * @param brokerRestarts  broker restarts (the first with SIGTERM, the others with SIGKILL)
 * @param rebalance       whether a second enhancer joins and later leaves
 * @param framesPerSecond the camera's pace, so that the faults land while frames flow
 * @param seed            for the fault moments and the frames; the same seed, the same campaign
 * @param timeout         the campaign stops itself after this long, whatever state it is in
 */
public record ChaosPlan(int frames, int streams, int kills, int stops, int brokerRestarts, boolean rebalance,
        double framesPerSecond, long seed, Duration timeout) {
    /** The session timeout the enhancers run with; a stop lasts longer than this. */
    static final Duration SESSION_TIMEOUT = Duration.ofSeconds(6);

    public ChaosPlan {
        if (streams < 1 || frames < streams) {
            throw new IllegalArgumentException("need at least one stream and at least one frame per stream, not "
                    + frames + " frames over " + streams + " streams");
        }
        if (kills < 0 || stops < 0 || brokerRestarts < 0) {
            throw new IllegalArgumentException("fault counts cannot be negative");
        }
        if (!(framesPerSecond > 0) || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("the pace and the timeout must be positive");
        }
    }

    /** 10,000 frames over 8 streams; 10 kills, 1 stop, 2 broker restarts, a second instance joining and leaving. */
    public static ChaosPlan full(long seed) {
        return new ChaosPlan(10_000, 8, 10, 1, 2, true, 25, seed, Duration.ofMinutes(90));
    }

    /** The small campaign of the default test suite: one kill and one broker restart. */
    public static ChaosPlan small(long seed) {
        return new ChaosPlan(240, 4, 1, 0, 1, false, 20, seed, Duration.ofMinutes(10));
    }

    /** One line: what the campaign is made of. */
    public String describe() {
        return String.format("%d frames over %d streams at %.0f/s; %d SIGKILL(s), %d SIGSTOP(s) past a %d s session timeout, "
                + "%d broker restart(s)%s; seed %d", frames, streams, framesPerSecond, kills, stops, SESSION_TIMEOUT.toSeconds(),
                brokerRestarts, rebalance ? ", a second enhancer joining and leaving" : "", seed);
    }
}
