package dev.framelift.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;

import org.apache.kafka.common.utils.AppInfoParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.framelift.enhancer.config.EnhancerConfig;
import dev.framelift.enhancer.gateway.Gateway;

/** docker-compose.yml, alone and with docker-compose.gpu.yml, against the code and the Dockerfile. */
class ComposeFilesTest {
    private static final String KAFKA_IMAGE = "apache/kafka:";

    static Stream<Arguments> variants() {
        return Stream.of(Arguments.of(Compose.cpu(), false), Arguments.of(Compose.gpu(), true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("variants")
    void shouldConfigureTheEnhancerWithSettingsThatExistAndTheTopicsJobWithTheSameOnes(Compose compose, boolean gpu) {
        Map<String, String> enhancer = compose.environment("enhancer");
        Map<String, String> topics = compose.environment("topics");
        EnhancerSettings settings = EnhancerSettings.fromEnvironment(enhancer);
        EnhancerSettings.fromEnvironment(topics);

        topics.forEach((name, value) -> assertThat(enhancer).as("the topics job and the enhancer agree on %s", name)
                .containsEntry(name, value));
        assertThat(settings.bootstrapServers()).as("a listener the broker advertises inside the stack")
                .isIn(advertised(compose));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("variants")
    void shouldCreateInTheTopicsJobExactlyTheTopicsOfTheCode(Compose compose, boolean gpu) {
        String script = String.join("\n", compose.command("topics"));
        Map<String, String> lines = new java.util.LinkedHashMap<>();
        Matcher m = Pattern.compile("(?m)^.*--topic\\s+(\\S+).*$").matcher(script);
        while (m.find()) {
            lines.put(m.group(1), m.group());
        }

        List<NewTopic> expected = EnhancerSettings.fromEnvironment(compose.environment("topics")).topics();
        assertThat(lines.keySet()).containsExactlyInAnyOrderElementsOf(expected.stream().map(NewTopic::name).toList());
        for (NewTopic topic : expected) {
            topic.configs().entrySet().stream().filter(c -> !c.getKey().equals(TopicConfig.MAX_MESSAGE_BYTES_CONFIG))
                    .forEach(c -> assertThat(lines.get(topic.name())).contains("--config " + c.getKey() + "=" + c.getValue()));
            assertThat(lines.get(topic.name())).contains("--config " + TopicConfig.MAX_MESSAGE_BYTES_CONFIG + "=");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("variants")
    void shouldRunTheBrokerOfTheClientsVersionAdmittingTheLargestRecord(Compose compose, boolean gpu) {
        Map<String, String> kafka = compose.environment("kafka");
        EnhancerSettings settings = EnhancerSettings.fromEnvironment(compose.environment("enhancer"));
        int largest = settings.config().rejectedMessageMaxBytes();

        assertThat(compose.service("kafka").get("image").string()).isEqualTo(KAFKA_IMAGE + AppInfoParser.getVersion());
        assertThat(compose.service("topics").get("image").string()).isEqualTo(KAFKA_IMAGE + AppInfoParser.getVersion());
        assertThat(Integer.parseInt(kafka.get("KAFKA_MESSAGE_MAX_BYTES"))).isGreaterThanOrEqualTo(largest);
        assertThat(Integer.parseInt(kafka.get("KAFKA_REPLICA_FETCH_MAX_BYTES"))).isGreaterThanOrEqualTo(largest);
        assertThat(kafka).containsEntry("KAFKA_PROCESS_ROLES", "broker,controller")
                .containsEntry("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("variants")
    void shouldPublishTheGatewayPortAndCheckItsReadinessPath(Compose compose, boolean gpu) {
        Tree enhancer = compose.service("enhancer");
        int port = EnhancerSettings.fromEnvironment(compose.environment("enhancer")).httpPort();

        assertThat(enhancer.get("ports").strings()).anySatisfy(p -> assertThat(p).endsWith(":" + port));
        assertThat(String.join(" ", enhancer.get("healthcheck").get("test").strings()))
                .contains("http://localhost:" + port + Gateway.READINESS_PATH);
        CommandLines.assertEnhancerAccepts(compose.command("enhancer"));
        assertThat(enhancer.get("volumes").strings()).anySatisfy(v -> assertThat(v).endsWith(":" + DockerImages.javacppCache()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("variants")
    void shouldBuildImagesFromTheDockerfilesStagesWithArgumentsItDeclares(Compose compose, boolean gpu) {
        for (String service : List.of("enhancer", "trainer")) {
            Tree build = compose.service(service).get("build");
            assertThat(RepositoryFiles.ROOT.resolve(build.get("context").string()).resolve(build.get("dockerfile").string()).normalize())
                    .isEqualTo(RepositoryFiles.DOCKERFILE);
            assertThat(DockerImages.stages()).contains(build.get("target").string());
            assertThat(compose.service(service).get("image").string()).startsWith("framelift/" + service + ":");
        }
        assertThat(compose.service("publish").get("image").string())
                .isEqualTo(compose.service("enhancer").get("image").string().replace("-gpu", ""));
        Tree enhancer = compose.service("enhancer");
        if (gpu) {
            assertThat(DockerImages.buildArgs()).containsAll(enhancer.get("build").get("args").map().keySet());
            assertThat(enhancer.get("build").get("args").get("TF_CLASSIFIER").string()).isEqualTo("linux-x86_64-gpu");
            assertThat(enhancer.get("image").string()).endsWith("-gpu");
            Tree device = enhancer.get("deploy").get("resources").get("reservations").get("devices").at(0);
            assertThat(device.get("driver").string()).isEqualTo("nvidia");
            assertThat(device.get("count").integer()).isEqualTo(1);
            assertThat(device.get("capabilities").strings()).contains("gpu");
        } else {
            assertThat(enhancer.get("deploy").exists()).isFalse();
        }
    }

    @Test
    void shouldTrainWithTheTrainersCliAndPublishWhatItExported() {
        Compose compose = Compose.cpu();
        List<String> train = compose.command("trainer");
        List<String> publish = compose.command("publish");

        assertThat(compose.service("trainer").get("profiles").strings()).containsExactly("trainer");
        assertThat(compose.service("publish").get("profiles").strings()).containsExactly("trainer");
        CommandLines.assertTrainerAccepts(train);
        CommandLines.assertEnhancerAccepts(publish);
        assertThat(publish.get(2)).isEqualTo(train.get(train.indexOf("--out") + 1) + "/model");
        assertThat(publish.get(publish.indexOf("--bootstrap-servers") + 1))
                .isEqualTo(EnhancerSettings.fromEnvironment(compose.environment("enhancer")).bootstrapServers());
    }

    @Test
    void shouldSignWithTheKeyTheKeysJobMakesAndTrustOnlyItsPublicHalf() {
        Compose compose = Compose.cpu();
        String keygen = String.join(" ", compose.command("model-keys"));
        Matcher prefix = Pattern.compile("framelift models keygen --out (\\S+)").matcher(keygen);
        assertThat(prefix.find()).as(keygen).isTrue();
        List<String> publish = compose.command("publish");

        assertThat(publish.get(publish.indexOf("--sign-key") + 1)).isEqualTo(prefix.group(1) + ".key");
        assertThat(compose.environment("enhancer"))
                .containsEntry(EnhancerConfig.environmentVariable(EnhancerConfig.MODELS_TRUSTED_KEYS), prefix.group(1) + ".pub")
                .doesNotContainKey(EnhancerConfig.environmentVariable(EnhancerConfig.MODELS_ALLOW_UNSIGNED));
        assertThat(compose.service("enhancer").get("depends_on").get("model-keys").get("condition").string())
                .isEqualTo("service_completed_successfully");
    }

    /** host:port of the broker's advertised listeners. */
    private static List<String> advertised(Compose compose) {
        return Stream.of(compose.environment("kafka").get("KAFKA_ADVERTISED_LISTENERS").split(","))
                .map(l -> l.substring(l.indexOf("://") + 3)).toList();
    }
}
