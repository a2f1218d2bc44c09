package dev.framelift.enhancer.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.Stream;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.framelift.enhancer.app.EnhancerService;
import dev.framelift.enhancer.broker.BrokerSecurity;
import dev.framelift.enhancer.broker.EmbeddedKafkaBroker;
import dev.framelift.enhancer.config.EnhancerConfig;
import dev.framelift.enhancer.testing.EnhancerHarness;
import dev.framelift.enhancer.testing.KafkaTestClients;
import dev.framelift.enhancer.testing.TestFrames;
import dev.framelift.model.testing.TestModels;
import dev.framelift.schema.Tasks;
import dev.framelift.schema.Topics;
import dev.framelift.schema.serde.FrameLiftSerdes;

/**
 * TLS and SASL/SCRAM end to end: the embedded broker requires both, the enhancer and the CLI's
 * own clients reach it through {@code kafka.} settings, a client without them gets nowhere.
 */
class SecureClusterIntegrationTest {
    private static final int FRAMES = 6;

    @TempDir
    Path work;

    @Test
    void shouldEnhanceOverTlsAndScramAndShutOutClientsWithoutCredentials() throws Exception {
        String password = "pw-" + UUID.randomUUID();
        Path models = TestModels.writeAll(Files.createDirectories(work.resolve("models")));
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(0, work.resolve("kafka"), 20 << 20,
                new BrokerSecurity(true, Map.of("alice", password)))) {
            String bootstrap = broker.bootstrapServers();
            Map<String, String> alice = broker.clientSettings("alice");
            assertThat(alice).containsEntry("security.protocol", "SASL_SSL").containsKey("ssl.truststore.location");

            assertThatThrownBy(() -> listTopics(bootstrap, Map.of())).as("a plaintext client").isInstanceOf(Exception.class);
            Map<String, String> wrongPassword = new HashMap<>(alice);
            wrongPassword.put("sasl.jaas.config", alice.get("sasl.jaas.config").replace(password, "guess"));
            assertThatThrownBy(() -> listTopics(bootstrap, wrongPassword)).hasRootCauseInstanceOf(SaslAuthenticationException.class);

            Map<String, Object> settings = EnhancerHarness.settings(bootstrap, models, work);
            alice.forEach((key, value) -> settings.put(EnhancerConfig.KAFKA_PREFIX + key, value));
            try (EnhancerService service = EnhancerService.start(new EnhancerConfig(settings), Duration.ofMinutes(1))) {
                try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(withSecurity(alice, bootstrap),
                        new ByteArraySerializer(), new ByteArraySerializer())) {
                    for (int i = 0; i < FRAMES; i++) {
                        var frame = TestFrames.png("cam-1", i, Tasks.SR_X2, 32, 24, false);
                        producer.send(new ProducerRecord<>(Topics.RAW, frame.getStreamId().getBytes(),
                                FrameLiftSerdes.frameCodec().encode(frame))).get();
                    }
                }
                assertThat(readEnhanced(bootstrap, alice)).as("enhanced over SASL_SSL").hasSize(FRAMES);
            }

            Path clientFile = broker.writeClientSettings("alice", EnhancerConfig.KAFKA_PREFIX);
            StringWriter audit = new StringWriter();
            PrintStream stdout = System.out;
            ByteArrayOutputStream captured = new ByteArrayOutputStream();
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            try {
                assertThat(Main.commandLine().setErr(new PrintWriter(audit)).execute("audit", "--bootstrap-servers", bootstrap,
                        "--config", clientFile.toString())).as("the audit over SASL_SSL; %s", audit).isZero();
            } finally {
                System.setOut(stdout);
            }
            assertThat(captured.toString(StandardCharsets.UTF_8)).contains("PASSED: " + FRAMES + " inputs: " + FRAMES + " enhanced");

            Path out = work.resolve("demo-out");
            int exit = Main.commandLine().execute("demo", "--bootstrap-servers", bootstrap, "--config", clientFile.toString(),
                    "--models", models.toString(), "--limit", "3", "--out", out.toString(), "--http-port", "0",
                    "--set", "state.dir=" + work.resolve("demo-streams"), "--set", "stream.threads=2",
                    "--set", "application.id=secure-demo");
            assertThat(exit).as("the demo's own producer and consumer over SASL_SSL").isZero();
            try (Stream<Path> written = Files.list(out)) {
                assertThat(written.filter(p -> p.toString().endsWith(".png"))).hasSizeGreaterThanOrEqualTo(3);
            }
        }
    }

    private static void listTopics(String bootstrap, Map<String, String> security) throws Exception {
        Properties p = withSecurity(security, bootstrap);
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000);
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3000);
        try (Admin admin = Admin.create(p)) {
            admin.listTopics().names().get();
        }
    }

    private static List<ConsumerRecord<byte[], byte[]>> readEnhanced(String bootstrap, Map<String, String> security) {
        Properties p = withSecurity(security, bootstrap);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "secure-reader");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.ENHANCED));
            return KafkaTestClients.drain(consumer, FRAMES, Duration.ofMinutes(2));
        }
    }

    private static Properties withSecurity(Map<String, String> security, String bootstrap) {
        Properties p = new Properties();
        p.putAll(security);
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        return p;
    }
}
