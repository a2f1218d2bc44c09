package dev.framelift.enhancer.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.framelift.enhancer.app.EnhancerService;
import dev.framelift.enhancer.broker.EmbeddedKafkaBroker;
import dev.framelift.enhancer.config.EnhancerConfig;
import dev.framelift.enhancer.inference.Generator;
import dev.framelift.enhancer.testing.EnhancerHarness;
import dev.framelift.enhancer.testing.KafkaTestClients;
import dev.framelift.enhancer.testing.TestFrames;
import dev.framelift.enhancer.testing.TestUpdates;
import dev.framelift.model.Scope;
import dev.framelift.model.artifact.ArtifactFetcher;
import dev.framelift.model.signing.SigningKeys;
import dev.framelift.model.testing.TestModels;
import dev.framelift.model.topic.ModelAdmin;
import dev.framelift.model.topic.ModelPublisher;
import dev.framelift.model.topic.PublishRefused;
import dev.framelift.model.topic.SignaturePolicy;
import dev.framelift.model.topic.UpdateVerifier;
import dev.framelift.schema.EnhancedFrame;
import dev.framelift.schema.ModelCard;
import dev.framelift.schema.ModelUpdate;
import dev.framelift.schema.Tasks;
import dev.framelift.schema.Topics;
import dev.framelift.schema.serde.FrameLiftSerdes;

/**
 * An enhancer needs nothing but Kafka and its trusted keys: a fresh instance serves what the
 * topic's roll back chose, and a long run of swaps leaves nothing behind.
 */
class ModelRecoveryIntegrationTest {
    private static final Scope COLORIZE = Scope.of(Tasks.COLORIZE);
    private static final int LIMIT = 20 << 20;

    @TempDir
    Path work;

