package dev.framelift.enhancer.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
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
import dev.framelift.enhancer.image.ImageCodec;
import dev.framelift.enhancer.inference.Generator;
import dev.framelift.enhancer.inference.MicroBatcher;
import dev.framelift.enhancer.reject.FrameRejectedException;
import dev.framelift.model.Image;
import dev.framelift.schema.Encoding;
import dev.framelift.schema.EnhancedFrame;
import dev.framelift.schema.Frame;
import dev.framelift.schema.Topics;
import dev.framelift.schema.serde.FrameLiftSerdes;

/**
 * Two measurements on the same frames: (1) inference only, pre-decoded frames fed to the
 * micro-batcher by as many threads as the enhancer has stream threads; (2) end to end, the
 * frames pre-loaded into {@code frames.raw} as JPEG records and drained by a real enhancer
 * through Kafka into {@code frames.enhanced} (read_committed), from the first output to the last.
 */
public final class Benchmark {
    /** What one benchmark run measured. Times in milliseconds. */
    public record Result(String task, String model, int width, int height, int frames, double inferenceFps,
            double endToEndFps, double meanBatch, Stats decodeMs, Stats queuedMs, Stats inferenceMs, Stats encodeMs) {
        public double ratio() {
            return inferenceFps > 0 ? endToEndFps / inferenceFps : 0;
        }
    }

    private final EnhancerConfig config;
    private final String task;
    private final int width;
    private final int height;
    private final int frames;

    /**
     * @param config bootstrap.servers must point at a running broker; the benchmark creates missing
     *               topics. The enhancer it measures runs without its HTTP gateway, whose topic
     *               follower would compete for the same cores.
     */
    public Benchmark(EnhancerConfig config, String task, int width, int height, int frames) {
        Map<String, Object> settings = new HashMap<>(config.originals());
        settings.put(EnhancerConfig.HTTP_ENABLED, "false");
        this.config = new EnhancerConfig(settings);
        this.task = task;
        this.width = width;
        this.height = height;
        this.frames = frames;
    }

    public Result run(Consumer<String> log) throws IOException, InterruptedException {
        List<byte[]> jpegs = BenchFrames.jpegs(task, width, height);
        TopicSetup.createMissing(config);
        FrameEngine engine = FrameEngine.following(config, Duration.ofMinutes(2));
        Generator model;
        double inferenceFps;
        try {
            model = engine.registry().get(task).orElseThrow(() -> new IllegalArgumentException(
                    "no model for task '" + task + "'; loaded: " + engine.registry().tasks()));
            log.accept(String.format("model %s (%s), %d frames of %dx%d, %d threads, batch <= %d",
                    model.version(), model.card().getArchitecture(), frames, width, height,
                    config.getInt(EnhancerConfig.STREAM_THREADS), config.batching().maxBatch()));
            inferenceFps = inferenceOnly(engine.batcher(), decode(jpegs, model.inputChannels()), log);
            log.accept(String.format("inference only: %.2f frames/s", inferenceFps));
            preload(jpegs);
        } catch (InterruptedException | RuntimeException e) {
            engine.close();
            throw e;
        }
        String version = model.version();
        List<EnhancedFrame> out;
        double endToEndFps;
        try (EnhancerService service = EnhancerService.start(config, engine, Duration.ofMinutes(2))) {
            long[] firstLast = new long[2];
            out = drain(firstLast, log);
            endToEndFps = (out.size() - 1) / ((firstLast[1] - firstLast[0]) / 1e9);
        }
        log.accept(String.format("end to end: %.2f frames/s", endToEndFps));
        return new Result(task, version, width, height, frames, inferenceFps, endToEndFps,
                out.stream().mapToInt(f -> f.getTimings().getBatchSize()).average().orElse(0),
                Stats.of(out.stream().mapToDouble(f -> f.getTimings().getDecodeMs()).toArray()),
                Stats.of(out.stream().mapToDouble(f -> f.getTimings().getQueuedMs()).toArray()),
                Stats.of(out.stream().mapToDouble(f -> f.getTimings().getInferenceMs()).toArray()),
                Stats.of(out.stream().mapToDouble(f -> f.getTimings().getEncodeMs()).toArray()));
    }

