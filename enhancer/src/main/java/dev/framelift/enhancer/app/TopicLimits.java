package dev.framelift.enhancer.app;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;

import dev.framelift.enhancer.config.EnhancerConfig;
import dev.framelift.schema.Topics;

/**
 * The record size limits of the frame topics as the broker applies them, and whether they agree
 * with the enhancer's {@code message.max.bytes} (see {@link TopicSetup} for the rules).
 */
final class TopicLimits {
    private TopicLimits() {
    }

    /** The effective {@code max.message.bytes} (the topic's own, or the broker default) of each topic. */
    static Map<String, Long> read(Admin admin, List<String> topics) throws ExecutionException, InterruptedException {
        final List<ConfigResource> resources = new ArrayList<>();
        for (String topic : topics) {
            resources.add(new ConfigResource(ConfigResource.Type.TOPIC, topic));
        }
        final Map<String, Long> limits = new LinkedHashMap<>();
        for (Map.Entry<ConfigResource, Config> entry : admin.describeConfigs(resources).all().get().entrySet()) {
            final ConfigEntry limit = entry.getValue().get(TopicConfig.MAX_MESSAGE_BYTES_CONFIG);
            if (limit != null && limit.value() != null) {
                limits.put(entry.getKey().name(), Long.parseLong(limit.value()));
            }
        }
        return limits;
    }

    /**
     * @param limits the effective limit of each frame topic; a topic missing here is not checked
     * @throws IllegalStateException for the first limit that breaks a rule
     */
    static void check(EnhancerConfig config, Map<String, Long> limits) {
        final long expected = config.messageMaxBytes();
        final long rejected = config.rejectedMessageMaxBytes();
        final Long raw = limits.get(Topics.RAW);
        if (raw != null && raw > expected) {
            throw inconsistent(Topics.RAW, raw, "more than " + EnhancerConfig.MESSAGE_MAX_BYTES + "=" + expected
                    + ", so its largest frames could not be set aside on " + Topics.REJECTED + "; set "
                    + EnhancerConfig.MESSAGE_MAX_BYTES + " to " + raw + " or lower the topic's max.message.bytes");
        }
        final Long enhanced = limits.get(Topics.ENHANCED);
        if (enhanced != null && enhanced < expected) {
            throw inconsistent(Topics.ENHANCED, enhanced, "less than " + EnhancerConfig.MESSAGE_MAX_BYTES + "="
                    + expected + "; raise the topic's max.message.bytes to " + expected + " or set "
                    + EnhancerConfig.MESSAGE_MAX_BYTES + " to " + enhanced);
        }
        final Long rejectedLimit = limits.get(Topics.REJECTED);
        if (rejectedLimit != null && rejectedLimit < rejected) {
            throw inconsistent(Topics.REJECTED, rejectedLimit, "less than " + EnhancerConfig.MESSAGE_MAX_BYTES
                    + " + 1 MiB = " + rejected + ", the room a rejected frame needs with its original bytes; raise the "
                    + "topic's max.message.bytes to " + rejected + " or lower " + EnhancerConfig.MESSAGE_MAX_BYTES);
        }
    }

    private static IllegalStateException inconsistent(String topic, long limit, String why) {
        return new IllegalStateException("topic " + topic + " has max.message.bytes=" + limit + ", " + why);
    }
}
