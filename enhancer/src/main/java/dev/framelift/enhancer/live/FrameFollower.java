package dev.framelift.enhancer.live;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.framelift.enhancer.config.EnhancerConfig;
import dev.framelift.enhancer.pipeline.Payloads;
import dev.framelift.schema.Frame;
import dev.framelift.schema.RejectedFrame;
import dev.framelift.schema.Topics;
import dev.framelift.schema.serde.FrameLiftSerdes;
import dev.framelift.schema.serde.InvalidRecordException;

/**
 * Follows {@code frames.raw}, {@code frames.enhanced} and {@code frames.rejected} from their
 * ends, read_committed, on one thread of its own: every record goes to the {@link StreamBoard},
 * results with a request id to {@link PendingResults}. It assigns itself every partition (no
 * consumer group, nothing committed), so it sees what every enhancer instance produced and
 * never takes part in the Streams group's rebalances. Every few seconds it also reads the
 * enhancers' committed offsets of {@code frames.raw} to tell the board each partition's lag.
 *
 * <p>Lifecycle: {@link #start} returns once the follower's position is fixed at the current
 * ends (a request sent after that will be seen); {@link #close} stops the thread and closes the
 * consumer. The {@link Admin} is the caller's, and stays open.
 */
public final class FrameFollower implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FrameFollower.class);
    private static final List<String> TOPICS = List.of(Topics.RAW, Topics.ENHANCED, Topics.REJECTED);
    private static final long LAG_EVERY_MS = 2_000;
    private static final long PARTITIONS_EVERY_MS = 30_000;

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Admin admin;
    private final String enhancerGroup;
    private final StreamBoard board;
    private final PendingResults pending;
    private final Thread thread;
    private volatile boolean closed;

    private FrameFollower(KafkaConsumer<byte[], byte[]> consumer, Admin admin, String enhancerGroup, StreamBoard board,
            PendingResults pending) {
        this.consumer = consumer;
        this.admin = admin;
        this.enhancerGroup = enhancerGroup;
        this.board = board;
        this.pending = pending;
        this.thread = new Thread(this::run, "framelift-follower");
        this.thread.setDaemon(true);
    }

    /** @throws org.apache.kafka.common.KafkaException if the topics cannot be read within Kafka's timeouts */
    public static FrameFollower start(EnhancerConfig config, Admin admin, StreamBoard board, PendingResults pending) {
        final KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerProps(config), new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
        try {
            final List<TopicPartition> partitions = partitions(consumer);
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);
        } catch (RuntimeException e) {
            consumer.close(Duration.ZERO);
            throw e;
        }
        final FrameFollower follower = new FrameFollower(consumer, admin, config.getString(EnhancerConfig.APPLICATION_ID), board,
                pending);
        follower.thread.start();
        return follower;
    }

    private void run() {
        long nextLag = 0;
        long nextPartitions = System.currentTimeMillis() + PARTITIONS_EVERY_MS;
        try {
            while (!closed) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    dispatch(record);
                }
                final long now = System.currentTimeMillis();
                if (now >= nextLag) {
                    refreshLag();
                    nextLag = now + LAG_EVERY_MS;
                }
                if (now >= nextPartitions) {
                    followNewPartitions();
                    nextPartitions = now + PARTITIONS_EVERY_MS;
                }
            }
        } catch (WakeupException e) {
            // close() asked us to stop
        } catch (RuntimeException e) {
            LOG.error("the frame follower stopped: the web page and /v1 results will not update", e);
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private void dispatch(ConsumerRecord<byte[], byte[]> record) {
        try {
            switch (record.topic()) {
                case Topics.RAW -> board.raw(FrameLiftSerdes.frameCodec().decode(record.value()), record.partition());
                case Topics.ENHANCED -> {
                    final var enhanced = FrameLiftSerdes.enhancedCodec().decode(record.value());
                    board.enhanced(enhanced);
                    pending.enhanced(enhanced);
                }
                case Topics.REJECTED -> {
                    final RejectedFrame rejected = FrameLiftSerdes.rejectedCodec().decode(record.value());
                    board.rejected(rejected);
                    pending.rejected(rejected, originalFrame(rejected));
                }
                default -> {
                }
            }
        } catch (InvalidRecordException e) {
            // not ours to judge: the enhancer rejects bad raw records with a reason
            LOG.debug("skipped an undecodable record at {}-{}@{}", record.topic(), record.partition(), record.offset());
        }
    }

    private static Frame originalFrame(RejectedFrame rejected) {
        if (rejected.getOriginalValue() == null) {
            return null;
        }
        try {
            return FrameLiftSerdes.frameCodec().decode(Payloads.bytes(rejected.getOriginalValue()));
        } catch (InvalidRecordException e) {
            return null;
        }
    }

    private void refreshLag() {
        try {
            final Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(enhancerGroup)
                    .partitionsToOffsetAndMetadata().get(5, TimeUnit.SECONDS);
            final List<TopicPartition> raw = consumer.assignment().stream().filter(tp -> tp.topic().equals(Topics.RAW)).toList();
            final Map<TopicPartition, Long> ends = consumer.endOffsets(raw, Duration.ofSeconds(5));
            final Map<Integer, Long> lag = new HashMap<>();
            ends.forEach((tp, end) -> {
                final OffsetAndMetadata done = committed.get(tp);
                lag.put(tp.partition(), Math.max(0, end - (done == null ? 0 : done.offset())));
            });
            board.lag(lag);
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            LOG.debug("cannot read the lag of group {}: {}", enhancerGroup, e.toString());
        }
    }

    /** Partitions added to the topics since the start are read from their beginning. */
    private void followNewPartitions() {
        final Set<TopicPartition> current = consumer.assignment();
        final List<TopicPartition> all = partitions(consumer);
        final List<TopicPartition> added = all.stream().filter(tp -> !current.contains(tp)).toList();
        if (!added.isEmpty()) {
            consumer.assign(all);
            consumer.seekToBeginning(added);
            LOG.info("following new partitions {}", added);
        }
    }

    private static List<TopicPartition> partitions(KafkaConsumer<byte[], byte[]> consumer) {
        final List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : TOPICS) {
            final List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(30));
            if (infos == null || infos.isEmpty()) {
                throw new IllegalStateException("topic " + topic + " does not exist: start the enhancer, which creates it");
            }
            infos.forEach(info -> partitions.add(new TopicPartition(info.topic(), info.partition())));
        }
        return partitions;
    }

    private static Properties consumerProps(EnhancerConfig config) {
        final Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "framelift-follower-" + UUID.randomUUID().toString().substring(0, 8));
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // a viewer must never create a frame topic (with the broker's defaults) that is missing
        p.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        p.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, config.rejectedMessageMaxBytes());
        p.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, Math.max(52_428_800, 2 * config.rejectedMessageMaxBytes()));
        p.putAll(config.kafkaOverridesFor(ConsumerConfig.configNames()));
        return p;
    }

    @Override
    public void close() {
        closed = true;
        consumer.wakeup();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
