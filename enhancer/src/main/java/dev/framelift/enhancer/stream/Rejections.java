package dev.framelift.enhancer.stream;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

import dev.framelift.enhancer.reject.FrameRejectedException;
import dev.framelift.schema.Frame;
import dev.framelift.schema.RejectedFrame;
import dev.framelift.schema.Topics;
import dev.framelift.schema.serde.FrameLiftSerdes;

/**
 * Builds the {@code frames.rejected} record for a frame: reason, message, where it came from and
 * its original bytes, always small enough for the topic.
 *
 * <p>The original key and value are kept whole. When the record would exceed the topic's limit
 * (the copied {@code streamId}, {@code task} and message can be as large as the frame itself),
 * the longest of the copied strings are cut short first, just enough; then the record headers
 * carried over from the input are dropped; then the {@code originalKey} field (the record's own
 * key still holds those bytes).
 */
final class Rejections {
    /** Longest message kept even when there is room: a reason is a sentence, not a payload. */
    static final int MAX_MESSAGE_CHARS = 4096;
    private static final String CUT = "...";

    private Rejections() {
    }

    /**
     * A rejection as forwarded.
     *
     * @param frame the RejectedFrame, as encoded in the record
     * @param record the record to forward to the rejected sink
     */
    record Rejection(RejectedFrame frame, Record<byte[], byte[]> record) {
    }

    /**
     * @param frame the decoded frame, or null when the record was not a Frame
     * @param maxBytes the {@code max.message.bytes} of {@code frames.rejected}
     */
    static Rejection of(Record<byte[], byte[]> record, Frame frame, FrameRejectedException cause,
            ProcessorContext<?, ?> context, int maxBytes) {
        final RejectedFrame rejected = build(record, frame, cause, context);
        Record<byte[], byte[]> out = record.withValue(FrameLiftSerdes.rejectedCodec().encode(rejected));
        final long excess = RecordSize.upperBound(out.key(), out.value(), out.headers()) - maxBytes;
        if (excess <= 0) {
            return new Rejection(rejected, out);
        }
        final int cap = capFor(excess, rejected.getMessage(), rejected.getStreamId(), rejected.getTask());
        rejected.setMessage(cut(rejected.getMessage(), cap));
        rejected.setStreamId(cut(rejected.getStreamId(), cap));
        rejected.setTask(cut(rejected.getTask(), cap));
        out = record.withValue(FrameLiftSerdes.rejectedCodec().encode(rejected));
        if (RecordSize.upperBound(out.key(), out.value(), out.headers()) > maxBytes) {
            out = out.withHeaders(new RecordHeaders());
        }
        if (RecordSize.upperBound(out.key(), out.value(), out.headers()) > maxBytes) {
            rejected.setOriginalKey(null);
            out = out.withValue(FrameLiftSerdes.rejectedCodec().encode(rejected));
        }
        return new Rejection(rejected, out);
    }

    private static RejectedFrame build(Record<byte[], byte[]> record, Frame frame, FrameRejectedException cause,
            ProcessorContext<?, ?> context) {
        final RecordMetadata source = context.recordMetadata().orElse(null);
        final String message = cause.getMessage() == null ? cause.reason().name() : cause.getMessage();
        return RejectedFrame.newBuilder()
                .setReason(cause.reason())
                .setMessage(message.length() > MAX_MESSAGE_CHARS ? message.substring(0, MAX_MESSAGE_CHARS) + CUT : message)
                .setSourceTopic(source == null ? Topics.RAW : source.topic())
                .setSourcePartition(source == null ? -1 : source.partition())
                .setSourceOffset(source == null ? -1 : source.offset())
                .setOriginalKey(record.key() == null ? null : ByteBuffer.wrap(record.key()))
                .setOriginalValue(record.value() == null ? null : ByteBuffer.wrap(record.value()))
                .setStreamId(frame == null ? null : frame.getStreamId())
                .setSequence(frame == null ? null : frame.getSequence())
                .setTask(frame == null ? null : frame.getTask())
                .setRejectedTime(Instant.now())
                .build();
    }

    /**
     * The largest length in UTF-8 bytes to which the longest copied strings can be cut (each
     * ending in "...") so that together they shed at least {@code excess} bytes; short strings
     * keep their length. 0 when even cutting all of them to nothing is not enough.
     */
    static int capFor(long excess, String... copied) {
        final int[] lengths = new int[copied.length];
        int longest = 0;
        for (int i = 0; i < copied.length; i++) {
            lengths[i] = copied[i] == null ? 0 : copied[i].getBytes(StandardCharsets.UTF_8).length;
            longest = Math.max(longest, lengths[i]);
        }
        int low = 0;
        int high = longest;
        while (low < high) { // the largest cap that sheds enough; shedding shrinks as the cap grows
            final int mid = (low + high + 1) >>> 1;
            if (shed(lengths, mid) >= excess) {
                low = mid;
            } else {
                high = mid - 1;
            }
        }
        return low;
    }

    private static long shed(int[] lengths, int cap) {
        long shed = 0;
        for (int length : lengths) {
            shed += Math.max(0, length - cap - CUT.length());
        }
        return shed;
    }

    /** The string itself if it fits in {@code cap} UTF-8 bytes plus "...", else its first {@code cap} bytes (whole characters) and "...". */
    static String cut(String s, int cap) {
        if (s == null) {
            return null;
        }
        final byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        if (utf8.length <= cap + CUT.length()) {
            return s;
        }
        int end = cap;
        while (end > 0 && (utf8[end] & 0xc0) == 0x80) {
            end--; // a continuation byte: cut before the character it belongs to
        }
        return new String(utf8, 0, end, StandardCharsets.UTF_8) + CUT;
    }
}
