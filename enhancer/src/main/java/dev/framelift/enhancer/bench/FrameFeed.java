package dev.framelift.enhancer.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import dev.framelift.enhancer.config.ClientSettings;
import dev.framelift.enhancer.config.EnhancerConfig;
import dev.framelift.schema.EnhancedFrame;
import dev.framelift.schema.Frame;
import dev.framelift.schema.RejectedFrame;
import dev.framelift.schema.Topics;
import dev.framelift.schema.serde.FrameLiftSerdes;

/**
 * A camera and a viewer at once, for the benchmark's live runs: sends JPEG frames to
 * {@code frames.raw} with the capture time set to the moment of sending (as the Frame schema
 * defines it), and reads {@code frames.enhanced} read_committed from its end as it was when the
 * feed opened, so it sees only what was enhanced after. Only keys with this feed's prefix count,
 * so feeds can share the topics. A frame that comes back on {@code frames.rejected} (e.g. its
 * deadline passed on an overloaded machine) is an arrival with its reason, for the caller to count.
 *
 * <p>Not thread-safe: one thread sends and polls, in turn. {@link #close} closes both clients.
 */
final class FrameFeed implements AutoCloseable {
    /**
     * One frame answered: its key, the time from capture until the answer was readable (ms), and
     * for a rejected frame the reason (null when it was enhanced).
     */
    record Arrival(String key, double latencyMs, String rejection) {
        boolean enhanced() {
            return rejection == null;
        }
    }

    private final KafkaProducer<String, Frame> producer;
    private final KafkaConsumer<String, byte[]> consumer;
    private final String task;
    private final int width;
    private final int height;
    private final List<byte[]> jpegs;
    private final String keyPrefix;
    private final int streams;
    private int sent;

    /**
     * @param keyPrefix the keys are {@code keyPrefix + (sequence % streams)}: unique to this feed
     * @param streams   how many streams (keys) the frames go round
     */
    FrameFeed(EnhancerConfig config, String task, int width, int height, List<byte[]> jpegs, String keyPrefix, int streams) {
        this.task = task;
        this.width = width;
        this.height = height;
        this.jpegs = jpegs;
        this.keyPrefix = keyPrefix;
        this.streams = streams;
        final Properties c = ClientSettings.consumer(config);
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        c.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, config.rejectedMessageMaxBytes());
        // the broker answers a fetch as soon as committed data is there; this bounds the wait otherwise
        c.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 20);
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumer = new KafkaConsumer<>(c, new StringDeserializer(), new ByteArrayDeserializer());
        final List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : List.of(Topics.ENHANCED, Topics.REJECTED)) {
            consumer.partitionsFor(topic, Duration.ofMinutes(1))
                    .forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
        }
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(p -> consumer.position(p, Duration.ofMinutes(1)));
        final Properties p = ClientSettings.producer(config);
        p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, config.messageMaxBytes());
        p.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        producer = new KafkaProducer<>(p, new StringSerializer(), FrameLiftSerdes.frame());
    }

    /** Sends the next frame (sequence = frames sent so far), captured now. */
    void send() {
        final String key = keyPrefix + (sent % streams);
        producer.send(new ProducerRecord<>(Topics.RAW, key,
                BenchFrames.frame(key, sent, task, width, height, jpegs.get(sent % jpegs.size()))));
        sent++;
    }

    int sent() {
        return sent;
    }

    /** Waits up to {@code timeout} for answers (enhanced or rejected) to frames of this feed. */
    List<Arrival> poll(Duration timeout) {
        final List<Arrival> arrivals = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : consumer.poll(timeout)) {
            final long now = System.currentTimeMillis();
            if (record.key() == null || !record.key().startsWith(keyPrefix)) {
                continue;
            }
            if (record.topic().equals(Topics.REJECTED)) {
                final RejectedFrame rejected = FrameLiftSerdes.rejectedCodec().decode(record.value());
                arrivals.add(new Arrival(record.key(), now - record.timestamp(), rejected.getReason() + ": " + rejected.getMessage()));
                continue;
            }
            final EnhancedFrame frame = FrameLiftSerdes.enhancedCodec().decode(record.value());
            arrivals.add(new Arrival(record.key(), now - frame.getCaptureTime().toEpochMilli(), null));
        }
        return arrivals;
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(30));
        consumer.close(Duration.ofSeconds(30));
    }
}
