package dev.framelift.enhancer.demo;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import dev.framelift.enhancer.app.EnhancerService;
import dev.framelift.enhancer.broker.EmbeddedKafkaBroker;
import dev.framelift.enhancer.config.ClientSettings;
import dev.framelift.enhancer.config.EnhancerConfig;
import dev.framelift.schema.Encoding;
import dev.framelift.schema.EnhancedFrame;
import dev.framelift.schema.Frame;
import dev.framelift.schema.RejectedFrame;
import dev.framelift.schema.Topics;
import dev.framelift.schema.serde.FrameLiftSerdes;

/**
 * One demo run: broker, enhancer, producer and consumer, until {@code limit} frames came out
 * enhanced (or forever with limit 0, until {@link #stop}). Progress goes to the given sink.
 */
public final class DemoRun {
    /** What a run did. */
    public record Summary(long sent, long enhanced, long rejected, double seconds) {
        public double fps() {
            return seconds > 0 ? enhanced / seconds : 0;
        }
    }

    private static final String RUN_ATTRIBUTE = "demo.run";

    /** Frames sent but not yet answered; more would only queue up in Kafka. */
    private static final int IN_FLIGHT = 24;

    private final EnhancerConfig baseConfig;
    private final boolean externalCluster;
    /** Marks this run's frames, so that outputs of earlier runs on the same cluster are not taken for its own. */
    private final String runId = java.util.UUID.randomUUID().toString();
    private final Path outputDir;
    private final long limit;
    private final long save;
    private final List<String> tasks;
    private final AtomicBoolean stopping = new AtomicBoolean();

    /**
     * @param baseConfig      the enhancer settings; bootstrap.servers is replaced by the embedded broker
     *                        unless {@code externalCluster}
     * @param externalCluster run against {@code bootstrap.servers} (with its {@code kafka.} security
     *                        settings) instead of an embedded broker
     * @param limit           stop after this many enhanced frames; 0 runs until {@link #stop}
     * @param save            write the images of the first this many enhanced frames to {@code outputDir}
     *                        (a demo left running must not fill the disk)
     */
    public DemoRun(EnhancerConfig baseConfig, boolean externalCluster, Path outputDir, long limit, long save,
            List<String> tasks) {
        if (!externalCluster && baseConfig.kafkaOverrides().containsKey("security.protocol")) {
            throw new IllegalArgumentException("the demo's embedded broker is plaintext: kafka.security.* settings "
                    + "apply with --bootstrap-servers, to a cluster of your own");
        }
        this.baseConfig = baseConfig;
        this.externalCluster = externalCluster;
        this.outputDir = outputDir;
        this.limit = limit;
        this.save = save;
        this.tasks = tasks;
    }

    public void stop() {
        stopping.set(true);
    }

