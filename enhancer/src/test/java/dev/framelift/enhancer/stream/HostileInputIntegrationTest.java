package dev.framelift.enhancer.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.framelift.enhancer.config.EnhancerConfig;
import dev.framelift.enhancer.corpus.CorpusCase;
import dev.framelift.enhancer.corpus.CorpusLimits;
import dev.framelift.enhancer.corpus.CraftedImages;
import dev.framelift.enhancer.corpus.FrameFuzzer;
import dev.framelift.enhancer.corpus.HostileCorpus;
import dev.framelift.enhancer.pipeline.Payloads;
import dev.framelift.enhancer.testing.EnhancerHarness;
import dev.framelift.enhancer.testing.KafkaTestClients;
import dev.framelift.schema.Encoding;
import dev.framelift.schema.EnhancedFrame;
import dev.framelift.schema.Frame;
import dev.framelift.schema.RejectedFrame;
import dev.framelift.schema.Tasks;
import dev.framelift.schema.Topics;
import dev.framelift.schema.serde.FrameLiftSerdes;

/**
 * The hostile-input corpus and seeded fuzz cases (500; 10,000 with {@code -Dframelift.long=true})
 * sent to a real broker, with canary frames between them: every case is answered exactly once
 * (with its own expected reason for the corpus), every canary is enhanced exactly once and in
 * order, and Kafka Streams stays RUNNING with every stream thread alive.
 */
class HostileInputIntegrationTest {
    private static final CorpusLimits LIMITS = new CorpusLimits(64 * 1024, 1 << 20, 8192, 16_777_216L, 1 << 20, 96);
    private static final boolean LONG = Boolean.getBoolean("framelift.long");
    private static final int FUZZ_CASES = LONG ? 10_000 : 500;
    private static final long FUZZ_SEED = 20_260_101L;
    private static final int CANARY_EVERY = 10;
    private static final int STREAM_THREADS = 3;

    @TempDir
    static Path work;
    static EnhancerHarness harness;

    @BeforeAll
    static void start() throws Exception {
        harness = EnhancerHarness.startBroker(work);
        harness.startEnhancer(Map.of(
                EnhancerConfig.FRAME_MAX_BYTES, String.valueOf(LIMITS.frameMaxBytes()),
                EnhancerConfig.MESSAGE_MAX_BYTES, String.valueOf(LIMITS.messageMaxBytes()),
                EnhancerConfig.OUTPUT_MAX_PIXELS, String.valueOf(LIMITS.outputMaxPixels()),
                EnhancerConfig.STREAM_THREADS, String.valueOf(STREAM_THREADS)));
    }

    @AfterAll
    static void stop() {
        harness.close();
    }

    @Test
    void shouldAnswerEveryHostileRecordOnceAndKeepEnhancingTheCanariesBetweenThem() {
        List<CorpusCase> corpus = HostileCorpus.cases(LIMITS);
        List<CorpusCase> cases = new ArrayList<>(corpus);
        cases.addAll(new FrameFuzzer(FUZZ_SEED).cases(0, FUZZ_CASES));
        Map<String, CorpusCase> byKey = new HashMap<>();
        cases.forEach(c -> byKey.put(c.key(), c));

        int canaries = send(cases, corpus.size());
        Answers answers = Answers.read(harness.bootstrapServers(), cases.size() + canaries,
                Duration.ofMinutes(LONG ? 60 : 5));

        Map<String, String> wrong = new TreeMap<>();
        for (CorpusCase c : cases) {
            List<String> outcomes = answers.outcomes.getOrDefault(c.key(), List.of());
            if (outcomes.size() != 1) {
                wrong.put(c.key(), outcomes.size() + " answers: " + outcomes);
            } else if (!c.accepts(outcomes.get(0))) {
                wrong.put(c.key(), "expected " + c.expected() + ", got " + outcomes.get(0) + ": "
                        + answers.messages.get(c.key()));
            }
        }
        assertThat(wrong).as("cases without exactly one expected answer").isEmpty();
        answers.originals.forEach((key, original) -> assertThat(original).as(key + " keeps its original bytes")
                .isEqualTo(byKey.get(key).value()));
        assertThat(answers.outcomes.get("canary")).as("every canary enhanced once").hasSize(canaries)
                .containsOnly(CorpusCase.ENHANCED);
        assertThat(answers.canarySequences).as("canaries in order").isSorted().doesNotHaveDuplicates();
        assertThat(harness.service().state()).isEqualTo(KafkaStreams.State.RUNNING);
        assertThat(harness.service().liveStreamThreads()).as("no stream thread died").isEqualTo(STREAM_THREADS);
        System.out.printf("hostile input: %d corpus cases, %d fuzz cases, %d canaries; slowest answer made %d ms after its send%n",
                corpus.size(), FUZZ_CASES, canaries, answers.slowestMs);
    }