    private List<Image> decode(List<byte[]> jpegs, int channels) {
        ImageCodec codec = new ImageCodec(config.imageLimits());
        List<Image> images = new ArrayList<>();
        for (byte[] jpeg : jpegs) {
            try {
                images.add(ImageCodec.toChannels(codec.decode(Encoding.JPEG, jpeg, 0, 0), channels));
            } catch (FrameRejectedException e) {
                throw new IllegalStateException("benchmark frame rejected: " + e.getMessage(), e);
            }
        }
        return images;
    }

    private double inferenceOnly(MicroBatcher batcher, List<Image> images, Consumer<String> log)
            throws InterruptedException {
        int threads = config.getInt(EnhancerConfig.STREAM_THREADS);
        warmUp(batcher, images.get(0));
        AtomicInteger next = new AtomicInteger();
        List<Thread> workers = new ArrayList<>();
        long start = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            Thread worker = new Thread(() -> {
                int i;
                while ((i = next.getAndIncrement()) < frames) {
                    batcher.submit(task, images.get(i % images.size())).join();
                }
            }, "bench-inference-" + t);
            workers.add(worker);
            worker.start();
        }
        for (Thread worker : workers) {
            worker.join();
        }
        return frames / ((System.nanoTime() - start) / 1e9);
    }

    private void warmUp(MicroBatcher batcher, Image image) {
        List<CompletableFuture<?>> warm = new ArrayList<>();
        for (int i = 0; i < config.batching().maxBatch(); i++) {
            warm.add(batcher.submit(task, image));
        }
        warm.forEach(CompletableFuture::join);
    }

    private void preload(List<byte[]> jpegs) {
        Properties p = ClientSettings.producer(config);
        p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, config.messageMaxBytes());
        p.put(ProducerConfig.LINGER_MS_CONFIG, 10);
        // see DemoRun: new partitions answer NOT_LEADER_OR_FOLLOWER for a moment
        p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
        try (KafkaProducer<String, Frame> producer = new KafkaProducer<>(p, new StringSerializer(), FrameLiftSerdes.frame())) {
            for (int i = 0; i < frames; i++) {
                String stream = "bench-" + (i % 16);
                Frame frame = Frame.newBuilder().setStreamId(stream).setSequence(i).setCaptureTime(Instant.now())
                        .setTask(task).setEncoding(Encoding.JPEG).setWidth(width).setHeight(height)
                        .setPayload(ByteBuffer.wrap(jpegs.get(i % jpegs.size()))).build();
                producer.send(new ProducerRecord<>(Topics.RAW, stream, frame));
            }
        }
    }

    private List<EnhancedFrame> drain(long[] firstLast, Consumer<String> log) {
        Properties p = ClientSettings.consumer(config);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "framelift-bench-" + System.nanoTime());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, config.rejectedMessageMaxBytes());
        List<EnhancedFrame> out = new ArrayList<>();
        Map<String, Integer> rejected = new HashMap<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(p,
                new org.apache.kafka.common.serialization.StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.ENHANCED, Topics.REJECTED));
            long deadline = System.nanoTime() + Duration.ofMinutes(30).toNanos();
            while (out.size() + rejected.size() < frames && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    long now = System.nanoTime();
                    if (record.topic().equals(Topics.REJECTED)) {
                        rejected.merge(FrameLiftSerdes.rejectedCodec().decode(record.value()).getMessage(), 1, Integer::sum);
                        continue;
                    }
                    if (out.isEmpty()) {
                        firstLast[0] = now;
                    }
                    firstLast[1] = now;
                    out.add(FrameLiftSerdes.enhancedCodec().decode(record.value()));
                    if (out.size() % 50 == 0) {
                        log.accept(String.format("  %d/%d enhanced", out.size(), frames));
                    }
                }
            }
        }
        if (!rejected.isEmpty()) {
            throw new IllegalStateException("frames were rejected during the benchmark: " + rejected);
        }
        return out;
    }
}
