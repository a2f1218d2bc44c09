package dev.framelift.enhancer.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;

import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.framelift.enhancer.inference.BatchingConfig;
import dev.framelift.enhancer.testing.TestFrames;
import dev.framelift.enhancer.testing.TestPipeline;
import dev.framelift.schema.EnhancedFrame;
import dev.framelift.schema.Frame;
import dev.framelift.schema.RejectReason;
import dev.framelift.schema.Tasks;
import dev.framelift.schema.Topics;
import dev.framelift.schema.serde.FrameLiftSerdes;

class EnhancerTopologyTest {
    @TempDir
    Path work;

    TestPipeline pipeline;
    TopologyTestDriver driver;
    TestInputTopic<byte[], byte[]> raw;
    TestOutputTopic<byte[], byte[]> enhanced;
    TestOutputTopic<byte[], byte[]> rejected;

    void start(BatchingConfig batching) throws Exception {
        pipeline = TestPipeline.create(work, batching);
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "topology-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        driver = new TopologyTestDriver(EnhancerTopology.build(pipeline.pipeline()), props);
        raw = driver.createInputTopic(Topics.RAW, new ByteArraySerializer(), new ByteArraySerializer());
        enhanced = driver.createOutputTopic(Topics.ENHANCED, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        rejected = driver.createOutputTopic(Topics.REJECTED, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    @AfterEach
    void stop() {
        driver.close();
        pipeline.close();
    }

    @Test
    void shouldKeepPerKeyOrderAcrossBatches() throws Exception {
        start(BatchingConfig.defaults());
        for (int i = 0; i < 12; i++) {
            send(TestFrames.png("cam-" + (i % 3), i / 3, i % 2 == 0 ? Tasks.SR_X2 : Tasks.COLORIZE, 16, 12, false));
        }

        List<EnhancedFrame> out = enhanced.readValuesToList().stream()
                .map(FrameLiftSerdes.enhancedCodec()::decode).toList();

        assertThat(out).hasSize(12);
        for (String stream : List.of("cam-0", "cam-1", "cam-2")) {
            assertThat(out.stream().filter(f -> f.getStreamId().equals(stream)).map(EnhancedFrame::getSequence))
                    .containsExactly(0L, 1L, 2L, 3L);
        }
        assertThat(rejected.isEmpty()).isTrue();
    }

    @Test
    void shouldLetTheProducerChooseThePerceptualFlavourAndSayItOnTheEnhancedFrame() throws Exception {
        start(BatchingConfig.defaults());
        send(TestFrames.png("archive-1", 0, Tasks.SR_X2_PERCEPTUAL, 16, 12, false));
        send(TestFrames.png("archive-1", 1, Tasks.SR_X2, 16, 12, false));

        List<EnhancedFrame> out = enhanced.readValuesToList().stream()
                .map(FrameLiftSerdes.enhancedCodec()::decode).toList();

        assertThat(out).extracting(EnhancedFrame::getTask).containsExactly(Tasks.SR_X2_PERCEPTUAL, Tasks.SR_X2);
        assertThat(out).extracting(EnhancedFrame::getFlavour).containsExactly(Tasks.PERCEPTUAL, Tasks.FAITHFUL);
        assertThat(out).extracting(EnhancedFrame::getModelVersion).containsExactly("test-p", "test-1");
    }

    @Test
    void shouldFlushAPartialBatchOnTheWallClockWhenNoMoreFramesCome() throws Exception {
        Duration maxWait = Duration.ofMillis(80);
        start(new BatchingConfig(8, maxWait, 64));

        long started = System.nanoTime();
        send(TestFrames.png("cam-1", 0, Tasks.SR_X2, 16, 12, false));
        double elapsedMs = (System.nanoTime() - started) / 1e6;

        EnhancedFrame out = FrameLiftSerdes.enhancedCodec().decode(enhanced.readValue());
        assertThat(out.getTimings().getBatchSize()).isEqualTo(1);
        assertThat(out.getTimings().getQueuedMs()).isGreaterThanOrEqualTo(maxWait.toMillis() * 0.9);
        assertThat(elapsedMs).isGreaterThanOrEqualTo(maxWait.toMillis() * 0.9);
    }

    @Test
    void shouldSendBadFramesToTheRejectedTopicAndCarryOn() throws Exception {
        start(BatchingConfig.defaults());
        send(TestFrames.png("cam-1", 0, Tasks.SR_X2, 16, 12, false));
        raw.pipeInput("cam-1".getBytes(StandardCharsets.UTF_8), new byte[] {(byte) 0xC3, 0x01, 0, 0});
        send(TestFrames.png("cam-1", 1, Tasks.SR_X2, 16, 12, false));

        assertThat(enhanced.readValuesToList()).hasSize(2);
        assertThat(FrameLiftSerdes.rejectedCodec().decode(rejected.readValue()).getReason())
                .isEqualTo(RejectReason.UNDECODABLE_RECORD);
    }

    private void send(Frame frame) {
        raw.pipeInput(frame.getStreamId().getBytes(StandardCharsets.UTF_8), FrameLiftSerdes.frameCodec().encode(frame));
    }
}
