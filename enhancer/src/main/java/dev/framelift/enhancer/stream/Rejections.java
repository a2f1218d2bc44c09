package dev.framelift.enhancer.stream;

import java.nio.ByteBuffer;
import java.time.Instant;

import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

import dev.framelift.enhancer.reject.FrameRejectedException;
import dev.framelift.schema.Frame;
import dev.framelift.schema.RejectedFrame;
import dev.framelift.schema.Topics;

/** Builds the RejectedFrame for a record: reason, message, where it came from and its original bytes. */
final class Rejections {
    private Rejections() {
    }

    /**
     * @param frame the decoded frame, or null when the record was not a Frame
     */
    static RejectedFrame of(Record<byte[], byte[]> record, Frame frame, FrameRejectedException cause,
            ProcessorContext<?, ?> context) {
        RecordMetadata source = context.recordMetadata().orElse(null);
        return RejectedFrame.newBuilder()
                .setReason(cause.reason())
                .setMessage(cause.getMessage() == null ? cause.reason().name() : cause.getMessage())
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
}
