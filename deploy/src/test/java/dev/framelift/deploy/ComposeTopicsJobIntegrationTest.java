package dev.framelift.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.framelift.enhancer.broker.EmbeddedKafkaBroker;

/**
 * The compose {@code topics} job, run as Compose would run it (its entrypoint, its script, its
 * environment), against a real KRaft broker with Kafka's own {@code kafka-topics.sh} tool
 * ({@code TopicCommand}): it must create exactly the topics {@code TopicSetup} describes, and be
 * safe to run again.
 */
class ComposeTopicsJobIntegrationTest {
    @TempDir
    Path work;

    @Test
    void shouldCreateTheTopicsTheEnhancerWouldCreateAndLeaveThemOnASecondRun() throws Exception {
        Compose compose = Compose.cpu();
        Map<String, String> environment = compose.environment("topics");
        List<NewTopic> expected = EnhancerSettings.fromEnvironment(environment).topics();
        int brokerLimit = Integer.parseInt(compose.environment("kafka").get("KAFKA_MESSAGE_MAX_BYTES"));

        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(0, work.resolve("kafka"), brokerLimit)) {
            runJob(compose, environment, broker.bootstrapServers());
            runJob(compose, environment, broker.bootstrapServers());

            Properties props = new Properties();
            props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
            try (Admin admin = Admin.create(props)) {
                List<String> names = expected.stream().map(NewTopic::name).toList();
                assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS)).containsExactlyInAnyOrderElementsOf(names);
                Map<String, TopicDescription> described = admin.describeTopics(names).allTopicNames().get(30, TimeUnit.SECONDS);
                List<ConfigResource> resources = names.stream().map(n -> new ConfigResource(ConfigResource.Type.TOPIC, n)).toList();
                Map<ConfigResource, Config> configs = admin.describeConfigs(resources).all().get(30, TimeUnit.SECONDS);
                for (NewTopic topic : expected) {
                    TopicDescription d = described.get(topic.name());
                    assertThat(d.partitions()).as("partitions of %s", topic.name()).hasSize(topic.numPartitions());
                    assertThat(d.partitions().get(0).replicas()).hasSize(topic.replicationFactor());
                    Config config = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, topic.name()));
                    topic.configs().forEach((key, value) -> assertThat(config.get(key).value())
                            .as("%s of %s", key, topic.name()).isEqualTo(value));
                }
            }
        }
    }

    /** The job's script with Compose's {@code $$} unescaped, its kafka-topics.sh being Kafka's TopicCommand here. */
    private void runJob(Compose compose, Map<String, String> environment, String bootstrap) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(compose.service("topics").get("entrypoint").strings());
        command.addAll(compose.command("topics").stream().map(part -> part.replace("$$", "$")).toList());
        Path kafkaHome = Files.createDirectories(work.resolve("kafka-home/bin"));
        Path tool = kafkaHome.resolve("kafka-topics.sh");
        Files.writeString(tool, "#!/bin/sh\nexec \"" + Path.of(System.getProperty("java.home"), "bin", "java")
                + "\" -XX:TieredStopAtLevel=1 -cp \"" + System.getProperty("java.class.path")
                + "\" org.apache.kafka.tools.TopicCommand \"$@\"\n");
        Files.setPosixFilePermissions(tool, PosixFilePermissions.fromString("rwxr-xr-x"));

        ProcessBuilder job = new ProcessBuilder(command).redirectErrorStream(true);
        job.environment().putAll(environment);
        job.environment().put("FRAMELIFT_BOOTSTRAP_SERVERS", bootstrap);
        job.environment().put("KAFKA_HOME", kafkaHome.getParent().toString());
        Process process = job.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(process.exitValue()).as("the topics job: %s", output).isZero();
    }
}
