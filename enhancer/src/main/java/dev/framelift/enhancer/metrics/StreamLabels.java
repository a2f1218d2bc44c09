package dev.framelift.enhancer.metrics;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The value of the {@code stream} label for a stream id, with a bound on how many distinct ids
 * get their own: past {@code max}, new ids share {@value #OTHER}, so a producer inventing a new
 * key per frame cannot grow the metrics without end. Thread-safe.
 */
public final class StreamLabels {
    /** The label of streams past the bound. */
    public static final String OTHER = "other";
    /** The label of records whose stream id is unknown (not a Frame, no key). */
    public static final String UNKNOWN = "unknown";

    private final Set<String> known = ConcurrentHashMap.newKeySet();
    private final int max;

    public StreamLabels(int max) {
        this.max = max;
    }

    public String of(String streamId) {
        if (streamId == null || streamId.isEmpty()) {
            return UNKNOWN;
        }
        if (known.contains(streamId)) {
            return streamId;
        }
        synchronized (known) {
            if (known.size() < max) {
                known.add(streamId);
                return streamId;
            }
        }
        return OTHER;
    }
}
