package dev.framelift.enhancer.stream;

import java.nio.charset.StandardCharsets;

import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.Record;

import dev.framelift.enhancer.pipeline.EngineStoppedException;
import dev.framelift.enhancer.pipeline.FramePipeline;
import dev.framelift.enhancer.reject.FrameRejectedException;
import dev.framelift.schema.EnhancedFrame;
import dev.framelift.schema.Frame;
import dev.framelift.schema.RejectReason;
import dev.framelift.schema.RejectedFrame;
import dev.framelift.schema.serde.FrameLiftSerdes;
import dev.framelift.schema.serde.InvalidRecordException;

/**
 * Turns each raw record into exactly one output: an EnhancedFrame to
 * {@link EnhancerTopology#ENHANCED_SINK} or a RejectedFrame to {@link EnhancerTopology#REJECTED_SINK}.
 * {@code process()} blocks until the frame's batch has run (see the package doc for why that is
 * what makes micro-batching exactly-once); one instance per stream task, as Streams requires.
 * Each outcome is also told to the {@link FrameObserver} (metrics), once it has been forwarded.
 */
final class EnhanceProcessor extends ContextualProcessor<byte[], byte[], byte[], byte[]> {
    private final FramePipeline pipeline;
    private final FrameObserver observer;

    EnhanceProcessor(FramePipeline pipeline) {
        this(pipeline, FrameObserver.NONE);
    }

    EnhanceProcessor(FramePipeline pipeline, FrameObserver observer) {
        this.pipeline = pipeline;
        this.observer = observer;
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        Frame frame;
        try {
            frame = FrameLiftSerdes.frameCodec().decode(record.value());
        } catch (InvalidRecordException e) {
            RejectReason reason = record.value() == null || record.value().length == 0
                    ? RejectReason.EMPTY_PAYLOAD : RejectReason.UNDECODABLE_RECORD;
            reject(record, null, new FrameRejectedException(reason, e.getMessage()));
            return;
        }
        observer.received(frame);
        try {
            EnhancedFrame enhanced = pipeline.enhance(frame);
            byte[] key = record.key() != null ? record.key() : frame.getStreamId().getBytes(StandardCharsets.UTF_8);
            context().forward(record.withKey(key).withValue(FrameLiftSerdes.enhancedCodec().encode(enhanced)),
                    EnhancerTopology.ENHANCED_SINK);
            observer.enhanced(enhanced);
        } catch (FrameRejectedException e) {
            reject(record, frame, e);
        } catch (EngineStoppedException e) {
            throw e;
        } catch (RuntimeException e) {
            // A frame that trips a bug must not stop the stream (and then stop it again after every
            // restart): it is set aside with what went wrong.
            reject(record, frame, new FrameRejectedException(RejectReason.UNKNOWN,
                    "unexpected error while enhancing: " + e, e));
        }
    }

    private void reject(Record<byte[], byte[]> record, Frame frame, FrameRejectedException cause) {
        RejectedFrame rejected = Rejections.of(record, frame, cause, context());
        context().forward(record.withValue(FrameLiftSerdes.rejectedCodec().encode(rejected)), EnhancerTopology.REJECTED_SINK);
        observer.rejected(rejected);
    }
}
