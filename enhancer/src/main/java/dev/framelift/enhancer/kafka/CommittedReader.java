package dev.framelift.enhancer.kafka;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads every committed record of a topic, partition by partition in offset order, up to the
 * end the topic has when the read starts (its last stable offset: an open transaction ends the
 * read). No consumer group, nothing committed: a reader that leaves no trace.
 */
public final class CommittedReader {
    private static final Duration READ_LIMIT = Duration.ofMinutes(5);

    private CommittedReader() {
    }

    /**
     * @param clientSettings consumer settings: bootstrap servers and security; a group id is ignored
     * @return false when the topic does not exist
     * @throws IllegalStateException when a partition cannot be read to its end within 5 minutes
     */
    public static boolean readAll(Properties clientSettings, String topic, Consumer<ConsumerRecord<byte[], byte[]>> each) {
        final Properties p = new Properties();
        p.putAll(clientSettings);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        p.remove(ConsumerConfig.GROUP_ID_CONFIG);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            final List<PartitionInfo> partitions = consumer.partitionsFor(topic, Duration.ofMinutes(1));
            if (partitions == null || partitions.isEmpty()) {
                return false;
            }
            for (PartitionInfo info : partitions) {
                final TopicPartition partition = new TopicPartition(topic, info.partition());
                consumer.assign(List.of(partition));
                consumer.seekToBeginning(List.of(partition));
                final Map<TopicPartition, Long> end = consumer.endOffsets(List.of(partition), Duration.ofMinutes(1));
                final long deadline = System.nanoTime() + READ_LIMIT.toNanos();
                while (consumer.position(partition, Duration.ofMinutes(1)) < end.get(partition)) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("could not read " + partition + " to offset " + end.get(partition)
                                + " within " + READ_LIMIT.toMinutes() + " minutes");
                    }
                    consumer.poll(Duration.ofMillis(500)).forEach(each);
                }
            }
            return true;
        }
    }
}
