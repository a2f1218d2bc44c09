package dev.framelift.enhancer.models;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.framelift.enhancer.app.EnhancerService;
import dev.framelift.enhancer.inference.Generator;
import dev.framelift.enhancer.testing.EnhancerHarness;
import dev.framelift.enhancer.testing.KafkaTestClients;
import dev.framelift.enhancer.testing.TestFrames;
import dev.framelift.enhancer.testing.TestUpdates;
import dev.framelift.model.Scope;
import dev.framelift.model.artifact.DeterministicZip;
import dev.framelift.model.signing.SigningKeys;
import dev.framelift.model.testing.TestModels;
import dev.framelift.model.topic.ModelAdmin;
import dev.framelift.model.topic.SignaturePolicy;
import dev.framelift.schema.EnhancedFrame;
import dev.framelift.schema.ModelAction;
import dev.framelift.schema.ModelUpdate;
import dev.framelift.schema.Tasks;
import dev.framelift.schema.Topics;
import dev.framelift.schema.serde.FrameLiftSerdes;

/**
 * The models topic on a real KRaft broker with a real enhancer and real (tiny) TensorFlow models:
 * hot swap mid-stream, refusal of every kind of broken update, per-stream models, shadow candidates.
 */
class ModelHotSwapIntegrationTest {
    @TempDir
    static Path work;
    static EnhancerHarness harness;
    static EnhancerService service;
    static KafkaProducer<byte[], byte[]> producer;

    @BeforeAll
    static void start() throws Exception {
        harness = EnhancerHarness.startBroker(work);
        service = harness.startEnhancer(Map.of());
        producer = KafkaTestClients.producer(harness.bootstrapServers());
    }

    @AfterAll
    static void stop() {
        producer.close();
        harness.close();
    }

    static Path model(String name, String task, int tint) {
        return TestModels.writeInto(work.resolve("published").resolve(name), task, name, Instant.now(), TestModels.Kind.GOOD,
                tint);
    }

    /** Waits until {@code key} is served by {@code version}. */
    static void awaitVersion(String key, String version) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (!service.registry().get(key).map(Generator::version).orElse("").equals(version)) {
            assertThat(System.nanoTime()).as("%s never served by %s", key, version).isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    static List<EnhancedFrame> enhanced(String stream, int expected) {
        List<EnhancedFrame> out = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> r : KafkaTestClients.readCommitted(harness.bootstrapServers(), Topics.ENHANCED,
                Integer.MAX_VALUE, Duration.ofSeconds(1))) {
            EnhancedFrame f = FrameLiftSerdes.enhancedCodec().decode(r.value());
            if (f.getStreamId().equals(stream)) {
                out.add(f);
            }
        }
        return out;
    }

