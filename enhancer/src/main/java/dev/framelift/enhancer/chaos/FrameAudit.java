package dev.framelift.enhancer.chaos;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.function.BiConsumer;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import dev.framelift.enhancer.kafka.CommittedReader;
import dev.framelift.schema.EnhancedFrame;
import dev.framelift.schema.Frame;
import dev.framelift.schema.RejectedFrame;
import dev.framelift.schema.Topics;
import dev.framelift.schema.serde.FrameLiftSerdes;

/**
 * The exactly-once audit: reads {@code frames.raw}, {@code frames.enhanced} and
 * {@code frames.rejected} to their ends as a {@code read_committed} consumer and checks that
 * every input has exactly one output in either, and that per stream the outputs are in input
 * order.
 *
 * <p>An input is a committed record of {@code frames.raw}. An enhanced output names its input by
 * stream id and sequence (so inputs must not repeat a stream id and sequence); a rejected
 * output by the source partition and offset it carries. Order is checked per stream within
 * each output topic: the inputs behind a stream's outputs must appear in increasing offset order.
 */
public final class FrameAudit {
    /** What the audit found. {@code examples} names a few offenders of each kind. */
    public record Report(int inputs, int enhanced, int rejected, Map<String, Integer> rejectedByReason, int lost,
            int doubled, int outOfOrder, int unmatched, int repeatedInputIds, List<String> examples) {
        public boolean exactlyOnceInOrder() {
            return lost == 0 && doubled == 0 && outOfOrder == 0 && unmatched == 0 && repeatedInputIds == 0;
        }

        public String summary() {
            return String.format("%d inputs: %d enhanced, %d rejected %s; lost %d, doubled %d, out of order %d, "
                    + "outputs without an input %d, repeated input ids %d%s", inputs, enhanced, rejected, rejectedByReason,
                    lost, doubled, outOfOrder, unmatched, repeatedInputIds, examples.isEmpty() ? "" : "; e.g. " + examples);
        }
    }

    private record Input(String id, int partition, long offset) {
    }

    private FrameAudit() {
    }

    /**
     * @param clientProperties consumer settings (bootstrap servers, security); the audit adds its own group and isolation
     */
    public static Report run(Properties clientProperties) {
        final Map<String, Input> byId = new HashMap<>();
        final Map<String, Input> byPosition = new HashMap<>();
        final int[] repeated = {0};
        final List<String> examples = new ArrayList<>();
        readAll(clientProperties, Topics.RAW, (record, position) -> {
            final String id = inputId(record.value());
            final Input input = new Input(id != null ? id : position, record.partition(), record.offset());
            byPosition.put(position, input);
            if (byId.putIfAbsent(input.id, input) != null) {
                repeated[0]++;
                example(examples, "input id repeated: " + input.id);
            }
        });
        final Map<Input, Integer> answers = new HashMap<>();
        final int[] unmatched = {0};
        int outOfOrder = 0;
        final List<Input> enhanced = new ArrayList<>();
        readAll(clientProperties, Topics.ENHANCED, (record, position) -> {
            final EnhancedFrame frame = FrameLiftSerdes.enhancedCodec().decode(record.value());
            final Input input = byId.get(frame.getStreamId() + "/" + frame.getSequence());
            matched(input, "enhanced " + frame.getStreamId() + "/" + frame.getSequence(), answers, enhanced, unmatched, examples);
        });
        final List<Input> rejected = new ArrayList<>();
        final Map<String, Integer> reasons = new TreeMap<>();
        readAll(clientProperties, Topics.REJECTED, (record, position) -> {
            final RejectedFrame frame = FrameLiftSerdes.rejectedCodec().decode(record.value());
            reasons.merge(frame.getReason().name(), 1, Integer::sum);
            final Input input = byPosition.get(frame.getSourceTopic() + "-" + frame.getSourcePartition() + "@" + frame.getSourceOffset());
            matched(input, "rejected " + frame.getSourcePartition() + "@" + frame.getSourceOffset(), answers, rejected,
                    unmatched, examples);
        });
        outOfOrder += outOfOrder(enhanced, examples) + outOfOrder(rejected, examples);
        int lost = 0;
        int doubled = 0;
        for (Input input : byPosition.values()) {
            final int count = answers.getOrDefault(input, 0);
            if (count == 0) {
                lost++;
                example(examples, "lost " + input.id);
            } else if (count > 1) {
                doubled++;
                example(examples, "doubled " + input.id + " (x" + count + ")");
            }
        }
        return new Report(byPosition.size(), enhanced.size(), rejected.size(), Collections.unmodifiableMap(reasons), lost, doubled,
                outOfOrder, unmatched[0], repeated[0], List.copyOf(examples));
    }

    private static void matched(Input input, String output, Map<Input, Integer> answers, List<Input> outputs,
            int[] unmatched, List<String> examples) {
        if (input == null) {
            unmatched[0]++;
            example(examples, output + " has no input");
            return;
        }
        answers.merge(input, 1, Integer::sum);
        outputs.add(input);
    }

    /** Outputs in topic order whose input comes before the previous output's input of the same stream partition. */
    private static int outOfOrder(List<Input> outputs, List<String> examples) {
        final Map<String, Input> last = new HashMap<>();
        int violations = 0;
        for (Input input : outputs) {
            final String stream = streamOf(input.id) + "#" + input.partition;
            final Input previous = last.put(stream, input);
            if (previous != null && previous.offset > input.offset) {
                violations++;
                example(examples, "out of order: " + input.id + " after " + previous.id);
            }
        }
        return violations;
    }

    private static String inputId(byte[] value) {
        try {
            final Frame frame = FrameLiftSerdes.frameCodec().decode(value);
            return frame.getStreamId() + "/" + frame.getSequence();
        } catch (RuntimeException e) {
            // InvalidRecordException, or anything else a hostile record trips: it can only be rejected
            return null;
        }
    }

    private static String streamOf(String id) {
        final int slash = id.lastIndexOf('/');
        return slash > 0 ? id.substring(0, slash) : id;
    }

    private static void example(List<String> examples, String example) {
        if (examples.size() < 8) {
            examples.add(example);
        }
    }

    private static void readAll(Properties clientProperties, String topic,
            BiConsumer<ConsumerRecord<byte[], byte[]>, String> each) {
        CommittedReader.readAll(clientProperties, topic,
                record -> each.accept(record, topic + "-" + record.partition() + "@" + record.offset()));
    }
}
