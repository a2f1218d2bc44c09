package dev.framelift.enhancer.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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
 * The exactly-once proof: an enhancer in its own JVM is killed with SIGKILL in the middle of a
 * stream and started again; every input must then have exactly one committed output.
 */
class CrashRecoveryIntegrationTest {
    private static final int FRAMES = 600;
    private static final List<String> SETTINGS = List.of("topic.partitions=3", "stream.threads=3",
            "tf.intra.op.threads=1", "kafka.consumer.session.timeout.ms=6000",
            // a short transaction timeout, so the killed enhancer's open transaction is aborted soon;
            // the frame deadline must fit twice into it
            "kafka.producer.transaction.timeout.ms=10000", "frame.deadline.ms=5000", "http.port=0");

    @TempDir
    Path work;

    @Test
    void shouldNeitherLoseNorDoubleFramesWhenTheEnhancerIsKilledMidStream() throws Exception {
        try (EnhancerHarness harness = EnhancerHarness.startBroker(work)) {
            String bootstrap = harness.bootstrapServers();
            List<String> settings = new java.util.ArrayList<>(SETTINGS);
            settings.add("state.dir=" + work.resolve("streams"));

            EnhancerProcess first = EnhancerProcess.start(work.resolve("enhancer-1.log"), bootstrap, harness.modelsDir(), settings);
            Thread camera = new Thread(() -> produce(bootstrap), "camera");
            camera.start();
            int beforeKill = waitForOutputs(bootstrap, FRAMES / 5);
            boolean cameraStillSending = camera.isAlive();
            first.kill();
            assertThat(beforeKill).as("outputs before the kill").isGreaterThanOrEqualTo(FRAMES / 5);
            assertThat(cameraStillSending).as("the kill came mid-stream").isTrue();
            camera.join();

            try (EnhancerProcess second = EnhancerProcess.start(work.resolve("enhancer-2.log"), bootstrap,
                    harness.modelsDir(), settings)) {
                List<ConsumerRecord<byte[], byte[]>> out = KafkaTestClients.readCommitted(bootstrap, Topics.ENHANCED,
                        FRAMES, Duration.ofMinutes(3));
                Map<String, Integer> outputs = new HashMap<>();
                for (ConsumerRecord<byte[], byte[]> record : out) {
                    EnhancedFrame frame = FrameLiftSerdes.enhancedCodec().decode(record.value());
                    outputs.merge(frame.getStreamId() + "/" + frame.getSequence(), 1, Integer::sum);
                }
                assertThat(outputs).as("one output per input, none lost").hasSize(FRAMES);
                assertThat(outputs.values()).as("none doubled").containsOnly(1);
                assertThat(out).hasSize(FRAMES);
                assertThat(KafkaTestClients.readCommitted(bootstrap, Topics.REJECTED, 0, Duration.ZERO)).isEmpty();
            }
        }
    }

    /** Sends the frames at a camera's pace, so that the stream is still flowing when the kill comes. */
    private static void produce(String bootstrap) {
        try (KafkaProducer<byte[], byte[]> producer = KafkaTestClients.producer(bootstrap)) {
            for (int i = 0; i < FRAMES; i++) {
                KafkaTestClients.send(producer, Topics.RAW, TestFrames.png("cam-" + (i % 6), i / 6, Tasks.SR_X2, 96, 64, false));
                Thread.sleep(20);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Blocks until at least {@code count} committed outputs exist; returns how many there were. */
    private static int waitForOutputs(String bootstrap, int count) {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        int seen = 0;
        while (seen < count && System.nanoTime() < deadline) {
            seen = KafkaTestClients.readCommitted(bootstrap, Topics.ENHANCED, count, Duration.ofSeconds(2)).size();
        }
        return seen;
    }
}
