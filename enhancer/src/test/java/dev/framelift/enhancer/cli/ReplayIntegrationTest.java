package dev.framelift.enhancer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.framelift.enhancer.app.EnhancerService;
import dev.framelift.enhancer.config.EnhancerConfig;
import dev.framelift.enhancer.pipeline.Payloads;
import dev.framelift.enhancer.testing.EnhancerHarness;
import dev.framelift.enhancer.testing.KafkaTestClients;
import dev.framelift.enhancer.testing.TestFrames;
import dev.framelift.enhancer.testing.TestPayloads;
import dev.framelift.model.testing.TestModels;
import dev.framelift.schema.EnhancedFrame;
import dev.framelift.schema.Encoding;
import dev.framelift.schema.Frame;
import dev.framelift.schema.RejectedFrame;
import dev.framelift.schema.Tasks;
import dev.framelift.schema.Topics;
import dev.framelift.schema.serde.FrameLiftSerdes;

/**
 * Frames rejected because their model was missing come back once the model is there: each dead
 * letter exactly once over several runs of {@code framelift replay}, filtered by reason and
 * stream, in order.
 */
class ReplayIntegrationTest {
    @TempDir
    Path work;

    @Test
    void shouldReplayEachMatchingDeadLetterExactlyOnceAfterItsCauseIsFixed() throws Exception {
        try (EnhancerHarness harness = EnhancerHarness.startBroker(work)) {
            String bootstrap = harness.bootstrapServers();
            Path withoutColorizer = TestModels.write(Files.createDirectories(work.resolve("sr-only")), Tasks.SR_X2, "test-1")
                    .getParent();
            try (EnhancerService missingModel = start(harness, withoutColorizer)) {
                try (KafkaProducer<byte[], byte[]> producer = KafkaTestClients.producer(bootstrap)) {
                    for (int i = 0; i < 4; i++) {
                        KafkaTestClients.send(producer, Topics.RAW, TestFrames.png("cam-1", i, Tasks.COLORIZE, 24, 16, true));
                    }
                    for (int i = 0; i < 3; i++) {
                        KafkaTestClients.send(producer, Topics.RAW, TestFrames.png("cam-2", i, Tasks.COLORIZE, 24, 16, true));
                    }
                    byte[] png = TestPayloads.png(24, 16, false, 1);
                    KafkaTestClients.send(producer, Topics.RAW, TestFrames.frame("cam-1", 4, Tasks.SR_X2, Encoding.PNG,
                            Arrays.copyOf(png, png.length / 2), 0, 0));
                    KafkaTestClients.send(producer, Topics.RAW, TestFrames.png("cam-3", 0, Tasks.SR_X2, 24, 16, false));
                }
                assertThat(KafkaTestClients.readCommitted(bootstrap, Topics.REJECTED, 8, Duration.ofMinutes(2))).hasSize(8);
            }
            try (EnhancerService fixed = start(harness, harness.modelsDir())) {
                assertThat(replay(bootstrap, "--reason", "unknown_task", "--stream", "cam-2", "--dry-run"))
                        .contains("would replay 3 of 3");
                assertThat(replay(bootstrap, "--reason", "unknown_task", "--stream", "cam-2")).contains("replayed 3 of 3");
                assertThat(replay(bootstrap, "--reason", "UNKNOWN_TASK", "--stream", "cam-2")).contains("replayed 0 of 3")
                        .contains("3 replayed before");
                assertThat(replay(bootstrap, "--reason", "UNKNOWN_TASK", "--since", "1d")).contains("replayed 4 of 7");
                assertThat(replay(bootstrap, "--reason", "UNKNOWN_TASK")).contains("replayed 0 of 7");
                assertThat(replay(bootstrap, "--reason", "CORRUPT_IMAGE", "--since", "2099-01-01")).contains("replayed 0 of 0");

                List<ConsumerRecord<byte[], byte[]>> enhanced = KafkaTestClients.readCommitted(bootstrap, Topics.ENHANCED, 8,
                        Duration.ofMinutes(2));
                Map<String, List<Long>> sequences = new HashMap<>();
                for (ConsumerRecord<byte[], byte[]> record : enhanced) {
                    EnhancedFrame frame = FrameLiftSerdes.enhancedCodec().decode(record.value());
                    sequences.computeIfAbsent(frame.getStreamId(), k -> new ArrayList<>()).add(frame.getSequence());
                    if (!frame.getStreamId().equals("cam-3")) {
                        assertThat(record.headers().lastHeader("framelift.replayed-from")).as("replayed frames say so").isNotNull();
                    }
                }
                assertThat(sequences).containsEntry("cam-1", List.of(0L, 1L, 2L, 3L)).containsEntry("cam-2", List.of(0L, 1L, 2L))
                        .containsEntry("cam-3", List.of(0L)).hasSize(3);
                List<ConsumerRecord<byte[], byte[]>> rejected = KafkaTestClients.readCommitted(bootstrap, Topics.REJECTED, 8,
                        Duration.ofSeconds(5));
                assertThat(rejected).as("nothing rejected again").hasSize(8);
                RejectedFrame corrupt = rejected.stream().map(r -> FrameLiftSerdes.rejectedCodec().decode(r.value()))
                        .filter(r -> r.getSequence() != null && r.getSequence() == 4L).findFirst().orElseThrow();
                Frame original = FrameLiftSerdes.frameCodec().decode(Payloads.bytes(corrupt.getOriginalValue()));
                assertThat(original.getStreamId()).isEqualTo("cam-1");
            }
        }
    }

    private static EnhancerService start(EnhancerHarness harness, Path models) throws java.io.IOException {
        Map<String, Object> settings = harness.settings();
        settings.put(EnhancerConfig.MODELS_DIR, models.toString());
        return EnhancerService.start(new EnhancerConfig(settings), Duration.ofMinutes(1));
    }

    private static String replay(String bootstrap, String... args) {
        List<String> command = new ArrayList<>(List.of("replay", "--bootstrap-servers", bootstrap));
        command.addAll(List.of(args));
        PrintStream original = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            int exit = Main.commandLine().execute(command.toArray(String[]::new));
            assertThat(exit).as("replay %s", command).isZero();
        } finally {
            System.setOut(original);
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
