package dev.framelift.enhancer.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.MockProcessorContext.CapturedForward;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.framelift.enhancer.inference.BatchingConfig;
import dev.framelift.enhancer.pipeline.FrameEnhancer;
import dev.framelift.enhancer.pipeline.Payloads;
import dev.framelift.enhancer.testing.TestFrames;
import dev.framelift.enhancer.testing.TestPipeline;
import dev.framelift.schema.Frame;
import dev.framelift.schema.RejectReason;
import dev.framelift.schema.RejectedFrame;
import dev.framelift.schema.Tasks;
import dev.framelift.schema.Topics;
import dev.framelift.schema.serde.FrameLiftSerdes;

/** Output records that would not fit their topic, and errors that must not escape the processor. */
class EnhanceProcessorLimitsTest {
    @TempDir
    static Path work;
    static TestPipeline pipeline;

    @BeforeAll
    static void loadModels() throws Exception {
        pipeline = TestPipeline.create(work, BatchingConfig.defaults());
    }

    @AfterAll
    static void closeModels() {
        pipeline.close();
    }

    @Test
    void shouldRejectAnEnhancedRecordWhoseAttributesPushItOverTheTopicLimit() {
        ProcessingLimits limits = limits(6_000, 64_000);
        Frame plain = TestFrames.png("cam-1", 1, Tasks.SR_X2, 12, 10, false);
        Frame padded = TestFrames.png("cam-1", 2, Tasks.SR_X2, 12, 10, false);
        padded.setAttributes(Map.of("note", "x".repeat(6_000)));

        CapturedForward<? extends byte[], ? extends byte[]> ok = processOne(limits, encode(plain));
        CapturedForward<? extends byte[], ? extends byte[]> tooLarge = processOne(limits, encode(padded));

        assertThat(ok.childName()).hasValue(EnhancerTopology.ENHANCED_SINK);
        assertThat(tooLarge.childName()).hasValue(EnhancerTopology.REJECTED_SINK);
        RejectedFrame rejected = FrameLiftSerdes.rejectedCodec().decode(tooLarge.record().value());
        assertThat(rejected.getReason()).isEqualTo(RejectReason.OUTPUT_TOO_LARGE);
        assertThat(rejected.getMessage()).contains("1 attributes").contains("6000-byte limit of frames.enhanced");
    }

    @Test
    void shouldCutTheCopiedFieldsOfARejectionToFitItsTopicButKeepTheOriginalBytes() {
        ProcessingLimits limits = limits(64_000, 12_000);
        String longStream = "camera-" + "é".repeat(2_000);
        Frame frame = TestFrames.png(longStream, 3, "no-such-task-" + "t".repeat(3_000), 12, 10, false);
        byte[] value = encode(frame);

        CapturedForward<? extends byte[], ? extends byte[]> out = processOne(limits, value);

        assertThat(out.childName()).hasValue(EnhancerTopology.REJECTED_SINK);
        assertThat(RecordSize.upperBound(out.record().key(), out.record().value(), out.record().headers()))
                .isLessThanOrEqualTo(12_000);
        RejectedFrame rejected = FrameLiftSerdes.rejectedCodec().decode(out.record().value());
        assertThat(rejected.getReason()).isEqualTo(RejectReason.UNKNOWN_TASK);
        assertThat(Payloads.bytes(rejected.getOriginalValue())).isEqualTo(value);
        assertThat(rejected.getStreamId()).startsWith("camera-é").endsWith("...").hasSizeLessThan(longStream.length());
        assertThat(rejected.getTask()).startsWith("no-such-task-t").endsWith("...");
        assertThat(rejected.getSequence()).isEqualTo(3L);
    }

    @Test
    void shouldKeepEveryCopiedFieldWhenTheRejectionFits() {
        Frame frame = TestFrames.png("cam-9", 4, "deblur", 12, 10, false);

        RejectedFrame rejected = FrameLiftSerdes.rejectedCodec().decode(processOne(limits(64_000, 64_000), encode(frame))
                .record().value());

        assertThat(rejected.getStreamId()).isEqualTo("cam-9");
        assertThat(rejected.getTask()).isEqualTo("deblur");
        assertThat(rejected.getMessage()).contains("deblur").doesNotEndWith("...");
    }

