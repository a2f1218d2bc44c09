package dev.framelift.enhancer.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.framelift.enhancer.config.EnhancerConfig;
import dev.framelift.enhancer.pipeline.Payloads;
import dev.framelift.enhancer.testing.EnhancerHarness;
import dev.framelift.enhancer.testing.KafkaTestClients;
import dev.framelift.enhancer.testing.TestFrames;
import dev.framelift.enhancer.testing.TestPayloads;
import dev.framelift.schema.EnhancedFrame;
import dev.framelift.schema.Encoding;
import dev.framelift.schema.RejectReason;
import dev.framelift.schema.RejectedFrame;
import dev.framelift.schema.Tasks;
import dev.framelift.schema.Topics;
import dev.framelift.schema.serde.FrameLiftSerdes;

/** Hostile and broken input, each rejected with its own reason, while good frames around it come out. */
class BadInputIntegrationTest {
    private static final int FRAME_LIMIT = 64 * 1024;

    @TempDir
    static Path work;
    static EnhancerHarness harness;

    @BeforeAll
    static void start() throws Exception {
        harness = EnhancerHarness.startBroker(work);
        harness.startEnhancer(Map.of(EnhancerConfig.FRAME_MAX_BYTES, String.valueOf(FRAME_LIMIT)));
    }

    @AfterAll
    static void stop() {
        harness.close();
    }

    @Test
    void shouldRejectEachBadFrameWithItsReasonAndKeepEnhancingTheRest() {
        byte[] png = TestPayloads.png(32, 24, false, 1);
        byte[] jpeg = TestPayloads.jpeg(32, 24, 2);
        byte[] corruptJpeg = Arrays.copyOf(jpeg, jpeg.length);
        for (int i = 20; i < corruptJpeg.length - 2; i++) {
            corruptJpeg[i] = (byte) (i * 37);
        }
        byte[] oversized = TestPayloads.noisePng(160, 160, 3);
        assertThat(oversized.length).isGreaterThan(FRAME_LIMIT);

        Map<String, byte[]> bad = new LinkedHashMap<>();
        Map<String, RejectReason> expected = new LinkedHashMap<>();
        bad.put("bad-avro", "this is not an Avro record".getBytes(StandardCharsets.UTF_8));
        expected.put("bad-avro", RejectReason.UNDECODABLE_RECORD);
        bad.put("bad-truncated-png", frame("bad-truncated-png", Tasks.SR_X2, Encoding.PNG, Arrays.copyOf(png, png.length / 2), 0, 0));
        expected.put("bad-truncated-png", RejectReason.CORRUPT_IMAGE);
        bad.put("bad-corrupt-jpeg", frame("bad-corrupt-jpeg", Tasks.SR_X2, Encoding.JPEG, corruptJpeg, 0, 0));
        expected.put("bad-corrupt-jpeg", RejectReason.CORRUPT_IMAGE);
        bad.put("bad-empty", frame("bad-empty", Tasks.SR_X2, Encoding.PNG, new byte[0], 0, 0));
        expected.put("bad-empty", RejectReason.EMPTY_PAYLOAD);
        bad.put("bad-bomb", frame("bad-bomb", Tasks.SR_X2, Encoding.PNG, TestPayloads.pngClaiming(100_000, 100_000), 0, 0));
        expected.put("bad-bomb", RejectReason.DIMENSIONS_TOO_LARGE);
        bad.put("bad-raw-size", frame("bad-raw-size", Tasks.SR_X2, Encoding.RGB8, new byte[10 * 10 * 3 - 1], 10, 10));
        expected.put("bad-raw-size", RejectReason.RAW_SIZE_MISMATCH);
        bad.put("bad-task", frame("bad-task", "sr-x8", Encoding.PNG, png, 0, 0));
        expected.put("bad-task", RejectReason.UNKNOWN_TASK);
        bad.put("bad-too-large", frame("bad-too-large", Tasks.SR_X2, Encoding.PNG, oversized, 0, 0));
        expected.put("bad-too-large", RejectReason.FRAME_TOO_LARGE);

        int good = 0;
        try (KafkaProducer<byte[], byte[]> producer = KafkaTestClients.producer(harness.bootstrapServers())) {
            KafkaTestClients.send(producer, Topics.RAW, TestFrames.png("good", good++, Tasks.SR_X2, 24, 16, false));
            for (Map.Entry<String, byte[]> entry : bad.entrySet()) {
                KafkaTestClients.send(producer, Topics.RAW, entry.getKey(), entry.getValue());
                KafkaTestClients.send(producer, Topics.RAW, TestFrames.png("good", good++, Tasks.SR_X2, 24, 16, false));
            }
        }

        List<ConsumerRecord<byte[], byte[]>> rejected = KafkaTestClients.readCommitted(harness.bootstrapServers(),
                Topics.REJECTED, bad.size(), Duration.ofMinutes(1));
        List<ConsumerRecord<byte[], byte[]>> enhanced = KafkaTestClients.readCommitted(harness.bootstrapServers(),
                Topics.ENHANCED, good, Duration.ofMinutes(1));

        assertThat(enhanced).hasSize(good);
        assertThat(enhanced).extracting(r -> FrameLiftSerdes.enhancedCodec().decode(r.value()))
                .extracting(EnhancedFrame::getStreamId).containsOnly("good");
        assertThat(rejected).hasSize(bad.size());
        Map<String, RejectReason> actual = new LinkedHashMap<>();
        for (ConsumerRecord<byte[], byte[]> record : rejected) {
            RejectedFrame frame = FrameLiftSerdes.rejectedCodec().decode(record.value());
            String key = new String(record.key(), StandardCharsets.UTF_8);
            actual.put(key, frame.getReason());
            assertThat(frame.getMessage()).as(key).isNotBlank();
            assertThat(frame.getSourceTopic()).isEqualTo(Topics.RAW);
            assertThat(frame.getSourceOffset()).isNotNegative();
            assertThat(Payloads.bytes(frame.getOriginalValue())).as(key + " keeps its original bytes").isEqualTo(bad.get(key));
        }
        assertThat(actual).containsExactlyInAnyOrderEntriesOf(expected);
    }

    private static byte[] frame(String streamId, String task, Encoding encoding, byte[] payload, int width, int height) {
        return FrameLiftSerdes.frameCodec().encode(TestFrames.frame(streamId, 0, task, encoding, payload, width, height));
    }
}
