package dev.framelift.enhancer.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.framelift.enhancer.testing.EnhancerHarness;
import dev.framelift.enhancer.testing.KafkaTestClients;
import dev.framelift.enhancer.testing.TestFrames;
import dev.framelift.schema.EnhancedFrame;
import dev.framelift.schema.Frame;
import dev.framelift.schema.Tasks;
import dev.framelift.schema.Topics;
import dev.framelift.schema.serde.FrameLiftSerdes;

/** The whole enhancer on a real KRaft broker with real (tiny) TensorFlow generators. */
class EnhancerIntegrationTest {
    @TempDir
    static Path work;
    static EnhancerHarness harness;

    @BeforeAll
    static void start() throws Exception {
        harness = EnhancerHarness.startBroker(work);
        harness.startEnhancer(Map.of());
    }

    @AfterAll
    static void stop() {
        harness.close();
    }

    @Test
    void shouldEnhanceEveryFrameExactlyOnceKeepingPerKeyOrder() {
        String[] streams = {"cam-a", "cam-b", "archive-c", "cam-d"};
        String[] tasks = {Tasks.SR_X2, Tasks.SR_X4, Tasks.COLORIZE, Tasks.SR_X2};
        int[][] sizes = {{32, 24}, {20, 16}, {40, 30}, {36, 20}};
        Map<String, Frame> sent = new HashMap<>();
        try (KafkaProducer<byte[], byte[]> producer = KafkaTestClients.producer(harness.bootstrapServers())) {
            for (int i = 0; i < 200; i++) {
                int s = i % 4;
                Frame frame = TestFrames.png(streams[s], i / 4, tasks[s], sizes[s][0], sizes[s][1], s == 2);
                sent.put(frame.getStreamId() + "/" + frame.getSequence(), frame);
                KafkaTestClients.send(producer, Topics.RAW, frame);
            }
        }

        List<ConsumerRecord<byte[], byte[]>> out = KafkaTestClients.readCommitted(harness.bootstrapServers(),
                Topics.ENHANCED, 200, Duration.ofMinutes(2));

        assertThat(out).hasSize(200);
        Map<String, List<Long>> sequencesByKey = new HashMap<>();
        Map<String, Integer> seen = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> record : out) {
            EnhancedFrame enhanced = FrameLiftSerdes.enhancedCodec().decode(record.value());
            String id = enhanced.getStreamId() + "/" + enhanced.getSequence();
            seen.merge(id, 1, Integer::sum);
            assertThat(new String(record.key(), StandardCharsets.UTF_8)).isEqualTo(enhanced.getStreamId());
            sequencesByKey.computeIfAbsent(enhanced.getStreamId(), k -> new ArrayList<>()).add(enhanced.getSequence());

            Frame input = sent.get(id);
            int scale = switch (input.getTask()) {
                case Tasks.SR_X2 -> 2;
                case Tasks.SR_X4 -> 4;
                default -> 1;
            };
            int s = List.of(streams).indexOf(input.getStreamId());
            assertThat(enhanced.getInputWidth()).isEqualTo(sizes[s][0]);
            assertThat(enhanced.getWidth()).isEqualTo(sizes[s][0] * scale);
            assertThat(enhanced.getHeight()).isEqualTo(sizes[s][1] * scale);
            assertThat(enhanced.getModelVersion()).isEqualTo(harness.modelVersion(input.getTask())).isNotBlank();
            assertThat(enhanced.getAttributes()).containsEntry("trace", enhanced.getStreamId() + "-" + enhanced.getSequence());
            assertThat(enhanced.getTimings().getBatchSize()).isBetween(1, 4);
        }
        assertThat(seen).hasSize(200).allSatisfy((id, count) -> assertThat(count).as(id).isEqualTo(1));
        sequencesByKey.values().forEach(sequences -> assertThat(sequences).isSorted());
        assertThat(KafkaTestClients.readCommitted(harness.bootstrapServers(), Topics.REJECTED, 0, Duration.ZERO)).isEmpty();
    }
}
