package dev.framelift.trainer.kafka;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

import javax.imageio.ImageIO;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.framelift.schema.Frame;
import dev.framelift.schema.serde.FrameLiftSerdes;
import dev.framelift.schema.serde.InvalidRecordException;
import dev.framelift.trainer.data.LumaDegradation;
import dev.framelift.trainer.data.RgbImage;

/**
 * The frames of one stream, read from a Kafka topic of {@code Frame} records and written as PNG
 * files in playback order, so the trainer can train on them like on a folder of photos (with
 * {@code --split newest}, the newest frames are held out for validation).
 *
 * <p>Reads every partition from the beginning to the end the topic had when it started,
 * read_committed, without a consumer group; keeps the records whose key is the stream id. When
 * the stream has more than {@code maxFrames} usable frames, an even sample over the whole stream
 * is kept (consecutive frames of a fixed camera are near duplicates). For colorization only colour
 * frames are kept (a camera's gray night frames carry no colour to learn). Stateless.
 */
public final class StreamFrames {
    private static final Logger LOG = LoggerFactory.getLogger(StreamFrames.class);
    private static final Duration TIMEOUT = Duration.ofMinutes(5);

    private StreamFrames() {
    }

    /**
     * What was written.
     *
     * @param files       the PNG files, in playback order
     * @param read        records of the stream read
     * @param skipped     of those, frames left out (undecodable, or gray for colorization)
     * @param description a one-line summary for the model card
     */
    public record Written(List<Path> files, long read, long skipped, String description) {
    }

    /** A frame kept while reading: its place in the stream and its encoded payload. */
    record Kept(long sequence, int partition, long offset, Frame frame) {
    }

    /**
     * @param clientSettings {@code bootstrap.servers} and any other consumer settings
     * @param colourOnly     keep only colour frames
     * @throws IOException if the topic cannot be read or no usable frame of the stream is found
     */
    public static Written export(Map<String, Object> clientSettings, String topic, String stream, int maxFrames,
            boolean colourOnly, Path dir) throws IOException {
        final List<Kept> kept = read(clientSettings, topic, stream, maxFrames);
        Files.createDirectories(dir);
        kept.sort(Comparator.comparingLong(Kept::sequence).thenComparingLong(Kept::offset));
        final List<Path> files = new ArrayList<>();
        long skipped = 0;
        for (Kept k : kept) {
            final RgbImage image = decode(k.frame);
            if (image == null || (colourOnly && image.chromaStd() < LumaDegradation.GRAY_CHROMA_STD)) {
                skipped++;
                continue;
            }
            final Path file = dir.resolve(String.format(Locale.ROOT, "%06d-seq%d.png", files.size(), k.sequence));
            ImageIO.write(image.toBufferedImage(), "png", file.toFile());
            files.add(file);
        }
        if (files.size() < 2) {
            throw new IOException("stream " + stream + " on " + topic + " has " + files.size() + " usable frame(s) of "
                    + kept.size() + " sampled" + (colourOnly ? " (colour frames only)" : "") + "; at least 2 are needed");
        }
        final String description = String.format(Locale.ROOT, "%d frames of stream %s on %s (sequences %d..%d%s)", files.size(),
                stream, topic, kept.get(0).sequence, kept.get(kept.size() - 1).sequence, colourOnly ? ", colour only" : "");
        LOG.info("wrote {} ({} skipped) to {}", description, skipped, dir);
        return new Written(List.copyOf(files), kept.size(), skipped, description);
    }

    private static List<Kept> read(Map<String, Object> clientSettings, String topic, String stream, int maxFrames)
            throws IOException {
        final Properties p = new Properties();
        p.putAll(clientSettings);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        p.putIfAbsent(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 17 << 20);
        final byte[] key = stream.getBytes(StandardCharsets.UTF_8);
        final Sample sample = new Sample(maxFrames);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            final List<PartitionInfo> infos = consumer.partitionsFor(topic, TIMEOUT);
            if (infos == null || infos.isEmpty()) {
                throw new IOException("topic " + topic + " does not exist");
            }
            final List<TopicPartition> partitions = infos.stream().map(i -> new TopicPartition(topic, i.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            final Map<TopicPartition, Long> end = consumer.endOffsets(partitions, TIMEOUT);
            final long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                if (System.nanoTime() > deadline) {
                    throw new IOException("could not read " + topic + " to its end within " + TIMEOUT);
                }
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    if (java.util.Arrays.equals(key, r.key()) && r.value() != null) {
                        try {
                            final Frame frame = FrameLiftSerdes.frameCodec().decode(r.value());
                            sample.offer(new Kept(frame.getSequence(), r.partition(), r.offset(), frame));
                        } catch (InvalidRecordException e) {
                            LOG.debug("skipping an undecodable record at {}/{}", r.partition(), r.offset());
                        }
                    }
                }
            }
        }
        final List<Kept> kept = sample.result();
        if (kept.isEmpty()) {
            throw new IOException("no frame of stream '" + stream + "' on topic " + topic);
        }
        return kept;
    }

    /** The frame's pixels as RGB, or null if they do not decode. */
    static RgbImage decode(Frame frame) {
        final byte[] payload = new byte[frame.getPayload().remaining()];
        frame.getPayload().duplicate().get(payload);
        try {
            return switch (frame.getEncoding()) {
                case PNG, JPEG -> {
                    final BufferedImage image = ImageIO.read(new ByteArrayInputStream(payload));
                    yield image == null ? null : RgbImage.of(image);
                }
                case RGB8 -> new RgbImage(frame.getWidth(), frame.getHeight(), payload);
                case GRAY8 -> {
                    final byte[] rgb = new byte[payload.length * 3];
                    for (int i = 0; i < payload.length; i++) {
                        rgb[3 * i] = rgb[3 * i + 1] = rgb[3 * i + 2] = payload[i];
                    }
                    yield new RgbImage(frame.getWidth(), frame.getHeight(), rgb);
                }
            };
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /**
     * An even sample of at most {@code max} of a sequence of unknown length: every item while
     * there is room, then every 2nd, 4th, ... (halving what is kept each time it fills up).
     */
    static final class Sample {
        private final int max;
        private final List<Kept> items = new ArrayList<>();
        private long seen;
        private long stride = 1;

        Sample(int max) {
            this.max = Math.max(2, max);
        }

        void offer(Kept item) {
            if (seen++ % stride != 0) {
                return;
            }
            items.add(item);
            if (items.size() >= 2 * max) {
                final List<Kept> half = new ArrayList<>();
                for (int i = 0; i < items.size(); i += 2) {
                    half.add(items.get(i));
                }
                items.clear();
                items.addAll(half);
                stride *= 2;
            }
        }

        List<Kept> result() {
            if (items.size() <= max) {
                return new ArrayList<>(items);
            }
            final List<Kept> even = new ArrayList<>(max);
            for (int i = 0; i < max; i++) {
                even.add(items.get((int) ((long) i * items.size() / max)));
            }
            return even;
        }
    }
}
