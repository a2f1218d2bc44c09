package dev.framelift.enhancer.testing;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.kafka.clients.producer.KafkaProducer;

import dev.framelift.enhancer.demo.SampleFootage;
import dev.framelift.schema.Encoding;
import dev.framelift.schema.Frame;
import dev.framelift.schema.Tasks;
import dev.framelift.schema.Topics;

/**
 * Streams small frames of the sample clip to {@code frames.raw} on a background thread, like two
 * cameras: {@value #CAMERA} (sr-x2, 192x144) and {@value #ARCHIVE} (colorize, gray 192x144),
 * one frame each every {@code periodMillis}, for at most {@code maxFrames} frames. Close it to stop.
 */
public final class SampleFeeder implements AutoCloseable {
    public static final String CAMERA = "cam-north";
    public static final String ARCHIVE = "archive-7";

    private final AtomicBoolean stop = new AtomicBoolean();
    private final Thread thread;

    private SampleFeeder(Thread thread) {
        this.thread = thread;
    }

    public static SampleFeeder start(String bootstrap, long periodMillis, int maxFrames) {
        List<byte[]> colour = new ArrayList<>();
        List<byte[]> gray = new ArrayList<>();
        for (int i = 1; i <= SampleFootage.CLIP_FRAMES; i++) {
            BufferedImage frame = SampleFootage.clipFrame(i);
            colour.add(SampleFootage.encode(scaled(frame, BufferedImage.TYPE_3BYTE_BGR), "png"));
            gray.add(SampleFootage.encode(scaled(frame, BufferedImage.TYPE_BYTE_GRAY), "png"));
        }
        SampleFeeder[] self = new SampleFeeder[1];
        Thread thread = new Thread(() -> {
            try (KafkaProducer<byte[], byte[]> producer = KafkaTestClients.producer(bootstrap)) {
                for (int n = 0; n < maxFrames / 2 && !self[0].stop.get(); n++) {
                    int i = n % colour.size();
                    KafkaTestClients.send(producer, Topics.RAW, frame(CAMERA, n, Tasks.SR_X2, colour.get(i)));
                    KafkaTestClients.send(producer, Topics.RAW, frame(ARCHIVE, n, Tasks.COLORIZE, gray.get(i)));
                    Thread.sleep(periodMillis);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "sample-feeder");
        self[0] = new SampleFeeder(thread);
        thread.setDaemon(true);
        thread.start();
        return self[0];
    }

    private static Frame frame(String stream, long sequence, String task, byte[] png) {
        return Frame.newBuilder().setStreamId(stream).setSequence(sequence).setCaptureTime(Instant.now()).setTask(task)
                .setEncoding(Encoding.PNG).setWidth(192).setHeight(144).setPayload(ByteBuffer.wrap(png))
                .setAttributes(Map.of()).build();
    }

    private static BufferedImage scaled(BufferedImage image, int type) {
        BufferedImage small = new BufferedImage(192, 144, type);
        Graphics2D g = small.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(image, 0, 0, 192, 144, null);
        g.dispose();
        return small;
    }

    @Override
    public void close() throws InterruptedException {
        stop.set(true);
        thread.join(10_000);
    }
}
