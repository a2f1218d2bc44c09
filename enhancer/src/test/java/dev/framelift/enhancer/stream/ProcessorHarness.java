package dev.framelift.enhancer.stream;

import java.time.Duration;

import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

import dev.framelift.enhancer.pipeline.FrameEnhancer;
import dev.framelift.schema.serde.FrameLiftSerdes;

/**
 * One {@link EnhanceProcessor} over a {@link MockProcessorContext}, for tests outside this
 * package: a record in, its one answer out.
 */
public final class ProcessorHarness {
    private final EnhanceProcessor processor;
    private final MockProcessorContext<byte[], byte[]> context = new MockProcessorContext<>();
    private long offset;

    public ProcessorHarness(FrameEnhancer enhancer, int enhancedMaxBytes, int rejectedMaxBytes) {
        ProcessingLimits limits = new ProcessingLimits(enhancedMaxBytes, rejectedMaxBytes, Duration.ofSeconds(30),
                Duration.ofMillis(100));
        processor = new EnhanceProcessor(enhancer, limits, new RoundBudget(limits.roundBudget()), FrameObserver.NONE);
        processor.init(context);
    }

    /**
     * @param outcome {@code ENHANCED} or the reject reason
     * @param message the rejection's message, empty when enhanced
     */
    public record Answer(String outcome, String message) {
    }

    /** Processes one record and returns its answer; fails unless exactly one record was forwarded. */
    public Answer process(byte[] key, byte[] value) {
        context.resetForwards();
        context.setRecordMetadata("frames.raw", 0, offset++);
        processor.process(new Record<>(key, value, 0L));
        if (context.forwarded().size() != 1) {
            throw new AssertionError(context.forwarded().size() + " answers to one record");
        }
        MockProcessorContext.CapturedForward<? extends byte[], ? extends byte[]> out = context.forwarded().get(0);
        if (out.childName().orElseThrow().equals(EnhancerTopology.ENHANCED_SINK)) {
            return new Answer("ENHANCED", "");
        }
        var rejected = FrameLiftSerdes.rejectedCodec().decode(out.record().value());
        return new Answer(rejected.getReason().name(), rejected.getMessage());
    }
}
