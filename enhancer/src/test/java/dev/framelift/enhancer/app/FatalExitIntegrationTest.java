package dev.framelift.enhancer.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.framelift.enhancer.testing.EnhancerHarness;
import dev.framelift.enhancer.testing.EnhancerProcess;
import dev.framelift.enhancer.testing.KafkaTestClients;
import dev.framelift.enhancer.testing.TestFrames;
import dev.framelift.schema.EnhancedFrame;
import dev.framelift.schema.Tasks;
import dev.framelift.schema.Topics;
import dev.framelift.schema.serde.FrameLiftSerdes;

/**
 * An enhancer that cannot go on ends its process with a non-zero exit code and a one-line
 * reason, so that a supervisor restarts it; the restarted one loses nothing.
 */
class FatalExitIntegrationTest {
    private static final List<String> SETTINGS = List.of("topic.partitions=2", "stream.threads=2",
            "tf.intra.op.threads=1", "kafka.consumer.session.timeout.ms=6000",
            "kafka.producer.transaction.timeout.ms=10000", "frame.deadline.ms=5000");

    @TempDir
    Path work;

    @Test
    void shouldExitWithSeventyAndOneLineWhenItsSourceTopicIsDeleted() throws Exception {
        try (EnhancerHarness harness = EnhancerHarness.startBroker(work);
                EnhancerProcess enhancer = EnhancerProcess.start(work.resolve("enhancer.log"), harness.bootstrapServers(),
                        harness.modelsDir(), settings())) {
            try (Admin admin = admin(harness.bootstrapServers())) {
                admin.deleteTopics(List.of(Topics.RAW)).all().get();
            }

            int exit = enhancer.awaitExit(Duration.ofMinutes(3));

            assertThat(exit).as("exit code; output:\n%s", enhancer.output()).isEqualTo(70);
            assertThat(enhancer.output().lines().filter(line -> line.startsWith("framelift run: fatal:")))
                    .singleElement().asString().contains("source topic").contains("exiting with 70");
        }
    }

    @Test
    void shouldExitAtTheFirstOutOfMemoryErrorAndEnhanceTheFrameAfterARestart() throws Exception {
        try (EnhancerHarness harness = EnhancerHarness.startBroker(work)) {
            String bootstrap = harness.bootstrapServers();
            // a legitimate frame (within every limit) that needs more heap than this JVM has
            EnhancerProcess small = EnhancerProcess.start(work.resolve("small.log"), List.of("-Xmx48m"), bootstrap,
                    harness.modelsDir(), settings());
            try (KafkaProducer<byte[], byte[]> producer = KafkaTestClients.producer(bootstrap)) {
                KafkaTestClients.send(producer, Topics.RAW, TestFrames.png("archive-1", 0, Tasks.COLORIZE, 4000, 4000, true));
            }

            int exit = small.awaitExit(Duration.ofMinutes(3));
            String output = small.output();
            small.close();

            assertThat(exit).as("exit code; output:\n%s", output).isEqualTo(3);
            assertThat(output).contains("Terminating due to java.lang.OutOfMemoryError");
            // a 16-megapixel frame runs in dozens of tiles: a deadline for that on a busy machine
            List<String> patient = new java.util.ArrayList<>(settings());
            patient.removeIf(setting -> setting.startsWith("frame.deadline.ms=") || setting.contains("transaction.timeout.ms="));
            patient.addAll(List.of("frame.deadline.ms=120000", "kafka.producer.transaction.timeout.ms=300000"));
            try (EnhancerProcess big = EnhancerProcess.start(work.resolve("big.log"), List.of("-Xmx1g"), bootstrap,
                    harness.modelsDir(), patient)) {
                List<ConsumerRecord<byte[], byte[]>> out = KafkaTestClients.readCommitted(bootstrap, Topics.ENHANCED, 1,
                        Duration.ofMinutes(5));
                assertThat(out).as("enhanced after the restart; rejected: %s",
                        KafkaTestClients.readCommitted(bootstrap, Topics.REJECTED, 0, Duration.ZERO)).hasSize(1);
                EnhancedFrame frame = FrameLiftSerdes.enhancedCodec().decode(out.get(0).value());
                assertThat(frame.getStreamId()).isEqualTo("archive-1");
                assertThat(frame.getWidth()).isEqualTo(4000);
            }
        }
    }

    private List<String> settings() {
        List<String> settings = new java.util.ArrayList<>(SETTINGS);
        settings.add("state.dir=" + work.resolve("streams"));
        return settings;
    }

    private static Admin admin(String bootstrap) {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        return Admin.create(p);
    }
}
