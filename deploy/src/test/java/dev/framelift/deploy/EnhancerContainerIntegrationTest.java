package dev.framelift.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import javax.imageio.ImageIO;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.framelift.enhancer.broker.EmbeddedKafkaBroker;
import dev.framelift.enhancer.config.EnhancerConfig;
import dev.framelift.enhancer.gateway.Gateway;
import dev.framelift.schema.Encoding;
import dev.framelift.schema.Frame;
import dev.framelift.schema.Topics;
import dev.framelift.schema.serde.FrameLiftSerdes;

/**
 * The enhancer as its container runs it, short of Docker: the image's launcher and jar layout,
 * the compose file's environment and nothing else (no flags), against a real KRaft broker. It
 * must become ready at the path the probes ask, enhance a frame and set a truncated one aside,
 * export every metric the shipped alerts and dashboard query, and stop on SIGTERM as Kubernetes
 * stops it.
 */
class EnhancerContainerIntegrationTest {
    private static final Duration READY_WITHIN = Duration.ofMinutes(4);

    @TempDir
    Path work;

    @Test
    void shouldRunFromTheEnvironmentAloneBecomeReadyAndExportWhatTheAlertsQuery() throws Exception {
        Path home = work.resolve("enhancer");
        ImageLayout.install("enhancer", home);
        Map<String, String> env = new HashMap<>(Compose.cpu().environment("enhancer"));
        int largest = EnhancerSettings.fromEnvironment(env).config().rejectedMessageMaxBytes();
        int port = freePort();

        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(0, work.resolve("kafka"), largest)) {
            env.put(EnhancerConfig.environmentVariable(EnhancerConfig.BOOTSTRAP_SERVERS), broker.bootstrapServers());
            env.put(EnhancerConfig.environmentVariable(EnhancerConfig.HTTP_PORT), String.valueOf(port));
            env.put(EnhancerConfig.environmentVariable(EnhancerConfig.STATE_DIR), work.resolve("streams").toString());
            env.put(EnhancerConfig.environmentVariable(EnhancerConfig.MODELS_DIR), RepositoryFiles.ROOT.resolve("models").toString());
            env.put(EnhancerConfig.environmentVariable(EnhancerConfig.STREAM_THREADS), "2");
            env.put(EnhancerConfig.environmentVariable(EnhancerConfig.MODELS_TRUSTED_KEYS), modelKeys(home, env) + ".pub");
            Path log = work.resolve("enhancer.log");
            Process enhancer = ImageLayout.start(home, "enhancer", work.resolve("javacpp-cache"), env, log, "run");
            try {
                HttpClient http = HttpClient.newHttpClient();
                awaitStatus(http, enhancer, log, port, Gateway.READINESS_PATH, 200);
                assertThat(get(http, port, Gateway.LIVENESS_PATH).statusCode()).isEqualTo(200);

                // one frame to enhance and one to set aside, so the rejection counters exist too
                produceFrames(broker.bootstrapServers());
                awaitOneRecord(broker.bootstrapServers(), Topics.ENHANCED, log);
                awaitOneRecord(broker.bootstrapServers(), Topics.REJECTED, log);

                Set<String> expected = MetricNames.fromTheEnhancer();
                assertThat(expected).contains("framelift_frames_in_total", "framelift_frame_latency_seconds_bucket");
                // per-partition Kafka client metrics appear after Micrometer's one-minute refresh
                Set<String> missing = new TreeSet<>(expected);
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(150);
                while (!missing.isEmpty() && System.nanoTime() < deadline) {
                    String scrape = get(http, port, Gateway.METRICS_PATH).body();
                    missing.removeIf(name -> Pattern.compile("(?m)^" + Pattern.quote(name) + "[{ ]").matcher(scrape).find());
                    if (!missing.isEmpty()) {
                        Thread.sleep(5_000);
                    }
                }
                assertThat(missing).as("metrics the alerts or the dashboard query that %s does not export",
                        Gateway.METRICS_PATH).isEmpty();
            } finally {
                enhancer.destroy();
                assertThat(enhancer.waitFor(90, TimeUnit.SECONDS)).as("stops within the pod's grace period on SIGTERM")
                        .isTrue();
            }
        }
    }

    private static void awaitStatus(HttpClient http, Process enhancer, Path log, int port, String path, int status)
            throws Exception {
        long deadline = System.nanoTime() + READY_WITHIN.toNanos();
        while (System.nanoTime() < deadline) {
            assertThat(enhancer.isAlive()).as("the enhancer ended early:%n%s", Files.readString(log)).isTrue();
            try {
                if (get(http, port, path).statusCode() == status) {
                    return;
                }
            } catch (IOException notListeningYet) {
                // the HTTP server comes up after the models load
            }
            Thread.sleep(1_000);
        }
        throw new AssertionError(path + " did not answer " + status + " within " + READY_WITHIN + ":\n" + Files.readString(log));
    }

    private static HttpResponse<String> get(HttpClient http, int port, String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(10))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void produceFrames(String bootstrap) throws Exception {
        BufferedImage image = new BufferedImage(32, 24, BufferedImage.TYPE_INT_RGB);
        for (int x = 0; x < 32; x++) {
            image.setRGB(x, x % 24, 0xc08040);
        }
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(image, "png", png);
        Frame frame = Frame.newBuilder().setStreamId("cam-deploy").setSequence(1).setCaptureTime(Instant.now())
                .setTask("sr-x2").setEncoding(Encoding.PNG).setPayload(ByteBuffer.wrap(png.toByteArray())).build();
        Frame truncated = Frame.newBuilder(frame).setSequence(2)
                .setPayload(ByteBuffer.wrap(Arrays.copyOf(png.toByteArray(), 40))).build();
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
            for (Frame f : List.of(frame, truncated)) {
                producer.send(new ProducerRecord<>(Topics.RAW, "cam-deploy", FrameLiftSerdes.frameCodec().encode(f)))
                        .get(60, TimeUnit.SECONDS);
            }
        }
    }

    private static void awaitOneRecord(String bootstrap, String topic, Path log) throws IOException {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "deploy-test-" + topic);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
            while (System.nanoTime() < deadline) {
                if (!consumer.poll(Duration.ofSeconds(1)).isEmpty()) {
                    return;
                }
            }
        }
        throw new AssertionError("nothing on " + topic + " within 3 minutes:\n" + Files.readString(log));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
    /** The key pair as compose's model-keys job makes it, with the image's launcher; its path prefix. */
    private Path modelKeys(Path home, Map<String, String> env) throws Exception {
        Path prefix = work.resolve("keys").resolve("framelift");
        Path log = work.resolve("keygen.log");
        Process keygen = ImageLayout.start(home, "enhancer", work.resolve("javacpp-cache"), env, log, "models", "keygen",
                "--out", prefix.toString());
        assertThat(keygen.waitFor(2, TimeUnit.MINUTES)).as("keygen finished").isTrue();
        assertThat(keygen.exitValue()).as(Files.readString(log)).isZero();
        assertThat(Compose.cpu().environment("enhancer").get(
                EnhancerConfig.environmentVariable(EnhancerConfig.MODELS_TRUSTED_KEYS)))
                .as("the enhancer trusts the key the model-keys job makes").endsWith("/framelift.pub");
        return prefix;
    }
}
