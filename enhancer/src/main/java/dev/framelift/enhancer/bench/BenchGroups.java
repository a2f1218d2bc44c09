package dev.framelift.enhancer.bench;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import dev.framelift.enhancer.config.ClientSettings;
import dev.framelift.enhancer.config.EnhancerConfig;
import dev.framelift.schema.Topics;

/**
 * Each enhancer the benchmark starts gets an application id of its own, its consumer group
 * positioned at the current end of {@code frames.raw}: it takes only the frames sent after, and it
 * never waits for the members of an earlier enhancer to time out of a shared group (Kafka Streams
 * does not leave its group on close, so a successor with the same id waits a session timeout, 45 s
 * by default).
 */
final class BenchGroups {
    private BenchGroups() {
    }

    /**
     * @return {@code config} with {@code application.id} = its own plus {@code suffix}, whose group
     *         has committed the end offsets of every {@code frames.raw} partition
     */
    static EnhancerConfig freshAtEnd(EnhancerConfig config, String suffix) throws InterruptedException {
        final Map<String, Object> settings = new HashMap<>(config.originals());
        final String group = config.getString(EnhancerConfig.APPLICATION_ID) + "-" + suffix;
        settings.put(EnhancerConfig.APPLICATION_ID, group);
        try (Admin admin = Admin.create(ClientSettings.admin(config))) {
            final Map<TopicPartition, OffsetSpec> latest = admin.describeTopics(List.of(Topics.RAW)).allTopicNames()
                    .get().get(Topics.RAW).partitions().stream()
                    .collect(Collectors.toMap(p -> new TopicPartition(Topics.RAW, p.partition()), p -> OffsetSpec.latest()));
            final Map<TopicPartition, OffsetAndMetadata> ends = admin.listOffsets(latest).all().get().entrySet().stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, e -> new OffsetAndMetadata(e.getValue().offset())));
            admin.alterConsumerGroupOffsets(group, ends).all().get(Duration.ofMinutes(1).toMillis(),
                    TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not position the benchmark's consumer group " + group + ": "
                    + e.getMessage(), e);
        }
        return new EnhancerConfig(settings);
    }
}