    /** Sends every case, a canary after each corpus case and after every tenth fuzz case; returns the canary count. */
    private static int send(List<CorpusCase> cases, int corpusCases) {
        int canaries = 0;
        try (KafkaProducer<byte[], byte[]> producer = KafkaTestClients.producer(harness.bootstrapServers())) {
            for (int i = 0; i < cases.size(); i++) {
                CorpusCase c = cases.get(i);
                producer.send(new ProducerRecord<>(Topics.RAW, c.keyBytes(), c.value()));
                if (i < corpusCases || i % CANARY_EVERY == 0) {
                    producer.send(new ProducerRecord<>(Topics.RAW, "canary".getBytes(StandardCharsets.UTF_8),
                            canary(canaries++)));
                }
            }
            producer.flush();
        }
        return canaries;
    }

    private static byte[] canary(long sequence) {
        return FrameLiftSerdes.frameCodec().encode(Frame.newBuilder().setStreamId("canary").setSequence(sequence)
                .setCaptureTime(Instant.now()).setTask(Tasks.SR_X2).setEncoding(Encoding.PNG)
                .setPayload(ByteBuffer.wrap(CraftedImages.png(CraftedImages.pattern(16, 12, 3, (int) sequence))))
                .setAttributes(Map.of()).build());
    }

    /** What came out of frames.enhanced and frames.rejected, by key. */
    private static final class Answers {
        final Map<String, List<String>> outcomes = new HashMap<>();
        final Map<String, String> messages = new HashMap<>();
        final Map<String, byte[]> originals = new HashMap<>();
        final List<Long> canarySequences = new ArrayList<>();
        long slowestMs;

        static Answers read(String bootstrap, int expected, Duration timeout) {
            Properties p = new Properties();
            p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
            p.put(ConsumerConfig.GROUP_ID_CONFIG, "hostile-reader-" + UUID.randomUUID());
            p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
            p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
            p.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 4 << 20);
            Answers answers = new Answers();
            int seen = 0;
            try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(),
                    new ByteArrayDeserializer())) {
                consumer.subscribe(List.of(Topics.ENHANCED, Topics.REJECTED));
                long deadline = System.nanoTime() + timeout.toNanos();
                long settle = Long.MAX_VALUE;
                while (System.nanoTime() < Math.min(deadline, settle)) {
                    for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                        answers.add(record);
                        if (++seen == expected) {
                            // a little longer, so that a duplicate would show up
                            settle = System.nanoTime() + Duration.ofSeconds(2).toNanos();
                        }
                    }
                }
            }
            return answers;
        }

        void add(ConsumerRecord<byte[], byte[]> record) {
            String key = new String(record.key(), StandardCharsets.UTF_8);
            if (record.topic().equals(Topics.ENHANCED)) {
                EnhancedFrame frame = FrameLiftSerdes.enhancedCodec().decode(record.value());
                outcomes.computeIfAbsent(key, k -> new ArrayList<>()).add(CorpusCase.ENHANCED);
                took(frame.getEnhancedTime(), record);
                if (key.equals("canary")) {
                    canarySequences.add(frame.getSequence());
                }
            } else {
                RejectedFrame frame = FrameLiftSerdes.rejectedCodec().decode(record.value());
                outcomes.computeIfAbsent(key, k -> new ArrayList<>()).add(frame.getReason().name());
                messages.put(key, frame.getMessage());
                originals.put(key, Payloads.bytes(frame.getOriginalValue()));
                took(frame.getRejectedTime(), record);
            }
        }

        /** The answer's record keeps the input's timestamp (its send time); the answer says when it was made. */
        private void took(Instant answered, ConsumerRecord<byte[], byte[]> record) {
            slowestMs = Math.max(slowestMs, answered.toEpochMilli() - record.timestamp());
        }
    }
}