    public Summary run(Consumer<String> log, ProgressSink progress) throws IOException, InterruptedException {
        final DemoOutput output = new DemoOutput(outputDir);
        if (externalCluster) {
            log.accept("using the Kafka cluster at " + baseConfig.bootstrapServers() + "; loading models from "
                    + baseConfig.getString(EnhancerConfig.MODELS_DIR) + " and starting the enhancer...");
            return enhance(baseConfig, log, output, progress);
        }
        final Path brokerDir = Files.createTempDirectory("framelift-demo-broker");
        log.accept("starting an embedded Kafka broker (KRaft)...");
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(0, brokerDir, baseConfig.rejectedMessageMaxBytes())) {
            final Map<String, Object> settings = new HashMap<>(baseConfig.originals());
            settings.put(EnhancerConfig.BOOTSTRAP_SERVERS, broker.bootstrapServers());
            settings.put(EnhancerConfig.STATE_DIR, brokerDir.resolve("streams").toString());
            final EnhancerConfig config = new EnhancerConfig(settings);
            log.accept("broker at " + broker.bootstrapServers() + "; loading models from "
                    + config.getString(EnhancerConfig.MODELS_DIR) + " and starting the enhancer...");
            return enhance(config, log, output, progress);
        }
    }

    private Summary enhance(EnhancerConfig config, Consumer<String> log, DemoOutput output, ProgressSink progress)
            throws IOException, InterruptedException {
        try (EnhancerService service = EnhancerService.start(config, Duration.ofMinutes(2))) {
            service.httpPort().ifPresent(port -> log.accept("web page: " + pageAddress(config, port)
                    + "  (live before/after per stream, charts, models, upload; API under /v1, /metrics, /health/ready)"));
            final List<String> runnable = tasks.stream().filter(t -> service.registry().get(t).isPresent()).toList();
            final List<DemoSamples.Sample> samples = DemoSamples.load(runnable);
            log.accept("streaming " + samples.size() + " sample frames (tasks " + runnable + ") in a loop; "
                    + (limit > 0 ? "stopping after " + limit + " enhanced frames" : "Ctrl-C to stop")
                    + (save > 0 ? "; the first " + save + " go to " + outputDir.toAbsolutePath() : ""));
            return stream(config, samples, output, progress);
        }
    }

    private Summary stream(EnhancerConfig config, List<DemoSamples.Sample> samples, DemoOutput output, ProgressSink progress)
            throws InterruptedException, IOException {
        final Map<String, byte[]> inputs = new ConcurrentHashMap<>();
        final AtomicLong sent = new AtomicLong();
        long enhanced = 0;
        long rejected = 0;
        final long started = System.nanoTime();
        try (KafkaProducer<String, Frame> producer = new KafkaProducer<>(producerProps(config),
                new StringSerializer(), FrameLiftSerdes.frame());
                KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(consumerProps(config),
                        new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.ENHANCED, Topics.REJECTED));
            while (!stopping.get() && (limit == 0 || enhanced < limit)) {
                final long answered = enhanced + rejected;
                while (sent.get() - answered < IN_FLIGHT && (limit == 0 || sent.get() < limit + rejected)) {
                    final DemoSamples.Sample sample = samples.get((int) (sent.get() % samples.size()));
                    final long sequence = sent.getAndIncrement();
                    inputs.put(sample.streamId() + "/" + sequence, sample.png());
                    producer.send(new ProducerRecord<>(Topics.RAW, sample.streamId(), frame(sample, sequence)));
                }
                producer.flush();
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.topic().equals(Topics.ENHANCED)) {
                        if (limit > 0 && enhanced >= limit) {
                            continue;
                        }
                        final EnhancedFrame frame = FrameLiftSerdes.enhancedCodec().decode(record.value());
                        if (!runId.equals(frame.getAttributes().get(RUN_ATTRIBUTE))) {
                            continue;
                        }
                        final byte[] input = inputs.remove(frame.getStreamId() + "/" + frame.getSequence());
                        if (++enhanced <= save) {
                            output.write((int) enhanced, frame, input);
                        }
                    } else {
                        final RejectedFrame frame = FrameLiftSerdes.rejectedCodec().decode(record.value());
                        if (frame.getStreamId() == null || !inputs.containsKey(frame.getStreamId() + "/" + frame.getSequence())) {
                            continue;
                        }
                        rejected++;
                        progress.rejected(frame.getReason() + ": " + frame.getMessage());
                    }
                }
                progress.update(sent.get(), enhanced, rejected, (System.nanoTime() - started) / 1e9);
            }
        }
        return new Summary(sent.get(), enhanced, rejected, (System.nanoTime() - started) / 1e9);
    }

    /** The address to open: this machine's name for an any-interface or loopback listener. */
    static String pageAddress(EnhancerConfig config, int port) {
        final String host = config.getString(EnhancerConfig.HTTP_HOST);
        final boolean local = host.equals("0.0.0.0") || host.equals("::") || host.equals("127.0.0.1") || host.isEmpty();
        return "http://" + (local ? "localhost" : host) + ":" + port + "/";
    }

    private Frame frame(DemoSamples.Sample sample, long sequence) {
        return Frame.newBuilder().setStreamId(sample.streamId()).setSequence(sequence).setCaptureTime(Instant.now())
                .setTask(sample.task()).setEncoding(Encoding.PNG).setWidth(sample.width()).setHeight(sample.height())
                .setPayload(ByteBuffer.wrap(sample.png()))
                .setAttributes(Map.of("source", "demo:" + sample.name(), RUN_ATTRIBUTE, runId))
                .build();
    }

    private Properties producerProps(EnhancerConfig config) {
        final Properties p = ClientSettings.producer(config);
        p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, baseConfig.messageMaxBytes());
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        // One batch in flight: retries against partitions that have just been created cannot
        // arrive out of order (the broker answers NOT_LEADER_OR_FOLLOWER for a moment).
        p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
        return p;
    }

    private Properties consumerProps(EnhancerConfig config) {
        final Properties p = ClientSettings.consumer(config);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "framelift-demo-viewer-" + runId);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, baseConfig.rejectedMessageMaxBytes());
        return p;
    }

    /** Where the run reports progress. */
    public interface ProgressSink {
        void update(long sent, long enhanced, long rejected, double seconds);

        void rejected(String why);
    }
}
