package dev.framelift.schema;

/**
 * The topic names of the FrameLift contract. Keys are UTF-8 strings: the stream id for the
 * frame topics, the scope ({@code TASK} or {@code TASK@STREAM}) for {@link #MODELS}.
 */
public final class Topics {
    /** Input frames ({@link Frame}); per-key order is the playback order. */
    public static final String RAW = "frames.raw";
    /** Enhanced frames ({@link EnhancedFrame}), one per accepted input, in input order per key. */
    public static final String ENHANCED = "frames.enhanced";
    /** Frames that could not be enhanced ({@link RejectedFrame}), with their original bytes. */
    public static final String REJECTED = "frames.rejected";
    /**
     * Compacted; key: the scope ({@code TASK} or {@code TASK@STREAM}), or {@link #SHADOW_KEY_PREFIX}
     * + scope for a shadow candidate. The newest {@link ModelUpdate} per key is the active model
     * (versions only move forward unless the record is an explicit roll back); a tombstone
     * removes it.
     */
    public static final String MODELS = "models";
    /** Key prefix on {@link #MODELS} of a scope's shadow candidate. */
    public static final String SHADOW_KEY_PREFIX = "shadow/";
    /**
     * A shadow candidate's outputs ({@link EnhancedFrame}) on a sample of live frames, best effort
     * and outside the exactly-once guarantee; never {@link #ENHANCED}.
     */
    public static final String SHADOW = "frames.shadow";
    /**
     * Compacted; one record per dead letter of {@link #REJECTED} that {@code framelift replay} sent
     * back to {@link #RAW}, written in the same transaction, so that no dead letter is replayed twice.
     */
    public static final String REPLAYED = "frames.rejected.replayed";

    private Topics() {
    }
}
