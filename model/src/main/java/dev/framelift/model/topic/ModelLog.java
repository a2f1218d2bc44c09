package dev.framelift.model.topic;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import dev.framelift.schema.ModelUpdate;
import dev.framelift.schema.Topics;
import dev.framelift.schema.serde.FrameLiftSerdes;
import dev.framelift.schema.serde.InvalidRecordException;

/**
 * Reads the {@code models} topic from its beginning: every partition assigned directly (no
 * consumer group: every reader sees every record), values decoded into {@link ModelRecord}s
 * (an undecodable value becomes a record with a decode error, never an exception), committed
 * records only. {@link #readToEnd} returns everything up to the end the topic had when it was
 * called; {@link #poll} then returns what arrives after.
 *
 * <p>Owns its consumer; {@link #close()} releases it. Use from one thread, except
 * {@link #wakeup()}, which another thread may call to end a blocking {@link #poll}.
 */
public final class ModelLog implements AutoCloseable {
    private final KafkaConsumer<String, byte[]> consumer;
    private final String topic;
    private boolean assigned;

    /**
     * @param clientSettings at least {@code bootstrap.servers}; security and other client settings
     *     pass through
     * @param maxRecordBytes the largest record to read (the topic's {@code max.message.bytes})
     */
    public ModelLog(Map<String, Object> clientSettings, int maxRecordBytes) {
        this(clientSettings, maxRecordBytes, Topics.MODELS);
    }

    ModelLog(Map<String, Object> clientSettings, int maxRecordBytes, String topic) {
        final Properties p = new Properties();
        p.putAll(clientSettings);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        p.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, Math.max(1 << 20, maxRecordBytes));
        p.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, Math.max(52_428_800, 2 * maxRecordBytes));
        p.remove(ConsumerConfig.GROUP_ID_CONFIG);
        this.consumer = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
        this.topic = topic;
    }

    /**
     * Everything from the beginning up to the end offsets as of this call, in offset order (the
     * topic has one partition; with more, per-partition order).
     *
     * @throws IllegalStateException if the topic does not exist, or the end is not reached in time
     */
    public List<ModelRecord> readToEnd(Duration timeout) {
        final List<TopicPartition> partitions = assign(timeout);
        final Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
        final List<ModelRecord> records = new ArrayList<>();
        final long deadline = System.nanoTime() + timeout.toNanos();
        while (!reached(end)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("could not read topic " + topic + " to its end within " + timeout);
            }
            records.addAll(poll(Duration.ofMillis(200)));
        }
        return records;
    }

    private boolean reached(Map<TopicPartition, Long> end) {
        for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
            if (consumer.position(e.getKey()) < e.getValue()) {
                return false;
            }
        }
        return true;
    }

    /** The records that arrived since the last call, waiting up to {@code timeout} for some. */
    public List<ModelRecord> poll(Duration timeout) {
        if (!assigned) {
            assign(Duration.ofSeconds(30));
        }
        final List<ModelRecord> records = new ArrayList<>();
        try {
            for (ConsumerRecord<String, byte[]> r : consumer.poll(timeout)) {
                records.add(decode(r));
            }
        } catch (WakeupException woken) {
            // another thread asked the poll to return
        }
        return records;
    }

    /** Makes a blocking {@link #poll} return early; thread-safe. */
    public void wakeup() {
        consumer.wakeup();
    }

    private List<TopicPartition> assign(Duration timeout) {
        final List<PartitionInfo> infos = consumer.partitionsFor(topic, timeout);
        if (infos == null || infos.isEmpty()) {
            throw new IllegalStateException("topic " + topic + " does not exist");
        }
        final List<TopicPartition> partitions = infos.stream().map(i -> new TopicPartition(topic, i.partition())).toList();
        if (!assigned) {
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            assigned = true;
        }
        return partitions;
    }

    static ModelRecord decode(ConsumerRecord<String, byte[]> r) {
        final Instant time = Instant.ofEpochMilli(r.timestamp());
        if (r.value() == null) {
            return new ModelRecord(r.partition(), r.offset(), r.key(), null, time, null);
        }
        try {
            final ModelUpdate update = FrameLiftSerdes.modelUpdateCodec().decode(r.value());
            return new ModelRecord(r.partition(), r.offset(), r.key(), update, time, null);
        } catch (InvalidRecordException e) {
            return new ModelRecord(r.partition(), r.offset(), r.key(), null, time, e.getMessage());
        }
    }

    /** Reads the whole topic once and replays it under {@code signatures}, without verifying artifacts. */
    public static ModelTimeline snapshot(Map<String, Object> clientSettings, int maxRecordBytes, SignaturePolicy signatures,
            Duration timeout) {
        try (ModelLog log = new ModelLog(new HashMap<>(clientSettings), maxRecordBytes)) {
            return ModelTimeline.replay(log.readToEnd(timeout), signatures, ModelTimeline.Verifier.NONE);
        }
    }

    @Override
    public void close() {
        consumer.close();
    }
}
