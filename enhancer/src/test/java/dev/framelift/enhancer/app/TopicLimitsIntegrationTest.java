package dev.framelift.enhancer.app;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.framelift.enhancer.testing.EnhancerHarness;
import dev.framelift.schema.Topics;

/** Frame topics made by someone else, with limits that would leave frames unanswered: the enhancer refuses to start. */
class TopicLimitsIntegrationTest {
    @TempDir
    Path work;

    @Test
    void shouldRefuseToStartOnExistingTopicsWhoseLimitsDisagreeWithItsOwn() throws Exception {
        try (EnhancerHarness harness = EnhancerHarness.startBroker(work)) {
            Properties p = new Properties();
            p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, harness.bootstrapServers());
            try (Admin admin = Admin.create(p)) {
                // no override: the broker's default of 20 MiB, over the enhancer's 16 MiB
                admin.createTopics(List.of(new NewTopic(Topics.RAW, 1, (short) 1),
                        new NewTopic(Topics.ENHANCED, 1, (short) 1)
                                .configs(Map.of(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, "1048576")))).all().get();

                assertThatThrownBy(() -> harness.startEnhancer(Map.of()))
                        .isInstanceOf(IllegalStateException.class)
                        .hasMessageStartingWith("topic frames.raw has max.message.bytes=20971520, more than "
                                + "message.max.bytes=16777216");

                ConfigResource raw = new ConfigResource(ConfigResource.Type.TOPIC, Topics.RAW);
                admin.incrementalAlterConfigs(Map.of(raw,
                        List.of(new AlterConfigOp(new ConfigEntry(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, "16777216"),
                                AlterConfigOp.OpType.SET)))).all().get();
                // the change reaches the broker's metadata a moment after the controller accepted it
                long deadline = System.nanoTime() + java.time.Duration.ofSeconds(30).toNanos();
                while (!"16777216".equals(admin.describeConfigs(List.of(raw)).all().get().get(raw)
                        .get(TopicConfig.MAX_MESSAGE_BYTES_CONFIG).value()) && System.nanoTime() < deadline) {
                    Thread.sleep(100);
                }

                assertThatThrownBy(() -> harness.startEnhancer(Map.of()))
                        .isInstanceOf(IllegalStateException.class)
                        .hasMessage("topic frames.enhanced has max.message.bytes=1048576, less than message.max.bytes="
                                + "16777216; raise the topic's max.message.bytes to 16777216 or set message.max.bytes "
                                + "to 1048576");
            }
        }
    }
}
