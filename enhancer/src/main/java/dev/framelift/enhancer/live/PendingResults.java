package dev.framelift.enhancer.live;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import dev.framelift.schema.EnhancedFrame;
import dev.framelift.schema.Frame;
import dev.framelift.schema.RejectedFrame;

/**
 * Frames sent by callers who wait for their result: the caller tags its Frame with a request
 * id ({@link #REQUEST_ID} attribute), registers the id, and the follower completes it when the
 * EnhancedFrame or RejectedFrame carrying the id comes by, whichever instance made it. Bounded:
 * at most {@code capacity} requests wait at once. Thread-safe.
 */
public final class PendingResults {
    /** The Frame attribute that carries a request id; enhancers copy attributes to their output. */
    public static final String REQUEST_ID = "framelift.request-id";

    /** What became of a frame: exactly one of the two is set. */
    public record Outcome(EnhancedFrame enhanced, RejectedFrame rejected) {
    }

    private final Map<String, CompletableFuture<Outcome>> waiting = new ConcurrentHashMap<>();
    private final int capacity;

    public PendingResults(int capacity) {
        this.capacity = capacity;
    }

    /**
     * @return the future result, or empty when {@code capacity} requests already wait
     */
    public Optional<CompletableFuture<Outcome>> register(String requestId) {
        synchronized (waiting) {
            if (waiting.size() >= capacity) {
                return Optional.empty();
            }
            final CompletableFuture<Outcome> result = new CompletableFuture<>();
            waiting.put(requestId, result);
            return Optional.of(result);
        }
    }

    /** Stops waiting for a request (timed out, or its frame could not be sent). */
    public void forget(String requestId) {
        waiting.remove(requestId);
    }

    public int waiting() {
        return waiting.size();
    }

    void enhanced(EnhancedFrame frame) {
        final String id = frame.getAttributes().get(REQUEST_ID);
        if (id != null) {
            complete(id, new Outcome(frame, null));
        }
    }

    /** @param original the rejected record decoded as a Frame, when it was one */
    void rejected(RejectedFrame frame, Frame original) {
        final String id = original == null ? null : original.getAttributes().get(REQUEST_ID);
        if (id != null) {
            complete(id, new Outcome(null, frame));
        }
    }

    private void complete(String id, Outcome outcome) {
        final CompletableFuture<Outcome> result = waiting.remove(id);
        if (result != null) {
            result.complete(outcome);
        }
    }
}
