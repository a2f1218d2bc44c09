package dev.framelift.enhancer.footage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import dev.framelift.enhancer.config.EnhancerConfig;
import dev.framelift.enhancer.image.ImageCodec;
import dev.framelift.model.Image;
import dev.framelift.schema.Encoding;
import dev.framelift.schema.Frame;
import dev.framelift.schema.Topics;
import dev.framelift.schema.serde.FrameLiftSerdes;

/**
 * Publishes a {@link FrameSource} to {@code frames.raw} as one stream: {@code Frame} records keyed
 * by the stream id, with the source's sequence numbers and capture times, the frame rate and
 * source in the {@link FrameAttributes}, and {@link FrameAttributes#STREAM_END} on the last
 * frame (the loop reads one frame ahead to know it).
 *
 * <p>Image files that need no change travel as they are (PNG or JPEG, alpha and 16-bit samples
 * included); decoded video and degraded frames travel as PNG. {@link #stop} (from any thread)
 * ends the run after the frame in hand, which is then sent as the last one.
 */
public final class Ingest {
    /** What to ingest and how. */
    public record Options(String streamId, String task, Degradation degradation, double fps, boolean realtime,
            long limit) {
    }

    /** Where a run reports. */
    public interface Listener {
        /** After each frame was handed to the producer. */
        void sent(long frames, long expected, String name);
    }

    /** What a run did. */
    public record Summary(long frames, long bytes, double seconds) {
    }

    private final EnhancerConfig config;
    private final ImageCodec codec;
    private volatile boolean stopping;
    /** The thread in {@link #run}, and whether it is in a wait that {@link #stop} may interrupt (guarded by this). */
    private Thread runner;
    private boolean interruptible;

    public Ingest(EnhancerConfig config) {
        this.config = config;
        this.codec = new ImageCodec(config.imageLimits());
    }

    /** Ends the run after the current frame; wakes a paced or reconnecting wait. */
    public synchronized void stop() {
        stopping = true;
        if (interruptible && runner != null) {
            runner.interrupt();
        }
    }

    /**
     * Marks the start or end of a wait that may be cut short (a paced sleep, a camera's
     * back-off). Kafka calls are never interrupted: an interrupt there would lose frames.
     */
    private synchronized void interruptible(boolean on) {
        interruptible = on;
        if (!on) {
            Thread.interrupted();
        }
    }

    /**
     * Sends every frame of the source (or the first {@code limit}); closes nothing it was given.
     *
     * @throws FootageException when the source breaks or Kafka refuses a frame (frames before it
     *     were sent)
     */
    public Summary run(FrameSource source, Options options, Listener listener) throws IOException {
        synchronized (this) {
            runner = Thread.currentThread();
        }
        final double fps = source.frameRate() > 0 ? source.frameRate() : options.fps();
        if (options.realtime() && !(fps > 0)) {
            throw new FootageException(source.describe() + " has no frame rate to pace by: give --fps");
        }
        long expected = source.expectedFrames();
        if (options.limit() > 0) {
            expected = expected < 0 ? options.limit() : Math.min(expected, options.limit());
        }
        final Map<String, String> attributes = new HashMap<>();
        attributes.put(FrameAttributes.SOURCE, source.describe());
        if (fps > 0) {
            attributes.put(FrameAttributes.FRAME_RATE, String.format(java.util.Locale.ROOT, "%.6g", fps));
        }
        final AtomicReference<Exception> failure = new AtomicReference<>();
        final long started = System.nanoTime();
        long sent = 0;
        long bytes = 0;
        try (KafkaProducer<String, Frame> producer = new KafkaProducer<>(ClientSettings.producer(config),
                new StringSerializer(), FrameLiftSerdes.frame())) {
            SourceFrame current = nextOrNull(source);
            final Instant firstCapture = current != null ? current.captureTime() : null;
            while (current != null && failure.get() == null) {
                final boolean last = stopping || (options.limit() > 0 && sent + 1 >= options.limit());
                final SourceFrame following = last ? null : nextOrNull(source);
                if (options.realtime()) {
                    pace(started, offset(firstCapture, current, fps, source.frameRate() > 0));
                }
                final Frame frame = frame(current, options, attributes, following == null);
                bytes += frame.getPayload().remaining();
                final long sequence = current.sequence();
                producer.send(new ProducerRecord<>(Topics.RAW, options.streamId(), frame), (metadata, e) -> {
                    if (e != null) {
                        failure.compareAndSet(null, new FootageException("Kafka refused frame " + sequence + ": "
                                + e.getMessage(), e));
                    }
                });
                listener.sent(++sent, expected, current.name());
                current = following;
            }
            producer.flush();
        } catch (org.apache.kafka.common.KafkaException e) {
            throw new FootageException("cannot publish to " + config.bootstrapServers() + ": " + e.getMessage(), e);
        } finally {
            synchronized (this) {
                runner = null;
            }
        }
        if (failure.get() instanceof FootageException e) {
            throw e;
        }
        return new Summary(sent, bytes, (System.nanoTime() - started) / 1e9);
    }

    private SourceFrame nextOrNull(FrameSource source) throws IOException {
        if (stopping) {
            return null;
        }
        interruptible(true);
        try {
            return source.next();
        } finally {
            interruptible(false);
        }
    }

    private Frame frame(SourceFrame source, Options options, Map<String, String> shared, boolean last)
            throws FootageException {
        final Map<String, String> attributes = new HashMap<>(shared);
        attributes.put(FrameAttributes.NAME, source.name());
        if (last) {
            attributes.put(FrameAttributes.STREAM_END, "true");
        }
        final Encoding encoding;
        final byte[] payload;
        int width = 0;
        int height = 0;
        if (source.encoded() != null && options.degradation().isNone()) {
            encoding = source.encoding();
            payload = source.encoded();
        } else {
            final Image image = options.degradation().apply(source.pixels(codec));
            encoding = Encoding.PNG;
            payload = codec.encode(image, Encoding.PNG);
            width = image.width();
            height = image.height();
        }
        return Frame.newBuilder().setStreamId(options.streamId()).setSequence(source.sequence())
                .setCaptureTime(source.captureTime()).setTask(options.task()).setEncoding(encoding)
                .setWidth(width).setHeight(height).setPayload(ByteBuffer.wrap(payload)).setAttributes(attributes)
                .build();
    }

    /** How long after the first frame this one is due. */
    private static Duration offset(Instant first, SourceFrame frame, double fps, boolean timed) {
        if (timed) {
            return Duration.between(first, frame.captureTime());
        }
        return Duration.ofNanos(Math.round(frame.sequence() * 1e9 / fps));
    }

    private void pace(long startedNanos, Duration due) {
        final long wait = startedNanos + due.toNanos() - System.nanoTime();
        if (wait > 0 && !stopping) {
            interruptible(true);
            try {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            } catch (InterruptedException e) {
                // stop() woke us: send this frame as the last and end
            } finally {
                interruptible(false);
            }
        }
    }
}
