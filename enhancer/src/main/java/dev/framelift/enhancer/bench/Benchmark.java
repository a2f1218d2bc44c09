package dev.framelift.enhancer.bench;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import dev.framelift.enhancer.app.EnhancerService;
import dev.framelift.enhancer.app.TopicSetup;
import dev.framelift.enhancer.config.ClientSettings;
import dev.framelift.enhancer.config.EnhancerConfig;
import dev.framelift.enhancer.engine.FrameEngine;
import dev.framelift.enhancer.inference.Generator;
import dev.framelift.enhancer.inference.MicroBatcher;
import dev.framelift.model.Image;
import dev.framelift.schema.EnhancedFrame;
import dev.framelift.schema.Frame;
import dev.framelift.schema.RejectReason;
import dev.framelift.schema.RejectedFrame;
import dev.framelift.schema.Topics;
import dev.framelift.schema.serde.FrameLiftSerdes;

/**
 * End to end, as one row of the benchmark. Three measurements on the same frames: (1) inference only, pre-decoded frames fed to the
 * micro-batcher by as many threads as the enhancer has stream threads; (2) end to end, the
 * frames pre-loaded into {@code frames.raw} as JPEG records and drained by a real enhancer
 * through Kafka into {@code frames.enhanced} (read_committed), over the span it worked on them
 * ({@link #workRate});
 * (3) latency from capture time with frames offered at 50% and 90% of that maximum rate
 * ({@link LatencyProbe}), by the same enhancer.
 */
public final class Benchmark {
    /** What one benchmark run measured. Times in milliseconds. */
    public record Result(String task, String model, int width, int height, int frames, int streams, String outputEncoding,
            double inferenceFps, double endToEndFps, double meanBatch, Stats decodeMs, Stats queuedMs, Stats inferenceMs,
            Stats encodeMs, List<LatencyProbe.Point> latency) {
        public double ratio() {
            return inferenceFps > 0 ? endToEndFps / inferenceFps : 0;
        }
    }

    private final EnhancerConfig config;
    private final String task;
    private final int width;
    private final int height;
    private final int frames;
    private final int streams;
    private final int latencyFrames;
    private final String runId = Long.toString(System.nanoTime() & 0xffffffffL, 36);

    /** The offered rates of the latency runs, as shares of the measured maximum. */
    static final List<Double> LATENCY_SHARES = List.of(0.5, 0.9);

    /**
     * @param config bootstrap.servers must point at a running broker; the benchmark creates missing
     *               topics. The enhancer it measures runs without its HTTP gateway, whose topic
     *               follower would compete for the same cores.
     * @param streams how many keys (cameras) the frames are spread over, round robin: 1 measures one
     *                stream alone. Only this run's keys are counted, so runs can share the topics.
     * @param outputEncoding the enhancer's {@code output.encoding} for this run
     * @param latencyFrames frames per offered rate of the latency runs (0: none)
     */
    public Benchmark(EnhancerConfig config, String task, int width, int height, int frames, int streams,
            String outputEncoding, int latencyFrames) {
        final Map<String, Object> settings = new HashMap<>(config.originals());
        settings.put(EnhancerConfig.HTTP_ENABLED, "false");
        settings.put(EnhancerConfig.OUTPUT_ENCODING, outputEncoding);
        this.config = new EnhancerConfig(settings);
        this.task = task;
        this.width = width;
        this.height = height;
        this.frames = frames;
        this.streams = streams;
        this.latencyFrames = latencyFrames;
    }

