package dev.framelift.enhancer.stream;

import java.nio.charset.StandardCharsets;

import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.framelift.enhancer.pipeline.EngineStoppedException;
import dev.framelift.enhancer.pipeline.FrameEnhancer;
import dev.framelift.enhancer.reject.FrameRejectedException;
import dev.framelift.schema.EnhancedFrame;
import dev.framelift.schema.Frame;
import dev.framelift.schema.RejectReason;
import dev.framelift.schema.serde.FrameLiftSerdes;
import dev.framelift.schema.serde.InvalidRecordException;

/**
 * Turns each raw record into exactly one output: an EnhancedFrame to
 * {@link EnhancerTopology#ENHANCED_SINK} or a RejectedFrame to {@link EnhancerTopology#REJECTED_SINK}.
 * {@code process()} blocks until the frame's batch has run (see the package doc for why that is
 * what makes micro-batching exactly-once); one instance per stream task, as Streams requires.
 *
 * <p><b>Nothing a record does stops the stream.</b> Whatever a record makes go wrong, an
 * {@code Error} such as {@code OutOfMemoryError} included, ends as its rejection with a reason.
 * The only exception is {@link EngineStoppedException} (the engine closed under the frame: not
 * the frame's fault), which fails the task so that the frame is processed again by whoever takes
 * over.
 *
 * <p><b>Time.</b> A frame must be done by its own deadline (the pipeline's) and by the end of its
 * thread's {@link RoundBudget}, whichever comes first, so that one round of {@code process()}
 * calls never outlives its transaction.
 *
 * <p><b>Size.</b> An enhanced record is measured as it will be sent (key, value and headers) and
 * rejected with {@code OUTPUT_TOO_LARGE} if it would not fit {@code frames.enhanced}; a rejected
 * record is made to fit {@code frames.rejected} by {@link Rejections}.
 *
 * <p>Every rejection is logged as one line with the record's source position and stream. Each
 * outcome is also told to the {@link FrameObserver} (metrics), once it has been forwarded.
 */
final class EnhanceProcessor extends ContextualProcessor<byte[], byte[], byte[], byte[]> {
    private static final Logger log = LoggerFactory.getLogger(EnhanceProcessor.class);
    private static final int LOGGED_CHARS = 256;

    private final FrameEnhancer pipeline;
    private final ProcessingLimits limits;
    private final RoundBudget round;
    private final FrameObserver observer;

    /** With default limits, a round budget of its own and no observer. */
    EnhanceProcessor(FrameEnhancer pipeline) {
        this(pipeline, FrameObserver.NONE);
    }

    /** With default limits and a round budget of its own. */
    EnhanceProcessor(FrameEnhancer pipeline, FrameObserver observer) {
        this(pipeline, ProcessingLimits.defaults(), new RoundBudget(ProcessingLimits.defaults().roundBudget()), observer);
    }

    /**
     * @param round the round budget shared by every processor of the topology
     * @param observer hears every record's outcome
     */
    EnhanceProcessor(FrameEnhancer pipeline, ProcessingLimits limits, RoundBudget round, FrameObserver observer) {
        this.pipeline = pipeline;
        this.limits = limits;
        this.round = round;
        this.observer = observer;
    }

