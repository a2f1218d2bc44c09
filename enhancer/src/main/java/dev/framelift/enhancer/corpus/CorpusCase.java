package dev.framelift.enhancer.corpus;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Set;

/**
 * One record to send to {@code frames.raw}, and what the enhancer must answer.
 *
 * @param key the record key (unique per case, so the answer can be found by it)
 * @param value the record value, exactly as sent
 * @param expected the acceptable outcomes: {@link #ENHANCED}, a {@code RejectReason} name, or
 *     {@link #ANY} (fuzz cases: any one answer will do)
 * @param description what the case is, in a few words
 */
public record CorpusCase(String key, byte[] value, Set<String> expected, String description) {
    /** The outcome of a frame that must come out of {@code frames.enhanced}. */
    public static final String ENHANCED = "ENHANCED";
    /** Any single answer, enhanced or rejected. */
    public static final String ANY = "ANY";

    public CorpusCase {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(expected, "expected");
        if (expected.isEmpty()) {
            throw new IllegalArgumentException("no expected outcome for " + key);
        }
    }

    public byte[] keyBytes() {
        return key.getBytes(StandardCharsets.UTF_8);
    }

    /** Whether {@code outcome} ({@link #ENHANCED} or a reason name) is an acceptable answer. */
    public boolean accepts(String outcome) {
        return expected.contains(ANY) || expected.contains(outcome);
    }
}
