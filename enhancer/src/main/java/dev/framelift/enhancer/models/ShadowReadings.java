package dev.framelift.enhancer.models;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import dev.framelift.enhancer.inference.ShadowStats;
import dev.framelift.schema.EnhancedFrame;
import dev.framelift.schema.Topics;
import dev.framelift.schema.serde.FrameLiftSerdes;
import dev.framelift.schema.serde.InvalidRecordException;

/**
 * What shadow candidates did, read back from {@code frames.shadow}: the last records of every
 * partition, grouped by scope and candidate version, with the means of the comparison each
 * record carries ({@link ShadowRunner}'s attributes). For {@code models list}; stateless.
 */
public final class ShadowReadings {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private ShadowReadings() {
    }

    /**
     * @param perPartition how many of the newest records of each partition to read
     * @return the means by {@code scope + " " + version}; empty when the topic does not exist
     */
    public static Map<String, ShadowStats.Snapshot> read(Map<String, Object> clientSettings, int maxRecordBytes,
            int perPartition) {
        final Properties p = new Properties();
        p.putAll(clientSettings);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        p.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, Math.max(1 << 20, maxRecordBytes));
        final Map<String, ShadowStats> stats = new HashMap<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            final List<PartitionInfo> infos = consumer.partitionsFor(Topics.SHADOW, TIMEOUT);
            if (infos == null || infos.isEmpty()) {
                return Map.of();
            }
            final List<TopicPartition> partitions = infos.stream().map(i -> new TopicPartition(Topics.SHADOW, i.partition())).toList();
            consumer.assign(partitions);
            final Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions, TIMEOUT);
            final Map<TopicPartition, Long> end = consumer.endOffsets(partitions, TIMEOUT);
            partitions.forEach(tp -> consumer.seek(tp, Math.max(begin.get(tp), end.get(tp) - perPartition)));
            final long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp)) && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    add(stats, r.value());
                }
            }
        }
        final Map<String, ShadowStats.Snapshot> out = new HashMap<>();
        stats.forEach((key, s) -> out.put(key, s.snapshot()));
        return out;
    }

    private static void add(Map<String, ShadowStats> stats, byte[] value) {
        final EnhancedFrame frame;
        try {
            frame = FrameLiftSerdes.enhancedCodec().decode(value);
        } catch (InvalidRecordException e) {
            return;
        }
        final Map<String, String> a = frame.getAttributes();
        try {
            final double candidateMs = Double.parseDouble(a.get(ShadowRunner.CANDIDATE_MS));
            final double activeMs = Double.parseDouble(a.get(ShadowRunner.ACTIVE_MS));
            final double candidateDb = Double.parseDouble(a.get(ShadowRunner.CANDIDATE_CONSISTENCY));
            final double activeDb = Double.parseDouble(a.get(ShadowRunner.ACTIVE_CONSISTENCY));
            stats.computeIfAbsent(frame.getModelScope() + " " + frame.getModelVersion(), k -> new ShadowStats())
                    .add(candidateMs, activeMs, candidateDb, activeDb);
        } catch (NullPointerException | NumberFormatException notAShadowRecord) {
            // written by something else
        }
    }
}