    @Override
    public void init(ProcessorContext<byte[], byte[]> context) {
        super.init(context);
        round.roundEnded();
        context.schedule(limits.roundCheck(), PunctuationType.WALL_CLOCK_TIME, timestamp -> round.roundEnded());
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        final long deadline = round.deadline();
        Frame frame = null;
        EnhancedFrame enhanced = null;
        Record<byte[], byte[]> enhancedRecord = null;
        FrameRejectedException rejection = null;
        try {
            frame = decode(record);
            observer.received(frame);
            enhanced = pipeline.enhance(frame, deadline);
            final byte[] key = record.key() != null ? record.key() : frame.getStreamId().getBytes(StandardCharsets.UTF_8);
            final Record<byte[], byte[]> out = record.withKey(key).withValue(FrameLiftSerdes.enhancedCodec().encode(enhanced));
            checkFits(out, enhanced);
            enhancedRecord = out;
        } catch (FrameRejectedException e) {
            rejection = e;
        } catch (EngineStoppedException e) {
            throw e;
        } catch (Throwable t) {
            // A frame that trips a bug, or exhausts the heap, must not stop the stream (and then stop
            // it again after every restart): it is set aside with what went wrong.
            rejection = new FrameRejectedException(RejectReason.UNKNOWN, "unexpected error while enhancing: " + t, t);
        }
        // forwarding stays outside the catch: a failure to produce is Kafka's, not the frame's
        if (enhancedRecord != null) {
            context().forward(enhancedRecord, EnhancerTopology.ENHANCED_SINK);
            observer.enhanced(enhanced);
            return;
        }
        logRejection(record, frame, rejection);
        final Rejections.Rejection rejected = Rejections.of(record, frame, rejection, context(), limits.rejectedMaxBytes());
        context().forward(rejected.record(), EnhancerTopology.REJECTED_SINK);
        observer.rejected(rejected.frame());
    }

    private static Frame decode(Record<byte[], byte[]> record) throws FrameRejectedException {
        try {
            return FrameLiftSerdes.frameCodec().decode(record.value());
        } catch (InvalidRecordException e) {
            final RejectReason reason = record.value() == null || record.value().length == 0
                    ? RejectReason.EMPTY_PAYLOAD : RejectReason.UNDECODABLE_RECORD;
            throw new FrameRejectedException(reason, e.getMessage());
        }
    }

    private void checkFits(Record<byte[], byte[]> out, EnhancedFrame enhanced) throws FrameRejectedException {
        final long size = RecordSize.upperBound(out.key(), out.value(), out.headers());
        if (size > limits.enhancedMaxBytes()) {
            throw new FrameRejectedException(RejectReason.OUTPUT_TOO_LARGE, "the enhanced " + enhanced.getWidth() + "x"
                    + enhanced.getHeight() + " record (" + enhanced.getPayload().remaining() + "-byte payload, "
                    + enhanced.getAttributes().size() + " attributes) takes " + size + " bytes, over the "
                    + limits.enhancedMaxBytes() + "-byte limit of frames.enhanced");
        }
    }

    private void logRejection(Record<byte[], byte[]> record, Frame frame, FrameRejectedException rejection) {
        final RecordMetadata source = context().recordMetadata().orElse(null);
        final String where = source == null ? "?" : source.topic() + "-" + source.partition() + "@" + source.offset();
        final String key = printable(record.key());
        final String stream = frame == null ? "key " + key
                : (key.equals(frame.getStreamId()) ? "" : "key " + key + ", ") + "stream " + frame.getStreamId() + " #"
                        + frame.getSequence();
        log.warn("rejected {} ({}): {} {}", where, abbreviate(stream), rejection.reason(),
                abbreviate(rejection.getMessage()));
        if (rejection.reason() == RejectReason.UNKNOWN && rejection.getCause() != null) {
            log.debug("cause of the rejection of {}", where, rejection.getCause());
        }
    }

    private static String printable(byte[] key) {
        if (key == null) {
            return "null";
        }
        return new String(key, 0, Math.min(key.length, 4 * LOGGED_CHARS), StandardCharsets.UTF_8);
    }

    /** At most {@value #LOGGED_CHARS} characters, control characters (a forged log line) replaced. */
    private static String abbreviate(String s) {
        if (s == null) {
            return "";
        }
        final int n = Math.min(s.length(), LOGGED_CHARS);
        final StringBuilder line = new StringBuilder(n + 3);
        for (int i = 0; i < n; i++) {
            final char c = s.charAt(i);
            line.append(Character.isISOControl(c) ? '?' : c);
        }
        return s.length() > n ? line.append("...").toString() : line.toString();
    }
}
