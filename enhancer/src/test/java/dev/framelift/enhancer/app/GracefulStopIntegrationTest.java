package dev.framelift.enhancer.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.framelift.enhancer.chaos.FrameAudit;
import dev.framelift.enhancer.testing.EnhancerHarness;
import dev.framelift.enhancer.testing.EnhancerProcess;
import dev.framelift.enhancer.testing.KafkaTestClients;
import dev.framelift.enhancer.testing.TestFrames;
import dev.framelift.enhancer.testing.TestPayloads;
import dev.framelift.schema.Encoding;
import dev.framelift.schema.Tasks;
import dev.framelift.schema.Topics;

/**
 * SIGTERM while frames wait in the batcher: the enhancer finishes and commits them, or leaves
 * them uncommitted for the next owner; after a second enhancer takes over, every input has
 * exactly one output.
 */
class GracefulStopIntegrationTest {
    private static final int MAX_FRAMES = 600;

    @TempDir
    Path work;

    @Test
    void shouldFinishOrLeaveUncommittedEveryQueuedFrameOnSigterm() throws Exception {
        try (EnhancerHarness harness = EnhancerHarness.startBroker(work)) {
            String bootstrap = harness.bootstrapServers();
            // more stream threads than a batch holds: while one batch runs, the others' frames queue
            List<String> settings = new ArrayList<>(List.of("topic.partitions=6", "stream.threads=6", "batch.max.size=2",
                    "tf.intra.op.threads=1", "kafka.consumer.session.timeout.ms=6000",
                    "kafka.producer.transaction.timeout.ms=10000", "frame.deadline.ms=5000", "state.dir=" + work.resolve("streams")));
            EnhancerProcess first = EnhancerProcess.start(work.resolve("first.log"), bootstrap, harness.modelsDir(), settings);
            Camera camera = new Camera(bootstrap);
            camera.start();
            awaitFirstOutput(bootstrap);
            boolean cameraStillSending = camera.isAlive();

            int exit = first.terminate(Duration.ofMinutes(2));
            String log = first.output();
            first.close();
            int sent = camera.finish();

            assertThat(cameraStillSending).as("SIGTERM came while frames kept arriving").isTrue();
            assertThat(exit).as("exit on SIGTERM; log:\n%s", log).isEqualTo(143);
            assertThat(log).containsPattern("stopping: \\d+ frame\\(s\\) waiting for inference").contains("stopped cleanly")
                    .doesNotContain("micro-batcher closed");
            int committedByFirst = KafkaTestClients.readCommitted(bootstrap, Topics.ENHANCED, 0, Duration.ZERO).size();
            assertThat(committedByFirst).as("outputs committed by the first enhancer").isBetween(1, sent - 1);
            try (EnhancerProcess second = EnhancerProcess.start(work.resolve("second.log"), bootstrap, harness.modelsDir(),
                    settings)) {
                KafkaTestClients.readCommitted(bootstrap, Topics.ENHANCED, sent, Duration.ofMinutes(3));
                Properties client = new Properties();
                client.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
                FrameAudit.Report audit = FrameAudit.run(client);
                assertThat(audit.exactlyOnceInOrder()).as(audit.summary()).isTrue();
                assertThat(audit.inputs()).isEqualTo(sent);
                assertThat(audit.enhanced()).as("enhanced, the rest rejected (TIMEOUT on a starved machine)").isPositive();
            }
        }
    }

    private static void awaitFirstOutput(String bootstrap) {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (System.nanoTime() < deadline
                && KafkaTestClients.readCommitted(bootstrap, Topics.ENHANCED, 1, Duration.ofMillis(500)).isEmpty()) {
            Thread.onSpinWait();
        }
    }

    /** Sends frames over 6 streams as fast as the producer goes, until told to finish (at most {@value #MAX_FRAMES}). */
    private static final class Camera extends Thread {
        private final String bootstrap;
        private final AtomicBoolean stop = new AtomicBoolean();
        private final AtomicInteger sent = new AtomicInteger();

        Camera(String bootstrap) {
            super("camera");
            this.bootstrap = bootstrap;
        }

        @Override
        public void run() {
            List<byte[]> images = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                images.add(TestPayloads.png(320, 240, false, i));
            }
            try (KafkaProducer<byte[], byte[]> producer = KafkaTestClients.producer(bootstrap)) {
                for (int i = 0; i < MAX_FRAMES && !stop.get(); i++) {
                    KafkaTestClients.send(producer, Topics.RAW, TestFrames.frame("cam-" + (i % 6), i / 6, Tasks.SR_X2,
                            Encoding.PNG, images.get(i % 6), 320, 240));
                    sent.incrementAndGet();
                }
            }
        }

        int finish() throws InterruptedException {
            stop.set(true);
            join();
            return sent.get();
        }
    }
}
