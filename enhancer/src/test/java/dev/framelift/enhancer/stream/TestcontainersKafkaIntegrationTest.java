package dev.framelift.enhancer.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;

import dev.framelift.enhancer.app.EnhancerService;
import dev.framelift.enhancer.config.EnhancerConfig;
import dev.framelift.enhancer.testing.EnhancerHarness;
import dev.framelift.enhancer.testing.KafkaTestClients;
import dev.framelift.enhancer.testing.TestFrames;
import dev.framelift.model.testing.TestModels;
import dev.framelift.schema.Tasks;
import dev.framelift.schema.Topics;
import dev.framelift.schema.serde.FrameLiftSerdes;

/**
 * The end-to-end path against the official Kafka image. Runs where a Docker engine does (a
 * developer laptop, most CI); skipped, and reported as skipped, where none runs.
 */
@Testcontainers(disabledWithoutDocker = true)
class TestcontainersKafkaIntegrationTest {
    @Container
    static final KafkaContainer KAFKA = new KafkaContainer("apache/kafka:4.1.0");

    @TempDir
    Path work;

    @Test
    void shouldEnhanceFramesExactlyOnceOnTheOfficialKafkaImage() throws Exception {
        Path models = TestModels.writeAll(Files.createDirectories(work.resolve("models")));
        Map<String, Object> settings = EnhancerHarness.settings(KAFKA.getBootstrapServers(), models, work);
        try (EnhancerService service = EnhancerService.start(new EnhancerConfig(settings), Duration.ofMinutes(2))) {
            try (KafkaProducer<byte[], byte[]> producer = KafkaTestClients.producer(KAFKA.getBootstrapServers())) {
                for (int i = 0; i < 40; i++) {
                    KafkaTestClients.send(producer, Topics.RAW,
                            TestFrames.png("cam-" + (i % 4), i / 4, i % 2 == 0 ? Tasks.SR_X2 : Tasks.SR_X4, 24, 16, false));
                }
            }
            List<ConsumerRecord<byte[], byte[]>> out = KafkaTestClients.readCommitted(KAFKA.getBootstrapServers(),
                    Topics.ENHANCED, 40, Duration.ofMinutes(2));
            Set<String> ids = out.stream().map(r -> FrameLiftSerdes.enhancedCodec().decode(r.value()))
                    .map(f -> f.getStreamId() + "/" + f.getSequence()).collect(Collectors.toSet());
            assertThat(out).hasSize(40);
            assertThat(ids).hasSize(40);
        }
    }
}
