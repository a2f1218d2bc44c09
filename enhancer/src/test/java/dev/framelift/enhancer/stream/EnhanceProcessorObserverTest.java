package dev.framelift.enhancer.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.framelift.enhancer.inference.BatchingConfig;
import dev.framelift.enhancer.testing.TestFrames;
import dev.framelift.enhancer.testing.TestPipeline;
import dev.framelift.schema.EnhancedFrame;
import dev.framelift.schema.Frame;
import dev.framelift.schema.RejectReason;
import dev.framelift.schema.RejectedFrame;
import dev.framelift.schema.Tasks;
import dev.framelift.schema.Topics;
import dev.framelift.schema.serde.FrameLiftSerdes;

class EnhanceProcessorObserverTest {
    @TempDir
    static Path work;
    static TestPipeline pipeline;

    final List<String> heard = new CopyOnWriteArrayList<>();
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
        MockProcessorContext<byte[], byte[]> context = new MockProcessorContext<>();
        context.setRecordMetadata(Topics.RAW, 0, 7L);
        processor = new EnhanceProcessor(pipeline.pipeline(), new FrameObserver() {
            @Override
            public void received(Frame frame) {
                heard.add("received " + frame.getStreamId() + "/" + frame.getSequence());
            }

            @Override
            public void enhanced(EnhancedFrame frame) {
                heard.add("enhanced " + frame.getStreamId() + "/" + frame.getSequence() + " by " + frame.getModelVersion());
            }

            @Override
            public void rejected(RejectedFrame frame) {
                heard.add("rejected " + frame.getStreamId() + " " + frame.getReason());
            }
        });
        processor.init(context);
    }

    @Test
    void shouldTellTheObserverAFrameWasReceivedThenEnhanced() {
        process("cam-1", FrameLiftSerdes.frameCodec().encode(TestFrames.png("cam-1", 4, Tasks.SR_X2, 8, 8, false)));

        assertThat(heard).containsExactly("received cam-1/4", "enhanced cam-1/4 by test-1");
    }

    @Test
    void shouldTellTheObserverAFrameWasRejectedWithItsReason() {
        process("cam-2", FrameLiftSerdes.frameCodec().encode(TestFrames.png("cam-2", 5, "deblur", 8, 8, false)));

        assertThat(heard).containsExactly("received cam-2/5", "rejected cam-2 " + RejectReason.UNKNOWN_TASK);
    }

    @Test
    void shouldTellTheObserverOnlyOfTheRejectionOfARecordThatIsNotAFrame() {
        process("cam-3", new byte[] {9, 9, 9});

        assertThat(heard).containsExactly("rejected null " + RejectReason.UNDECODABLE_RECORD);
    }

    private void process(String key, byte[] value) {
        processor.process(new Record<>(key.getBytes(StandardCharsets.UTF_8), value, 0L));
    }
}
