package dev.framelift.enhancer.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.MockProcessorContext.CapturedForward;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.framelift.enhancer.inference.BatchingConfig;
import dev.framelift.enhancer.pipeline.Payloads;
import dev.framelift.enhancer.testing.TestFrames;
import dev.framelift.enhancer.testing.TestPipeline;
import dev.framelift.schema.EnhancedFrame;
import dev.framelift.schema.RejectReason;
import dev.framelift.schema.RejectedFrame;
import dev.framelift.schema.Tasks;
import dev.framelift.schema.Topics;
import dev.framelift.schema.serde.FrameLiftSerdes;

class EnhanceProcessorTest {
    @TempDir
    static Path work;
    static TestPipeline pipeline;

    MockProcessorContext<byte[], byte[]> context;
    EnhanceProcessor processor;

    @BeforeAll
    static void loadModels() throws Exception {
        pipeline = TestPipeline.create(work, BatchingConfig.defaults());
    }

    @AfterAll
    static void closeModels() {
        pipeline.close();
    }

    @BeforeEach
    void init() {
        context = new MockProcessorContext<>();
        context.setRecordMetadata(Topics.RAW, 2, 41L);
        processor = new EnhanceProcessor(pipeline.pipeline());
        processor.init(context);
    }

    @Test
    void shouldForwardOneEnhancedFrameToTheEnhancedSink() {
        byte[] value = FrameLiftSerdes.frameCodec().encode(TestFrames.png("cam-1", 9, Tasks.SR_X4, 12, 10, false));

        processor.process(new Record<>("cam-1".getBytes(StandardCharsets.UTF_8), value, 0L));

        List<CapturedForward<? extends byte[], ? extends byte[]>> forwarded = context.forwarded();
        assertThat(forwarded).hasSize(1);
        assertThat(forwarded.get(0).childName()).hasValue(EnhancerTopology.ENHANCED_SINK);
        EnhancedFrame out = FrameLiftSerdes.enhancedCodec().decode(forwarded.get(0).record().value());
        assertThat(out.getSequence()).isEqualTo(9);
        assertThat(out.getWidth()).isEqualTo(48);
        assertThat(out.getHeight()).isEqualTo(40);
        assertThat(out.getTimings().getBatchSize()).isEqualTo(1);
    }

    @Test
    void shouldRejectAnUndecodableRecordKeepingItsBytesAndOffset() {
        byte[] garbage = {1, 2, 3, 4, 5};

        processor.process(new Record<>("cam-1".getBytes(StandardCharsets.UTF_8), garbage, 0L));

        assertThat(context.forwarded()).hasSize(1);
        assertThat(context.forwarded().get(0).childName()).hasValue(EnhancerTopology.REJECTED_SINK);
        RejectedFrame rejected = FrameLiftSerdes.rejectedCodec().decode(context.forwarded().get(0).record().value());
        assertThat(rejected.getReason()).isEqualTo(RejectReason.UNDECODABLE_RECORD);
        assertThat(Payloads.bytes(rejected.getOriginalValue())).isEqualTo(garbage);
        assertThat(rejected.getSourcePartition()).isEqualTo(2);
        assertThat(rejected.getSourceOffset()).isEqualTo(41L);
        assertThat(rejected.getStreamId()).isNull();
    }

    @Test
    void shouldRejectAFrameForATaskWithoutAModel() {
        byte[] value = FrameLiftSerdes.frameCodec().encode(TestFrames.png("cam-1", 3, "deblur", 12, 10, false));

        processor.process(new Record<>("cam-1".getBytes(StandardCharsets.UTF_8), value, 0L));

        RejectedFrame rejected = FrameLiftSerdes.rejectedCodec().decode(context.forwarded().get(0).record().value());
        assertThat(rejected.getReason()).isEqualTo(RejectReason.UNKNOWN_TASK);
        assertThat(rejected.getMessage()).contains("deblur");
        assertThat(rejected.getStreamId()).isEqualTo("cam-1");
        assertThat(rejected.getSequence()).isEqualTo(3L);
    }
}
