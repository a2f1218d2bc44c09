package dev.framelift.enhancer.corpus;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The hostile-input corpus: records that a producer, broken or malicious, can put on
 * {@code frames.raw}, each with the answer the enhancer owes it. About 70 kinds: lying Avro
 * lengths and counts, broken or truncated records, frames with wrong fields, oversized payloads and
 * outputs, lying or broken image headers and data, decompression and cost bombs, and legitimate
 * but rare images (16-bit, alpha, interlaced, rotated, progressive) that must come out enhanced.
 *
 * <p>Generated, never stored: {@code framelift corpus} writes it to files for kcat, and
 * {@code HostileInputIntegrationTest} sends it to a real broker. Keys are {@code hostile-<name>}.
 */
public final class HostileCorpus {
    private HostileCorpus() {
    }

    /** Every case, built against the limits of the enhancer it will be sent to. */
    public static List<CorpusCase> cases(CorpusLimits limits) {
        final List<CorpusCase> cases = new ArrayList<>(RecordCases.all(limits));
        cases.addAll(ImageCases.all(limits));
        final Set<String> keys = new HashSet<>();
        for (CorpusCase c : cases) {
            if (!keys.add(c.key())) {
                throw new IllegalStateException("two corpus cases named " + c.key());
            }
        }
        return cases;
    }
}