    /**
     * @param knownInferenceFps the inference-only rate of an earlier run on the same model, task and
     *                          size (it does not depend on streams or output), or NaN to measure it
     */
    public Result run(Consumer<String> log, double knownInferenceFps) throws IOException, InterruptedException {
        final List<byte[]> jpegs = BenchFrames.jpegs(task, width, height);
        TopicSetup.createMissing(config);
        final EnhancerConfig own = BenchGroups.freshAtEnd(config, "bench-" + runId);
        final FrameEngine engine = FrameEngine.following(config, Duration.ofMinutes(2));
        final Generator model;
        final double inferenceFps;
        try {
            model = engine.registry().get(task).orElseThrow(() -> new IllegalArgumentException(
                    "no model for task '" + task + "'; loaded: " + engine.registry().tasks()));
            log.accept(String.format("model %s (%s), %d frames of %dx%d, %d threads, batch <= %d",
                    model.version(), model.card().getArchitecture(), frames, width, height,
                    config.getInt(EnhancerConfig.STREAM_THREADS), config.batching().maxBatch()));
            if (Double.isNaN(knownInferenceFps)) {
                inferenceFps = inferenceOnly(engine.batcher(), BenchFrames.images(jpegs, model.inputChannels()), log);
                log.accept(String.format("inference only: %.2f frames/s", inferenceFps));
            } else {
                inferenceFps = knownInferenceFps;
            }
            preload(jpegs);
        } catch (InterruptedException | RuntimeException e) {
            engine.close();
            throw e;
        }
        final String version = model.version();
        final List<EnhancedFrame> out;
        final double endToEndFps;
        final List<LatencyProbe.Point> latency = new ArrayList<>();
        try (EnhancerService service = EnhancerService.start(own, engine, Duration.ofMinutes(2))) {
            out = drain(log);
            endToEndFps = workRate(out);
            log.accept(String.format("end to end: %.2f frames/s", endToEndFps));
            // never offer more than inference alone sustains
            final double maxFps = Math.min(endToEndFps, inferenceFps);
            if (latencyFrames > 0) {
                try (FrameFeed feed = new FrameFeed(config, task, width, height, jpegs, keyPrefix() + "paced-", streams)) {
                    for (double share : LATENCY_SHARES) {
                        final LatencyProbe.Point point = LatencyProbe.measure(feed, share, maxFps, latencyFrames);
                        log.accept(String.format("  latency at %.0f%% (%.2f frames/s): p50 %.0f ms, p99 %.0f ms",
                                100 * share, point.offeredFps(), point.latencyMs().p50(), point.latencyMs().p99()));
                        latency.add(point);
                    }
                }
            }
        }
        return new Result(task, version, width, height, frames, streams,
                config.outputEncoding().toString(), inferenceFps, endToEndFps,
                out.stream().mapToInt(f -> f.getTimings().getBatchSize()).average().orElse(0),
                Stats.of(out.stream().mapToDouble(f -> f.getTimings().getDecodeMs()).toArray()),
                Stats.of(out.stream().mapToDouble(f -> f.getTimings().getQueuedMs()).toArray()),
                Stats.of(out.stream().mapToDouble(f -> f.getTimings().getInferenceMs()).toArray()),
                Stats.of(out.stream().mapToDouble(f -> f.getTimings().getEncodeMs()).toArray()), latency);
    }

    /**
     * Frames per second over the span in which the enhancer worked on {@code out}: from the start of
     * the earliest frame's work (its enhanced time less its decode, queue, inference and encode
     * times) to the latest enhanced time. Read from the records themselves, because neither the
     * moment the client reports RUNNING (its threads process assigned partitions while others
     * still rebalance) nor the first and last reads (outputs become readable a transaction at a
     * time) bound the work.
     */
    static double workRate(List<EnhancedFrame> out) {
        double start = Double.MAX_VALUE;
        double end = -Double.MAX_VALUE;
        for (EnhancedFrame f : out) {
            final double done = f.getEnhancedTime().toEpochMilli();
            final var t = f.getTimings();
            start = Math.min(start, done - t.getDecodeMs() - t.getQueuedMs() - t.getInferenceMs() - t.getEncodeMs());
            end = Math.max(end, done);
        }
        return out.isEmpty() || end <= start ? 0 : out.size() / ((end - start) / 1e3);
    }

    private double inferenceOnly(MicroBatcher batcher, List<Image> images, Consumer<String> log)
            throws InterruptedException {
        warmUp(batcher, images.get(0));
        return Workers.rate(config.getInt(EnhancerConfig.STREAM_THREADS), frames, "bench-inference",
                i -> batcher.submit(task, images.get(i % images.size())).join());
    }

