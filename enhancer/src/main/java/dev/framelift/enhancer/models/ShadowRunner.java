package dev.framelift.enhancer.models;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.framelift.enhancer.image.ImageCodec;
import dev.framelift.enhancer.inference.Enhancement;
import dev.framelift.enhancer.inference.Generator;
import dev.framelift.enhancer.inference.ModelLease;
import dev.framelift.enhancer.inference.ModelRegistry;
import dev.framelift.enhancer.inference.ShadowCandidate;
import dev.framelift.enhancer.pipeline.FramePipeline;
import dev.framelift.enhancer.pipeline.SmallFrames;
import dev.framelift.model.Image;
import dev.framelift.model.metrics.SelfConsistency;
import dev.framelift.schema.Encoding;
import dev.framelift.schema.EnhancedFrame;
import dev.framelift.schema.Frame;
import dev.framelift.schema.Timings;
import dev.framelift.schema.Topics;
import dev.framelift.schema.serde.FrameLiftSerdes;

/**
 * Runs shadow candidates beside the active models. As the pipeline's {@link FramePipeline.Observer}
 * it sees every enhanced frame; when the frame's stream scope ({@code TASK@STREAM}), or else its
 * task, has a candidate and the frame falls in the
 * candidate's sample (a fixed hash of stream id and sequence, so every instance and every replay
 * samples the same frames), the input and the active model's output are queued for a daemon
 * thread ({@code framelift-shadow}) that runs the candidate on the input, scores both outputs
 * for self-consistency, records both latencies in the candidate's {@link
 * dev.framelift.enhancer.inference.ShadowStats}, and publishes the candidate's output to
 * {@code frames.shadow}, never to {@code frames.enhanced}.
 *
 * <p>The frame path never waits for a candidate: the queue is bounded and a sampled frame that
 * finds it full is skipped (and counted). {@code frames.shadow} is best effort, outside the
 * exactly-once guarantee. Latencies are per frame: the active model's share of its batch's run,
 * the candidate's own run on the single frame.
 *
 * <p>Owns its thread; the producer (may be null: measure, publish nothing) and the registry are
 * borrowed. {@link #close()} stops the thread, dropping what is queued.
 */
public final class ShadowRunner implements FramePipeline.Observer, AutoCloseable {
    /** Attributes that the shadow record adds to the frame's own. */
    public static final String ACTIVE_VERSION = "framelift.shadow.active.version";
    public static final String ACTIVE_MS = "framelift.shadow.active.ms";
    public static final String CANDIDATE_MS = "framelift.shadow.candidate.ms";
    public static final String ACTIVE_CONSISTENCY = "framelift.shadow.active.consistency_db";
    public static final String CANDIDATE_CONSISTENCY = "framelift.shadow.candidate.consistency_db";

    private static final Logger LOG = LoggerFactory.getLogger(ShadowRunner.class);

    private final ModelRegistry registry;
    private final ImageCodec codec;
    private final Encoding encoding;
    private final Producer<byte[], byte[]> producer;
    private final BlockingQueue<Job> queue;
    private final Thread thread;
    private volatile boolean running = true;

    private record Job(Frame frame, Image input, Enhancement active, ShadowCandidate shadow, long queuedAt, int width,
            int height) {
    }

