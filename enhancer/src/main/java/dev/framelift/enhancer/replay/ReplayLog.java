package dev.framelift.enhancer.replay;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;

import dev.framelift.enhancer.kafka.CommittedReader;
import dev.framelift.schema.Topics;

/**
 * The record of what was replayed: {@link Topics#REPLAYED}, compacted, one record per dead
 * letter, keyed by {@link #marker} (the dead letter's topic id, partition and offset, so that a
 * re-created {@code frames.rejected} starts a fresh history). Markers are written in the same
 * transaction as the replayed frames, so a marker exists exactly when its frame went back.
 */
final class ReplayLog {
    private ReplayLog() {
    }

    static String marker(Uuid rejectedTopicId, int partition, long offset) {
        return Topics.REJECTED + "/" + rejectedTopicId + "/" + partition + "/" + offset;
    }

    /** Creates {@link Topics#REPLAYED} unless it exists. */
    static void ensureTopic(Admin admin, short replication) throws ExecutionException, InterruptedException {
        if (admin.listTopics().names().get().contains(Topics.REPLAYED)) {
            return;
        }
        try {
            admin.createTopics(List.of(new NewTopic(Topics.REPLAYED, 1, replication)
                    .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)))).all().get();
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
    }

    /**
     * Every committed marker, read to the end as it is now. Call after the replaying producer's
     * {@code initTransactions()}, which settles the transaction an earlier run may have left open.
     */
    static Set<String> read(Properties consumerSettings) {
        final Set<String> markers = new HashSet<>();
        CommittedReader.readAll(consumerSettings, Topics.REPLAYED, record -> {
            if (record.key() != null) {
                markers.add(new String(record.key(), StandardCharsets.UTF_8));
            }
        });
        return markers;
    }
}