    private void warmUp(MicroBatcher batcher, Image image) {
        final List<CompletableFuture<?>> warm = new ArrayList<>();
        for (int i = 0; i < config.batching().maxBatch(); i++) {
            warm.add(batcher.submit(task, image));
        }
        warm.forEach(CompletableFuture::join);
    }

    /** The keys of this run's frames: unique to it, so that runs against the same topics never count each other's. */
    private String keyPrefix() {
        return "bench-" + runId + "-" + streams + "x-" + config.outputEncoding() + "-";
    }

    private void preload(List<byte[]> jpegs) {
        final Properties p = ClientSettings.producer(config);
        p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, config.messageMaxBytes());
        p.put(ProducerConfig.LINGER_MS_CONFIG, 10);
        // see DemoRun: new partitions answer NOT_LEADER_OR_FOLLOWER for a moment
        p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
        try (KafkaProducer<String, Frame> producer = new KafkaProducer<>(p, new StringSerializer(), FrameLiftSerdes.frame())) {
            for (int i = 0; i < frames; i++) {
                final String stream = keyPrefix() + "all-" + (i % streams);
                producer.send(new ProducerRecord<>(Topics.RAW, stream,
                        BenchFrames.frame(stream, i, task, width, height, jpegs.get(i % jpegs.size()))));
            }
        }
    }

    private List<EnhancedFrame> drain(Consumer<String> log) {
        final Properties p = ClientSettings.consumer(config);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "framelift-bench-" + System.nanoTime());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, config.rejectedMessageMaxBytes());
        final List<EnhancedFrame> out = new ArrayList<>();
        final Map<String, Integer> rejected = new TreeMap<>();
        final Map<String, String> examples = new HashMap<>();
        int rejectedFrames = 0;
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(p,
                new org.apache.kafka.common.serialization.StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.ENHANCED, Topics.REJECTED));
            final long deadline = System.nanoTime() + Duration.ofMinutes(30).toNanos();
            // every frame is answered once, enhanced or rejected: count frames, not reasons
            while (out.size() + rejectedFrames < frames && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    if (record.key() == null || !record.key().startsWith(keyPrefix() + "all-")) {
                        continue;
                    }
                    if (record.topic().equals(Topics.REJECTED)) {
                        final RejectedFrame frame = FrameLiftSerdes.rejectedCodec().decode(record.value());
                        rejected.merge(frame.getReason().name(), 1, Integer::sum);
                        examples.putIfAbsent(frame.getReason().name(), frame.getMessage());
                        rejectedFrames++;
                        continue;
                    }
                    out.add(FrameLiftSerdes.enhancedCodec().decode(record.value()));
                    if (out.size() % 50 == 0) {
                        log.accept(String.format("  %d/%d enhanced", out.size(), frames));
                    }
                }
            }
        }
        if (!rejected.isEmpty()) {
            throw new IllegalStateException(String.format("%d of %d frames were rejected during the benchmark: %s, e.g. %s%s",
                    rejectedFrames, frames, rejected, examples, slowMachineHint(rejected.keySet(), frames, width, height,
                            config.getLong(EnhancerConfig.FRAME_DEADLINE_MS))));
        }
        return out;
    }

    /**
     * What to do when frames timed out, for the error that ends the run: the preloaded frames
     * wait behind each other, so on a machine slower than the deadline allows the later ones pass
     * it before their turn. Empty when no frame timed out.
     *
     * @param reasons the names of the {@link RejectReason}s the frames were rejected for
     */
    static String slowMachineHint(Set<String> reasons, int frames, int width, int height, long deadlineMs) {
        if (!reasons.contains(RejectReason.TIMEOUT.name())) {
            return "";
        }
        return String.format("; this machine could not enhance %d frames of %dx%d within frame.deadline.ms=%d each:"
                + " rerun with --set frame.deadline.ms=300000, a smaller --size or fewer --frames", frames, width, height,
                deadlineMs);
    }
}
