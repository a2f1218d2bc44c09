package dev.framelift.enhancer.app;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;

import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.MissingSourceTopicException;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides when the enhancer can no longer do its job, so that the process ends and a supervisor
 * starts a fresh one, instead of staying up doing nothing.
 *
 * <p>As the Kafka Streams uncaught-exception handler: an {@link Error} anywhere in the cause
 * chain (out of memory, stack overflow: the JVM is no longer trustworthy) and a missing source
 * topic are fatal at once; any other failure replaces the stream thread, up to
 * {@value #MAX_REPLACEMENTS} times per {@link #REPLACEMENT_WINDOW}, after which it is fatal too
 * (a thread that dies again right after being replaced is a thread that cannot be replaced).
 * Kafka Streams reaching ERROR, and fewer live stream threads than configured on two
 * {@link #census} checks in a row, are fatal as well. Nothing that happens after
 * {@link #stopping()} is fatal: that is shutdown.
 *
 * <p>Replacing a thread is safe for exactly-once: the dead thread's transaction is aborted and
 * its partitions resume from their last committed offsets.
 *
 * <p>Thread-safe. The first fatal reason completes {@link #fatal()}; the caller decides how
 * to end the process.
 */
final class StreamHealth implements StreamsUncaughtExceptionHandler {
    static final int MAX_REPLACEMENTS = 3;
    static final Duration REPLACEMENT_WINDOW = Duration.ofMinutes(10);
    private static final Logger LOG = LoggerFactory.getLogger(StreamHealth.class);
    private static final int MAX_REASON = 400;

    private final LongSupplier nanoClock;
    private final CompletableFuture<String> fatal = new CompletableFuture<>();
    private final Deque<Long> replacements = new ArrayDeque<>();
    private volatile boolean stopping;
    private volatile String lastFailure = "no failure recorded";
    private int shortCensuses;

    StreamHealth(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
    }

    /** Completes with a one-line reason once the enhancer must end. */
    CompletableFuture<String> fatal() {
        return fatal;
    }

    /** From now on the enhancer is shutting down on purpose. */
    void stopping() {
        stopping = true;
    }

    @Override
    public StreamThreadExceptionResponse handle(Throwable exception) {
        final String reason = describe(exception);
        lastFailure = reason;
        if (stopping) {
            return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        }
        if (find(exception, Error.class) != null) {
            fail(reason);
            return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        }
        if (find(exception, MissingSourceTopicException.class) != null) {
            fail("a source topic is missing (deleted?); a restarted enhancer creates it again: " + reason);
            return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        }
        synchronized (replacements) {
            final long now = nanoClock.getAsLong();
            while (!replacements.isEmpty() && now - replacements.peekFirst() > REPLACEMENT_WINDOW.toNanos()) {
                replacements.removeFirst();
            }
            if (replacements.size() >= MAX_REPLACEMENTS) {
                fail("stream threads died " + (MAX_REPLACEMENTS + 1) + " times within " + REPLACEMENT_WINDOW.toMinutes()
                        + " minutes; the last: " + reason);
                return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
            }
            replacements.addLast(now);
        }
        LOG.warn("a stream thread died and is replaced (its transaction is aborted, nothing is lost): {}", reason);
        return StreamThreadExceptionResponse.REPLACE_THREAD;
    }

    /** Kafka Streams' state listener. */
    void stateChanged(KafkaStreams.State now) {
        if (now == KafkaStreams.State.ERROR && !stopping) {
            fail("Kafka Streams stopped in ERROR; the last failure: " + lastFailure);
        }
    }

    /** A periodic count of live stream threads, while Kafka Streams is running or rebalancing. */
    void census(int alive, int configured, KafkaStreams.State state) {
        if (stopping || !state.isRunningOrRebalancing()) {
            return;
        }
        synchronized (replacements) {
            shortCensuses = alive < configured ? shortCensuses + 1 : 0;
            if (shortCensuses >= 2) {
                fail("only " + alive + " of " + configured + " stream threads are alive and Kafka Streams did not replace "
                        + "the others; the last failure: " + lastFailure);
            }
        }
    }

    private void fail(String reason) {
        if (fatal.complete(reason)) {
            LOG.error("fatal: {}", reason);
        }
    }

    /** One line: the outermost message (Streams puts task, topic, partition and offset there) and the root cause. */
    static String describe(Throwable exception) {
        Throwable root = exception;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String text = root == exception ? String.valueOf(exception)
                : exception.getClass().getSimpleName() + ": " + exception.getMessage() + " <- " + root;
        text = text.replaceAll("\\s*\\R\\s*", " ");
        return text.length() <= MAX_REASON ? text : text.substring(0, MAX_REASON) + "...";
    }

    private static <T extends Throwable> T find(Throwable exception, Class<T> type) {
        for (Throwable t = exception; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