    static List<EnhancedFrame> awaitEnhanced(String stream, int expected) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        List<EnhancedFrame> out = enhanced(stream, expected);
        while (out.size() < expected && System.nanoTime() < deadline) {
            Thread.sleep(500);
            out = enhanced(stream, expected);
        }
        return out;
    }

    @Test
    void shouldMoveEveryStreamFromV1ToV2MidStreamWithExactlyOneOutputPerFrame() throws Exception {
        Path v2 = model("sr-x2-v2", Tasks.SR_X2, 24);
        String v1 = service.registry().get(Tasks.SR_X2).orElseThrow().version();
        int total = 500;
        AtomicInteger sent = new AtomicInteger();
        Thread sender = new Thread(() -> {
            for (int i = 0; i < total; i++) {
                KafkaTestClients.send(producer, Topics.RAW, TestFrames.png("swap-" + (i % 4), i / 4, Tasks.SR_X2, 16, 12, false));
                sent.incrementAndGet();
                sleep(4);
            }
        });
        sender.start();
        while (sent.get() < 150) {
            Thread.sleep(5);
        }
        TestUpdates.send(producer, Tasks.SR_X2, TestUpdates.publish(v2, Scope.of(Tasks.SR_X2)));
        awaitVersion(Tasks.SR_X2, "sr-x2-v2");
        int sentBeforeV2 = sent.get();
        sender.join();

        List<ConsumerRecord<byte[], byte[]>> out = KafkaTestClients.readCommitted(harness.bootstrapServers(), Topics.ENHANCED,
                Integer.MAX_VALUE, Duration.ofSeconds(1));
        Map<String, Integer> seen = new HashMap<>();
        Map<Integer, String> lastVersionOfPartition = new HashMap<>();
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (out.stream().filter(r -> new String(r.key(), StandardCharsets.UTF_8).startsWith("swap-")).count() < total
                && System.nanoTime() < deadline) {
            out = KafkaTestClients.readCommitted(harness.bootstrapServers(), Topics.ENHANCED, Integer.MAX_VALUE,
                    Duration.ofSeconds(2));
        }
        String sha2 = TestUpdates.publish(v2, Scope.of(Tasks.SR_X2)).getCard().getSha256();
        for (ConsumerRecord<byte[], byte[]> r : out) {
            EnhancedFrame f = FrameLiftSerdes.enhancedCodec().decode(r.value());
            if (!f.getStreamId().startsWith("swap-")) {
                continue;
            }
            seen.merge(f.getStreamId() + "/" + f.getSequence(), 1, Integer::sum);
            assertThat(f.getModelVersion()).isIn(v1, "sr-x2-v2");
            assertThat(f.getModelScope()).isEqualTo(Tasks.SR_X2);
            String before = lastVersionOfPartition.put(r.partition(), f.getModelVersion());
            assertThat(before == null || !(before.equals("sr-x2-v2") && f.getModelVersion().equals(v1)))
                    .as("partition %d went back from v2 to v1", r.partition()).isTrue();
            long index = f.getSequence() * 4 + Long.parseLong(f.getStreamId().substring(5));
            if (index >= sentBeforeV2) {
                assertThat(f.getModelVersion()).as("frame %d, sent after v2 served", index).isEqualTo("sr-x2-v2");
                assertThat(f.getModelSha256()).isEqualTo(sha2);
            }
        }
        assertThat(seen).hasSize(total).allSatisfy((id, n) -> assertThat(n).as(id).isEqualTo(1));
        assertThat(lastVersionOfPartition.values()).contains("sr-x2-v2");
        assertThat(sentBeforeV2).isLessThan(total);
    }

    @Test
    void shouldRefuseEveryKindOfBrokenUpdateWithItsOwnReasonWhileTheOldModelKeepsServing() throws Exception {
        Scope scope = Scope.of(Tasks.SR_X4);
        String served = service.registry().get(Tasks.SR_X4).orElseThrow().version();
        ModelUpdate good = TestUpdates.publish(model("x4-good", Tasks.SR_X4, 16), scope);
        byte[] bomb = zipOf("saved_model.pb", new byte[4 << 20]);
        byte[] slip = zipOf("../../evil.pb", new byte[] {1, 2, 3});
        byte[] otherZip = DeterministicZip.zip(model("x4-other", Tasks.SR_X4, 4));
        byte[] flipped = good.getSignature().array().clone();
        flipped[3] ^= 1;
        KeyPair stranger = SigningKeys.generate();
        Map<String, ModelUpdate> broken = new java.util.LinkedHashMap<>();
        broken.put("CORRUPT_ARTIFACT", TestUpdates.withSignedArtifact(good, "this is not a zip archive".getBytes()));
        broken.put("ARTIFACT_TOO_LARGE", TestUpdates.withSignedArtifact(good, bomb));
        broken.put("UNSAFE_ARTIFACT", TestUpdates.withSignedArtifact(good, slip));
        broken.put("SHA256_MISMATCH", ModelUpdate.newBuilder(good).setArtifact(ByteBuffer.wrap(otherZip)).build());
        broken.put("BAD_SIGNATURE", ModelUpdate.newBuilder(good).setSignature(ByteBuffer.wrap(flipped)).build());
        broken.put("UNTRUSTED_KEY", TestUpdates.build(model("x4-stranger", Tasks.SR_X4, 16), scope, ModelAction.PUBLISH,
                stranger));
        broken.put("UNSIGNED", TestUpdates.build(model("x4-unsigned", Tasks.SR_X4, 16), scope, ModelAction.PUBLISH, null));
        broken.put("WRONG_TENSOR_SIGNATURE", TestUpdates.publish(TestModels.writeInto(work.resolve("published/x4-float"),
                Tasks.SR_X4, "x4-float", Instant.now(), TestModels.Kind.FLOAT_INPUT, 0), scope));
        broken.put("CANARY_FAILED", TestUpdates.publish(TestModels.writeInto(work.resolve("published/x4-nan"),
                Tasks.SR_X4, "x4-nan", Instant.now(), TestModels.Kind.NAN, 0), scope));
        long refusedBefore = service.engine().modelUpdates().getRefused();

        int frames = 0;
        for (ModelUpdate update : broken.values()) {
            TestUpdates.send(producer, Tasks.SR_X4, update);
            for (int i = 0; i < 3; i++) {
                KafkaTestClients.send(producer, Topics.RAW, TestFrames.png("refusals", frames++, Tasks.SR_X4, 10, 8, false));
            }
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (service.engine().modelUpdates().getRefused() - refusedBefore < broken.size() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }

        Map<String, Long> byReason = service.engine().modelUpdates().getRefusedByReason();
        for (String reason : broken.keySet()) {
            assertThat(byReason).as(reason).containsEntry(reason, 1L);
        }
        assertThat(service.registry().get(Tasks.SR_X4).orElseThrow().version()).isEqualTo(served);
        List<EnhancedFrame> out = awaitEnhanced("refusals", frames);
        assertThat(out).hasSize(frames).allSatisfy(f -> assertThat(f.getModelVersion()).isEqualTo(served));
        assertThat(java.nio.file.Files.exists(work.resolve("evil.pb"))).isFalse();

        TestUpdates.send(producer, Tasks.SR_X4, good);
        awaitVersion(Tasks.SR_X4, "x4-good");
        KafkaTestClients.send(producer, Topics.RAW, TestFrames.png("refusals", frames, Tasks.SR_X4, 10, 8, false));
        assertThat(awaitEnhanced("refusals", frames + 1)).last().satisfies(f -> assertThat(f.getModelVersion())
                .isEqualTo("x4-good"));
    }

    @Test
    void shouldServeAStreamsOwnModelToThatStreamOnlyAndFallBackWhenItIsRemoved() throws Exception {
        Scope own = Scope.of(Tasks.COLORIZE, "cam-own");
        String general = service.registry().get(Tasks.COLORIZE).orElseThrow().version();
        TestUpdates.send(producer, own.toString(), TestUpdates.publish(model("cam-own-1", Tasks.COLORIZE, 30), own));
        awaitVersion(own.toString(), "cam-own-1");

        for (int i = 0; i < 4; i++) {
            KafkaTestClients.send(producer, Topics.RAW, TestFrames.png("cam-own", i, Tasks.COLORIZE, 12, 10, true));
            KafkaTestClients.send(producer, Topics.RAW, TestFrames.png("cam-other", i, Tasks.COLORIZE, 12, 10, true));
        }
        assertThat(awaitEnhanced("cam-own", 4)).hasSize(4).allSatisfy(f -> {
            assertThat(f.getModelVersion()).isEqualTo("cam-own-1");
            assertThat(f.getModelScope()).isEqualTo("colorize@cam-own");
        });
        assertThat(awaitEnhanced("cam-other", 4)).hasSize(4).allSatisfy(f -> {
            assertThat(f.getModelVersion()).isEqualTo(general);
            assertThat(f.getModelScope()).isEqualTo(Tasks.COLORIZE);
        });

        TestUpdates.send(producer, own.toString(), null);
        awaitVersion(own.toString(), general);
        KafkaTestClients.send(producer, Topics.RAW, TestFrames.png("cam-own", 4, Tasks.COLORIZE, 12, 10, true));
        assertThat(awaitEnhanced("cam-own", 5)).last().satisfies(f -> {
            assertThat(f.getModelVersion()).isEqualTo(general);
            assertThat(f.getModelScope()).isEqualTo(Tasks.COLORIZE);
        });
    }

    @Test
    void shouldRunAShadowCandidateIntoFramesShadowOnlyAndPromoteIt() throws Exception {
        Scope scope = Scope.of(Tasks.SR_X2, "cam-shadow");
        Path candidate = model("shadow-candidate", Tasks.SR_X2, 12);
        TestUpdates.send(producer, "shadow/" + scope, TestUpdates.build(candidate, scope, ModelAction.SHADOW, TestUpdates.TRUSTED));
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (service.registry().shadowOf(scope.toString()).isEmpty()) {
            assertThat(System.nanoTime()).isLessThan(deadline);
            Thread.sleep(50);
        }
        String active = service.registry().get(scope.toString()).orElseThrow().version();
        for (int i = 0; i < 6; i++) {
            KafkaTestClients.send(producer, Topics.RAW, TestFrames.png("cam-shadow", i, Tasks.SR_X2, 12, 10, false));
        }
        assertThat(awaitEnhanced("cam-shadow", 6)).hasSize(6)
                .allSatisfy(f -> assertThat(f.getModelVersion()).isEqualTo(active).isNotEqualTo("shadow-candidate"));
        List<EnhancedFrame> shadowed = new ArrayList<>();
        while (shadowed.size() < 6 && System.nanoTime() < deadline) {
            shadowed.clear();
            for (ConsumerRecord<byte[], byte[]> r : KafkaTestClients.readCommitted(harness.bootstrapServers(), Topics.SHADOW,
                    Integer.MAX_VALUE, Duration.ofSeconds(1))) {
                shadowed.add(FrameLiftSerdes.enhancedCodec().decode(r.value()));
            }
        }
        assertThat(shadowed).hasSize(6).allSatisfy(f -> {
            assertThat(f.getModelVersion()).isEqualTo("shadow-candidate");
            assertThat(f.getModelScope()).isEqualTo(scope.toString());
            assertThat(f.getWidth()).isEqualTo(24);
            assertThat(f.getAttributes()).containsEntry(ShadowRunner.ACTIVE_VERSION, active)
                    .containsKeys(ShadowRunner.CANDIDATE_CONSISTENCY, ShadowRunner.ACTIVE_CONSISTENCY, ShadowRunner.CANDIDATE_MS);
        });
        assertThat(ShadowReadings.read(Map.of("bootstrap.servers", harness.bootstrapServers()), 20 << 20, 100))
                .containsKey(scope + " shadow-candidate")
                .satisfies(m -> assertThat(m.get(scope + " shadow-candidate").frames()).isEqualTo(6));
        assertThat(service.registry().status()).filteredOn(s -> s.scope().equals(scope)).singleElement()
                .satisfies(s -> assertThat(s.shadowStats().frames()).isEqualTo(6));

        try (ModelAdmin admin = new ModelAdmin(Map.of("bootstrap.servers", harness.bootstrapServers()), 20 << 20,
                SignaturePolicy.unchecked())) {
            admin.activate(scope, "shadow-candidate", "test");
        }
        awaitVersion(scope.toString(), "shadow-candidate");
        while (service.registry().shadowOf(scope.toString()).isPresent()) {
            assertThat(System.nanoTime()).isLessThan(deadline);
            Thread.sleep(50);
        }
        KafkaTestClients.send(producer, Topics.RAW, TestFrames.png("cam-shadow", 6, Tasks.SR_X2, 12, 10, false));
        assertThat(awaitEnhanced("cam-shadow", 7)).last()
                .satisfies(f -> assertThat(f.getModelVersion()).isEqualTo("shadow-candidate"));
    }

    private static byte[] zipOf(String name, byte[] content) throws java.io.IOException {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(bytes)) {
            zip.putNextEntry(new java.util.zip.ZipEntry(name));
            zip.write(content);
            zip.closeEntry();
        }
        return bytes.toByteArray();
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