    @Test
    void shouldRejectAFrameWhoseEnhancementThrowsAnErrorAndGoOnWithTheNext() {
        Map<Long, Throwable> errors = new HashMap<>();
        errors.put(1L, new OutOfMemoryError("Java heap space"));
        errors.put(2L, new StackOverflowError());
        FrameEnhancer failing = (frame, deadline) -> {
            Throwable t = errors.get(frame.getSequence());
            if (t instanceof Error error) {
                throw error;
            }
            return pipeline.pipeline().enhance(frame, deadline);
        };
        MockProcessorContext<byte[], byte[]> context = context();
        EnhanceProcessor processor = processor(failing, limits(16 << 20, 17 << 20));
        processor.init(context);

        for (long sequence = 1; sequence <= 3; sequence++) {
            processor.process(new Record<>(key(), encode(TestFrames.png("cam-1", sequence, Tasks.SR_X2, 12, 10, false)), 0L));
        }

        assertThat(context.forwarded()).hasSize(3);
        RejectedFrame oom = FrameLiftSerdes.rejectedCodec().decode(context.forwarded().get(0).record().value());
        assertThat(oom.getReason()).isEqualTo(RejectReason.UNKNOWN);
        assertThat(oom.getMessage()).contains("OutOfMemoryError: Java heap space");
        assertThat(FrameLiftSerdes.rejectedCodec().decode(context.forwarded().get(1).record().value()).getMessage())
                .contains("StackOverflowError");
        assertThat(context.forwarded().get(2).childName()).hasValue(EnhancerTopology.ENHANCED_SINK);
    }

    @Test
    void shouldRejectAFrameAsTimeoutOnceItsThreadSpentItsRoundBudget() {
        // a 1.5 s round budget, and no commit opportunity (punctuation) since the task started
        ProcessingLimits tight = new ProcessingLimits(16 << 20, 17 << 20, Duration.ofMillis(1_500), Duration.ofHours(1));
        MockProcessorContext<byte[], byte[]> context = context();
        EnhanceProcessor processor = processor(pipeline.pipeline(), tight);
        processor.init(context);
        sleep(1_600);

        processor.process(new Record<>(key(), encode(TestFrames.png("cam-1", 1, Tasks.SR_X2, 12, 10, false)), 0L));
        context.scheduledPunctuators().get(0).getPunctuator().punctuate(0L);
        processor.process(new Record<>(key(), encode(TestFrames.png("cam-1", 2, Tasks.SR_X2, 12, 10, false)), 0L));

        assertThat(FrameLiftSerdes.rejectedCodec().decode(context.forwarded().get(0).record().value()).getReason())
                .isEqualTo(RejectReason.TIMEOUT);
        assertThat(context.forwarded().get(1).childName()).as("a fresh round after the punctuation")
                .hasValue(EnhancerTopology.ENHANCED_SINK);
    }

    @Test
    void shouldDropTheCopiedHeadersBeforeTheOriginalBytesWhenARejectionStillDoesNotFit() {
        RecordHeaders headers = new RecordHeaders();
        headers.add("big", new byte[6_000]);
        byte[] value = "not a frame".getBytes(StandardCharsets.UTF_8);
        MockProcessorContext<byte[], byte[]> context = context();
        EnhanceProcessor processor = processor(pipeline.pipeline(), limits(64_000, 4_000));
        processor.init(context);

        processor.process(new Record<>(key(), value, 0L, headers));

        Record<? extends byte[], ? extends byte[]> out = context.forwarded().get(0).record();
        assertThat(out.headers().toArray()).isEmpty();
        assertThat(Payloads.bytes(FrameLiftSerdes.rejectedCodec().decode(out.value()).getOriginalValue())).isEqualTo(value);
    }

    private static CapturedForward<? extends byte[], ? extends byte[]> processOne(ProcessingLimits limits, byte[] value) {
        MockProcessorContext<byte[], byte[]> context = context();
        EnhanceProcessor processor = processor(pipeline.pipeline(), limits);
        processor.init(context);
        processor.process(new Record<>(key(), value, 0L));
        assertThat(context.forwarded()).hasSize(1);
        return context.forwarded().get(0);
    }

    private static EnhanceProcessor processor(FrameEnhancer enhancer, ProcessingLimits limits) {
        return new EnhanceProcessor(enhancer, limits, new RoundBudget(limits.roundBudget()), FrameObserver.NONE);
    }

    private static MockProcessorContext<byte[], byte[]> context() {
        MockProcessorContext<byte[], byte[]> context = new MockProcessorContext<>();
        context.setRecordMetadata(Topics.RAW, 0, 7L);
        return context;
    }

    private static ProcessingLimits limits(int enhanced, int rejected) {
        return new ProcessingLimits(enhanced, rejected, Duration.ofSeconds(30), Duration.ofMillis(100));
    }

    private static byte[] key() {
        return "cam-1".getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] encode(Frame frame) {
        return FrameLiftSerdes.frameCodec().encode(frame);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