    @Test
    void shouldServeWhatTheRollBackChoseOnAFreshInstanceFromKafkaAloneAndSettleAfterFiftySwaps() throws Exception {
        Instant t0 = Instant.now();
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(0, work.resolve("kafka"), LIMIT);
                KafkaProducer<byte[], byte[]> producer = KafkaTestClients.producer(broker.bootstrapServers())) {
            Map<String, Object> client = Map.of("bootstrap.servers", broker.bootstrapServers());
            Path shipped = TestModels.writeAll(Files.createDirectories(work.resolve("shipped")));
            try (EnhancerService first = start(broker, shipped, "first")) {
                assertThat(publishSigned(client, version("c-2", t0.plusSeconds(2))).getNote())
                        .startsWith("no model of this scope or its task on the topic yet");
                TestUpdates.send(producer, Tasks.COLORIZE, TestUpdates.publish(version("c-3", t0.plusSeconds(3)), COLORIZE));
                TestUpdates.send(producer, Tasks.COLORIZE, TestUpdates.publish(version("c-4", t0.plusSeconds(4)), COLORIZE));
                awaitVersion(first, "c-4");
                try (ModelAdmin admin = new ModelAdmin(client, LIMIT, SignaturePolicy.unchecked())) {
                    admin.rollback(COLORIZE, "c-4 paints the sky green", "test");
                }
                awaitVersion(first, "c-3");
                assertThatThrownBy(() -> publishSigned(client, version("c-5", t0.plusSeconds(5))))
                        .isInstanceOf(PublishRefused.class).hasMessageContaining("cannot compare with the serving c-3");
            }

            Path nothing = Files.createDirectories(work.resolve("no-shipped-models"));
            try (EnhancerService fresh = start(broker, nothing, "fresh")) {
                assertThat(fresh.registry().get(Tasks.COLORIZE)).get().extracting(Generator::version).isEqualTo("c-3");
                assertThat(fresh.registry().tasks()).containsExactly(Tasks.COLORIZE);
                for (int i = 0; i < 3; i++) {
                    KafkaTestClients.send(producer, Topics.RAW, TestFrames.png("fresh", i, Tasks.COLORIZE, 12, 10, true));
                }
                List<EnhancedFrame> out = enhanced(broker, "fresh", 3);
                assertThat(out).hasSize(3).allSatisfy(f -> assertThat(f.getModelVersion()).isEqualTo("c-3"));

                settlesAfterFiftySwaps(fresh, producer, broker, t0.plusSeconds(10));
            }
        }
    }

    private void settlesAfterFiftySwaps(EnhancerService service, KafkaProducer<byte[], byte[]> producer,
            EmbeddedKafkaBroker broker, Instant from) throws Exception {
        Path files = version("swap-files", from);
        Map<Integer, Long> rss = new HashMap<>();
        for (int i = 1; i <= 50; i++) {
            ModelUpdate update = TestUpdates.publish(files, COLORIZE);
            ModelCard card = ModelCard.newBuilder(update.getCard()).setVersion("swap-" + i)
                    .setCreatedTime(from.plusSeconds(i)).build();
            TestUpdates.send(producer, Tasks.COLORIZE, TestUpdates.withSignedArtifact(ModelUpdate.newBuilder(update)
                    .setCard(card).build(), update.getArtifact().array()));
            KafkaTestClients.send(producer, Topics.RAW, TestFrames.png("swaps", i, Tasks.COLORIZE, 12, 10, true));
            awaitVersion(service, "swap-" + i);
            if (i == 10 || i == 30 || i == 50) {
                System.gc();
                rss.put(i, residentBytes());
            }
        }
        assertThat(enhanced(broker, "swaps", 50)).hasSize(50);
        try (Stream<Path> unpacked = Files.list(Path.of(new EnhancerConfig(EnhancerHarness.settings(broker.bootstrapServers(),
                work, work.resolve("fresh"))).getString(EnhancerConfig.MODELS_WORK_DIR)))) {
            assertThat(unpacked.toList()).as("retired models' folders are deleted").hasSize(1);
        }
        long early = rss.get(30) - rss.get(10);
        long late = rss.get(50) - rss.get(30);
        System.out.printf("resident memory after swaps 10, 30, 50: %d, %d, %d MB (growth %d MB, then %d MB)%n",
                rss.get(10) >> 20, rss.get(30) >> 20, rss.get(50) >> 20, early >> 20, late >> 20);
        assertThat(late).as("growth over swaps 30-50 (bytes)").isLessThan(64L << 20);
    }

    private static long residentBytes() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        throw new IllegalStateException("no VmRSS in /proc/self/status");
    }

    private EnhancerService start(EmbeddedKafkaBroker broker, Path shipped, String name) throws IOException {
        Path dir = work.resolve(name);
        Map<String, Object> settings = EnhancerHarness.settings(broker.bootstrapServers(), shipped, dir);
        settings.put(EnhancerConfig.APPLICATION_ID, "framelift-" + name);
        return EnhancerService.start(new EnhancerConfig(settings), Duration.ofMinutes(1));
    }

    /** Publishes through {@code models publish}'s code path: self-check, gate (not forced), signature from a key file. */
    private ModelUpdate publishSigned(Map<String, Object> client, Path modelDir) throws Exception {
        Path key = work.resolve("publisher");
        SigningKeys.write(TestUpdates.TRUSTED, Path.of(key + ".key"), Path.of(key + ".pub"));
        try (ModelPublisher publisher = new ModelPublisher(client, LIMIT, SignaturePolicy.unchecked())) {
            ModelPublisher.Published published = publisher.publish(new ModelPublisher.Request(modelDir, COLORIZE, false, 0,
                    SigningKeys.readPrivate(Path.of(key + ".key")), false, null, ModelPublisher.DEFAULT_INLINE_MAX_BYTES,
                    null, "test", ""), new UpdateVerifier(work.resolve("check"), new EnhancerConfig(Map.of()).unzipLimits(),
                            1 << 30, new ArtifactFetcher(), null).prepared());
            return published.update();
        }
    }

    private Path version(String name, Instant created) {
        return TestModels.writeInto(work.resolve("published").resolve(name), Tasks.COLORIZE, name, created,
                TestModels.Kind.GOOD, 8);
    }

    private static void awaitVersion(EnhancerService service, String version) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (!service.registry().get(Tasks.COLORIZE).map(Generator::version).orElse("").equals(version)) {
            assertThat(System.nanoTime()).as("never served by %s", version).isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    private static List<EnhancedFrame> enhanced(EmbeddedKafkaBroker broker, String stream, int expected) {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        List<EnhancedFrame> out = List.of();
        while (out.size() < expected && System.nanoTime() < deadline) {
            out = KafkaTestClients.readCommitted(broker.bootstrapServers(), Topics.ENHANCED, Integer.MAX_VALUE,
                    Duration.ofSeconds(1)).stream().map(ConsumerRecord::value).map(FrameLiftSerdes.enhancedCodec()::decode)
                    .filter(f -> f.getStreamId().equals(stream)).toList();
        }
        return out;
    }
}
