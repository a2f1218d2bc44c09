package dev.framelift.enhancer.app;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.framelift.enhancer.config.ClientSettings;
import dev.framelift.enhancer.config.EnhancerConfig;
import dev.framelift.schema.Topics;

/**
 * Creates the FrameLift topics that do not exist yet, and checks that the record size limits of
 * the frame topics, created here or not, agree with the enhancer's. Existing topics are never
 * altered: on a shared cluster their owners decide partitions and limits.
 *
 * <table>
 * <tr><th>topic</th><th>partitions</th><th>max.message.bytes</th><th>cleanup</th></tr>
 * <tr><td>frames.raw, frames.enhanced</td><td>topic.partitions</td><td>message.max.bytes</td><td>delete</td></tr>
 * <tr><td>frames.rejected</td><td>topic.partitions</td><td>message.max.bytes + 1 MiB</td><td>delete</td></tr>
 * <tr><td>frames.shadow</td><td>topic.partitions</td><td>message.max.bytes</td><td>delete</td></tr>
 * <tr><td>models</td><td>1</td><td>message.max.bytes</td><td>compact</td></tr>
 * </table>
 *
 * <p>Limits that must hold for every frame to be answered (checked by {@link #checkLimits}):
 * {@code frames.raw} accepts no record larger than {@code message.max.bytes} (a larger one could
 * not be copied into its rejection), {@code frames.enhanced} accepts {@code message.max.bytes}
 * (the enhancer rejects larger outputs with {@code OUTPUT_TOO_LARGE}, so anything it sends
 * fits), and {@code frames.rejected} accepts {@code message.max.bytes} + 1 MiB. A topic whose
 * {@code max.message.bytes} (its own, or the broker's default) breaks one of them stops the
 * start-up with a one-line message.
 */
public final class TopicSetup {
    private static final Logger LOG = LoggerFactory.getLogger(TopicSetup.class);

    private TopicSetup() {
    }

    public static List<NewTopic> topics(EnhancerConfig config) {
        final int partitions = config.getInt(EnhancerConfig.TOPIC_PARTITIONS);
        final short replication = config.getShort(EnhancerConfig.TOPIC_REPLICATION);
        final String limit = String.valueOf(config.messageMaxBytes());
        return List.of(
                new NewTopic(Topics.RAW, partitions, replication)
                        .configs(Map.of(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, limit)),
                new NewTopic(Topics.ENHANCED, partitions, replication)
                        .configs(Map.of(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, limit)),
                new NewTopic(Topics.REJECTED, partitions, replication)
                        .configs(Map.of(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, String.valueOf(config.rejectedMessageMaxBytes()))),
                new NewTopic(Topics.SHADOW, partitions, replication)
                        .configs(Map.of(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, limit)),
                new NewTopic(Topics.MODELS, 1, replication)
                        .configs(Map.of(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, limit,
                                TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)));
    }

    /**
     * Waits until every partition of {@code topics} has a leader. Producing into a partition the
     * broker does not lead yet gets NOT_LEADER_OR_FOLLOWER, and an idempotent producer's retries of
     * such batches can end in OUT_OF_ORDER_SEQUENCE_NUMBER, so new topics are made ready first.
     */
    static void awaitLeaders(Admin admin, List<String> topics) throws ExecutionException, InterruptedException {
        final long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
        while (true) {
            if (haveLeaders(admin, topics)) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("topics " + topics + " have partitions without a leader after 30 s");
            }
            Thread.sleep(100);
        }
    }

    /**
     * Whether every partition of {@code topics} has a leader; false while the broker's metadata
     * does not know a just-created topic yet (it answers UNKNOWN_TOPIC_OR_PARTITION for a moment).
     */
    private static boolean haveLeaders(Admin admin, List<String> topics) throws ExecutionException, InterruptedException {
        try {
            return admin.describeTopics(topics).allTopicNames().get().values().stream()
                    .allMatch(t -> t.partitions().stream().allMatch(p -> p.leader() != null && !p.leader().isEmpty()));
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                return false;
            }
            throw e;
        }
    }

    private static Admin admin(EnhancerConfig config) {
        return Admin.create(ClientSettings.admin(config));
    }

    /**
     * Reads the {@code max.message.bytes} in effect for the frame topics and refuses limits that
     * would leave a frame unanswered.
     *
     * @throws IllegalStateException naming the topic, its limit and the setting to change, in one line
     */
    public static void checkLimits(EnhancerConfig config) {
        try (Admin admin = admin(config)) {
            final Map<String, Long> limits = TopicLimits.read(admin, List.of(Topics.RAW, Topics.ENHANCED, Topics.REJECTED));
            TopicLimits.check(config, limits);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot read the topic limits at " + config.bootstrapServers() + ": "
                    + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading topic limits", e);
        }
    }

    /** @return the names of the topics it created */
    public static List<String> createMissing(EnhancerConfig config) {
        try (Admin admin = admin(config)) {
            final Set<String> existing = admin.listTopics().names().get();
            final List<NewTopic> missing = new ArrayList<>();
            for (NewTopic topic : topics(config)) {
                if (!existing.contains(topic.name())) {
                    missing.add(topic);
                }
            }
            final List<String> created = new ArrayList<>();
            for (var entry : admin.createTopics(missing).values().entrySet()) {
                try {
                    entry.getValue().get();
                    created.add(entry.getKey());
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("cannot create topic " + entry.getKey() + ": "
                                + e.getCause().getMessage(), e.getCause());
                    }
                }
            }
            if (!created.isEmpty()) {
                awaitLeaders(admin, created);
                LOG.info("created topics {}", created);
            }
            return created;
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot set up topics at " + config.bootstrapServers() + ": "
                    + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        }
    }
}