    public ShadowRunner(ModelRegistry registry, ImageCodec codec, Encoding encoding, Producer<byte[], byte[]> producer,
            int queueCapacity) {
        this.registry = registry;
        this.codec = codec;
        this.encoding = encoding;
        this.producer = producer;
        this.queue = new ArrayBlockingQueue<>(queueCapacity);
        this.thread = new Thread(this::work, "framelift-shadow");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    @Override
    public void enhanced(Frame frame, Image input, Enhancement result, int width, int height) {
        final Optional<ShadowCandidate> shadow = registry.shadowFor(frame.getTask(), frame.getStreamId());
        if (shadow.isEmpty() || !sampled(frame.getStreamId(), frame.getSequence(), shadow.get().fraction())) {
            return;
        }
        if (!queue.offer(new Job(frame, input, result, shadow.get(), System.nanoTime(), width, height))) {
            shadow.get().stats().skip();
        }
    }

    /** Whether a frame falls in a sample of {@code fraction}: a fixed hash of stream and sequence. */
    static boolean sampled(String stream, long sequence, double fraction) {
        final long h = mix(mix(stream.hashCode()) ^ sequence);
        return (h >>> 11) * 0x1.0p-53 < fraction;
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    private void work() {
        while (running) {
            final Job job;
            try {
                job = queue.poll(200, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                return;
            }
            if (job != null) {
                try {
                    run(job);
                } catch (RuntimeException e) {
                    LOG.warn("shadow run of frame {}/{} failed: {}", job.frame.getStreamId(), job.frame.getSequence(), e.toString());
                }
            }
        }
    }

    private void run(Job job) {
        final Optional<ModelLease> leased = job.shadow.acquire();
        if (leased.isEmpty()) {
            return; // replaced or promoted meanwhile
        }
        try (ModelLease lease = leased.get()) {
            final Generator candidate = lease.generator();
            final long start = System.nanoTime();
            Image out = candidate.enhance(List.of(job.input)).get(0);
            final long ran = System.nanoTime();
            final double candidateMs = (ran - start) / 1e6;
            final double activeMs = job.active.inferenceMs() / job.active.batchSize();
            final double candidateDb = SelfConsistency.score(job.input, out, candidate.scale());
            final double activeDb = SelfConsistency.score(job.input, job.active.output(), candidate.scale());
            job.shadow.stats().add(candidateMs, activeMs, candidateDb, activeDb);
            if (producer != null) {
                out = SmallFrames.cropped(out, job.width * candidate.scale(), job.height * candidate.scale());
                final byte[] payload = codec.encode(out, encoding);
                final double encodeMs = (System.nanoTime() - ran) / 1e6;
                final Map<String, String> attributes = new HashMap<>(job.frame.getAttributes());
                attributes.put(ACTIVE_VERSION, job.active.model().version());
                attributes.put(ACTIVE_MS, format(activeMs));
                attributes.put(CANDIDATE_MS, format(candidateMs));
                attributes.put(ACTIVE_CONSISTENCY, format(Math.min(activeDb, 100)));
                attributes.put(CANDIDATE_CONSISTENCY, format(Math.min(candidateDb, 100)));
                final EnhancedFrame record = EnhancedFrame.newBuilder()
                        .setStreamId(job.frame.getStreamId()).setSequence(job.frame.getSequence())
                        .setCaptureTime(job.frame.getCaptureTime()).setTask(job.frame.getTask())
                        .setModelVersion(candidate.version()).setModelScope(job.shadow.scope().toString())
                        .setModelSha256(candidate.card().getSha256())
                        .setInputWidth(job.width).setInputHeight(job.height)
                        .setWidth(out.width()).setHeight(out.height()).setEncoding(encoding)
                        .setPayload(ByteBuffer.wrap(payload)).setAttributes(attributes)
                        .setTimings(new Timings(0.0, (start - job.queuedAt) / 1e6, candidateMs, encodeMs, 1))
                        .setEnhancedTime(Instant.now()).build();
                producer.send(new ProducerRecord<>(Topics.SHADOW, job.frame.getStreamId().getBytes(StandardCharsets.UTF_8),
                        FrameLiftSerdes.enhancedCodec().encode(record)), (meta, error) -> {
                            if (error != null) {
                                LOG.warn("cannot publish a shadow frame: {}", error.toString());
                            }
                        });
            }
        }
    }

    private static String format(double value) {
        return String.format(Locale.ROOT, "%.3f", value);
    }

    /** Frames queued for a candidate now. */
    public int queued() {
        return queue.size();
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(30_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        queue.clear();
    }
}
