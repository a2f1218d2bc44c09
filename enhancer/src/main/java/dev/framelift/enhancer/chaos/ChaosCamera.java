package dev.framelift.enhancer.chaos;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import javax.imageio.ImageIO;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import dev.framelift.schema.Encoding;
import dev.framelift.schema.Frame;
import dev.framelift.schema.Tasks;
import dev.framelift.schema.Topics;
import dev.framelift.schema.serde.FrameLiftSerdes;

/**
 * The campaign's cameras: one thread sending {@link ChaosPlan#frames()} small PNG frames to
 * {@code frames.raw} at the plan's pace, round-robin over its streams ({@code cam-0}...), each
 * stream's sequence counting up from 0. A quarter of the streams (at least one when there are four)
 * are grayscale archives for {@code colorize}, the rest {@code sr-x2}; about one frame in fifty
 * is a truncated PNG, which the enhancer must reject.
 *
 * <p>The producer is idempotent with one request in flight and waits out broker restarts (it
 * blocks and retries for up to ten minutes instead of failing), so {@code frames.raw} holds every
 * frame once, in order. A send that fails anyway is reported by {@link #failure()}.
 */
final class ChaosCamera extends Thread {
    private static final int WIDTH = 64;
    private static final int HEIGHT = 48;
    private static final double CORRUPT_SHARE = 0.02;

    private final String bootstrap;
    private final ChaosPlan plan;
    private final Random random;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicReference<Exception> failure = new AtomicReference<>();
    private volatile boolean stopped;

    ChaosCamera(String bootstrap, ChaosPlan plan) {
        super("chaos-camera");
        setDaemon(true);
        this.bootstrap = bootstrap;
        this.plan = plan;
        this.random = new Random(plan.seed());
    }

    /** Frames handed to the producer so far. */
    long sent() {
        return sent.get();
    }

    Exception failure() {
        return failure.get();
    }

    /** Stops sending early (the campaign timed out). */
    void halt() {
        stopped = true;
    }

    @Override
    public void run() {
        final List<byte[]> color = images(false);
        final List<byte[]> gray = images(true);
        final long start = System.nanoTime();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(settings(), new ByteArraySerializer(),
                new ByteArraySerializer())) {
            for (int i = 0; i < plan.frames() && !stopped && failure.get() == null; i++) {
                final long due = start + (long) (i * 1e9 / plan.framesPerSecond());
                final long wait = due - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
                final int stream = i % plan.streams();
                final boolean archive = plan.streams() >= 4 && stream >= plan.streams() * 3 / 4;
                byte[] png = (archive ? gray : color).get(random.nextInt(color.size()));
                if (random.nextDouble() < CORRUPT_SHARE) {
                    png = Arrays.copyOf(png, png.length / 2);
                }
                final Frame frame = Frame.newBuilder().setStreamId("cam-" + stream).setSequence(i / plan.streams())
                        .setCaptureTime(Instant.now()).setTask(archive ? Tasks.COLORIZE : Tasks.SR_X2)
                        .setEncoding(Encoding.PNG).setWidth(WIDTH).setHeight(HEIGHT).setPayload(ByteBuffer.wrap(png))
                        .setAttributes(Map.of("source", "chaos")).build();
                producer.send(new ProducerRecord<>(Topics.RAW, frame.getStreamId().getBytes(StandardCharsets.UTF_8),
                        FrameLiftSerdes.frameCodec().encode(frame)), (metadata, e) -> {
                            if (e != null) {
                                failure.compareAndSet(null, e);
                            }
                        });
                sent.incrementAndGet();
            }
            producer.flush();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            failure.compareAndSet(null, e);
        }
    }

    private Properties settings() {
        final Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 600_000);
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 600_000);
        return p;
    }

    /** A few distinct small images: smooth gradients with a seeded texture. */
    private List<byte[]> images(boolean gray) {
        final List<byte[]> images = new ArrayList<>();
        for (int n = 0; n < 8; n++) {
            final BufferedImage image = new BufferedImage(WIDTH, HEIGHT, gray ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_INT_RGB);
            for (int y = 0; y < HEIGHT; y++) {
                for (int x = 0; x < WIDTH; x++) {
                    final int r = (x * 4 + n * 29 + random.nextInt(16)) & 0xFF;
                    final int g = (y * 5 + n * 13 + random.nextInt(16)) & 0xFF;
                    final int b = ((x ^ y) * 6 + n * 7) & 0xFF;
                    image.setRGB(x, y, gray ? (r + g + b) / 3 * 0x010101 : (r << 16) | (g << 8) | b);
                }
            }
            final ByteArrayOutputStream png = new ByteArrayOutputStream();
            try {
                ImageIO.write(image, "png", png);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            images.add(png.toByteArray());
        }
        return images;
    }
}
