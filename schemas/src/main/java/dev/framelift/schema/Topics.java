package dev.framelift.schema;

/**
 * The topic names of the FrameLift contract. Keys are UTF-8 strings: the stream id for the
 * frame topics, the task for {@link #MODELS}.
 */
public final class Topics {
    /** Input frames ({@link Frame}); per-key order is the playback order. */
    public static final String RAW = "frames.raw";
    /** Enhanced frames ({@link EnhancedFrame}), one per accepted input, in input order per key. */
    public static final String ENHANCED = "frames.enhanced";
    /** Frames that could not be enhanced ({@link RejectedFrame}), with their original bytes. */
    public static final String REJECTED = "frames.rejected";
    /** Compacted; the newest {@link ModelUpdate} per task is the active model. */
    public static final String MODELS = "models";
    /**
     * Compacted; one record per dead letter of {@link #REJECTED} that {@code framelift replay} sent
     * back to {@link #RAW}, written in the same transaction, so that no dead letter is replayed twice.
     */
    public static final String REPLAYED = "frames.rejected.replayed";

    private Topics() {
    }
}
