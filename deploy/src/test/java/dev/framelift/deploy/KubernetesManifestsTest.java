package dev.framelift.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.utils.AppInfoParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.framelift.enhancer.gateway.Gateway;
import dev.framelift.schema.Topics;

/**
 * The Kubernetes manifests against the code, for the base read file by file and for the base and
 * both overlays as Kustomize renders them (skipped, saying so, where kubectl is not installed).
 */
class KubernetesManifestsTest {
    private static final String ENHANCER = "framelift-enhancer";
    private static final String ENHANCER_IMAGE = "framelift/enhancer";
    private static final String TRAINER_IMAGE = "framelift/trainer";

    static Stream<Arguments> variants() {
        return Stream.of(Arguments.of("base files", false), Arguments.of("base", false),
                Arguments.of("overlays/cpu", false), Arguments.of("overlays/gpu", true));
    }

    private static Manifests load(String variant) throws Exception {
        if (variant.equals("base files")) {
            return Manifests.baseFiles();
        }
        assumeTrue(Manifests.canRender(), "no kubectl with Kustomize 4+ here: " + variant + " not rendered");
        return Manifests.rendered(variant);
    }

    private static Tree enhancerContainer(Manifests m) {
        return m.one("Deployment", ENHANCER).get("spec").get("template").get("spec").get("containers").named("enhancer");
    }

    private static EnhancerSettings settings(Manifests m) {
        return EnhancerSettings.fromEnvironment(m.environment(enhancerContainer(m)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("variants")
    void shouldDeclareEveryTopicAsTheEnhancerWouldCreateIt(String variant, boolean gpu) throws Exception {
        Manifests m = load(variant);
        EnhancerSettings settings = settings(m);
        String cluster = m.one("Kafka").get("metadata").get("name").string();

        List<Tree> declared = m.all("KafkaTopic");
        assertThat(declared.stream().map(t -> t.get("spec").get("topicName").string()))
                .as("KafkaTopics of %s", variant)
                .containsExactlyInAnyOrderElementsOf(settings.topics().stream().map(NewTopic::name).toList());
        for (NewTopic expected : settings.topics()) {
            Tree topic = declared.stream().filter(t -> t.get("spec").get("topicName").string().equals(expected.name()))
                    .findFirst().orElseThrow();
            assertThat(topic.get("metadata").get("labels").get("strimzi.io/cluster").string()).isEqualTo(cluster);
            assertThat(topic.get("spec").get("partitions").integer()).as("partitions of %s", expected.name())
                    .isEqualTo(expected.numPartitions());
            assertThat(topic.get("spec").get("replicas").integer()).as("replicas of %s", expected.name())
                    .isEqualTo(expected.replicationFactor());
            Map<String, Object> config = topic.get("spec").get("config").map();
            expected.configs().forEach((key, value) -> assertThat(String.valueOf(config.get(key)))
                    .as("%s of %s", key, expected.name()).isEqualTo(value));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("variants")
    void shouldRunKafkaThatAdmitsTheLargestRecordAtTheBootstrapTheEnhancerUses(String variant, boolean gpu) throws Exception {
        Manifests m = load(variant);
        EnhancerSettings settings = settings(m);
        Tree kafka = m.one("Kafka").get("spec").get("kafka");
        String cluster = m.one("Kafka").get("metadata").get("name").string();
        String namespace = m.one("Kafka").get("metadata").get("namespace").string();

        assertThat(kafka.get("version").string()).as("Strimzi's Kafka version and the clients'")
                .isEqualTo(AppInfoParser.getVersion());
        int largest = settings.config().rejectedMessageMaxBytes();
        assertThat(kafka.get("config").get("message.max.bytes").integer()).isGreaterThanOrEqualTo(largest);
        assertThat(kafka.get("config").get("replica.fetch.max.bytes").integer()).isGreaterThanOrEqualTo(largest);
        int minIsr = kafka.get("config").get("min.insync.replicas").integer();
        settings.topics().forEach(t -> assertThat((int) t.replicationFactor()).as("replicas of %s", t.name())
                .isGreaterThan(minIsr));

        int plainPort = kafka.get("listeners").list().stream().filter(l -> !Boolean.parseBoolean(l.get("tls").string()))
                .findFirst().orElseThrow().get("port").integer();
        assertThat(settings.bootstrapServers())
                .isEqualTo(cluster + "-kafka-bootstrap." + namespace + ".svc:" + plainPort);
        List<Tree> pools = m.all("KafkaNodePool");
        assertThat(pools).allSatisfy(p -> assertThat(p.get("metadata").get("labels").get("strimzi.io/cluster").string())
                .isEqualTo(cluster));
        assertThat(pools.stream().flatMap(p -> p.get("spec").get("roles").strings().stream()))
                .contains("controller", "broker");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("variants")
    void shouldProbeServeAndScrapeTheGatewaysRealPathsAndPort(String variant, boolean gpu) throws Exception {
        Manifests m = load(variant);
        Tree deployment = m.one("Deployment", ENHANCER);
        Tree pod = deployment.get("spec").get("template");
        Tree container = enhancerContainer(m);
        int port = settings(m).httpPort();

        assertThat(container.get("ports").named("http").get("containerPort").integer()).isEqualTo(port);
        assertThat(container.get("readinessProbe").get("httpGet").get("path").string()).isEqualTo(Gateway.READINESS_PATH);
        assertThat(container.get("livenessProbe").get("httpGet").get("path").string()).isEqualTo(Gateway.LIVENESS_PATH);
        assertThat(container.get("startupProbe").get("httpGet").get("path").string()).isEqualTo(Gateway.LIVENESS_PATH);
        for (String probe : List.of("readinessProbe", "livenessProbe", "startupProbe")) {
            assertThat(container.get(probe).get("httpGet").get("port").string()).as(probe).isEqualTo("http");
        }
        Map<String, Object> annotations = pod.get("metadata").get("annotations").map();
        assertThat(annotations).containsEntry("prometheus.io/scrape", "true")
                .containsEntry("prometheus.io/port", String.valueOf(port))
                .containsEntry("prometheus.io/path", Gateway.METRICS_PATH);

        Map<String, Object> podLabels = pod.get("metadata").get("labels").map();
        assertThat(podLabels).containsAllEntriesOf(deployment.get("spec").get("selector").get("matchLabels").map());
        assertThat(podLabels).containsAllEntriesOf(m.one("Service", ENHANCER).get("spec").get("selector").map());
        assertThat(podLabels).containsAllEntriesOf(
                m.one("PodDisruptionBudget", ENHANCER).get("spec").get("selector").get("matchLabels").map());
        assertThat(m.one("Service", ENHANCER).get("spec").get("ports").named("http").get("targetPort").string())
                .isEqualTo("http");
        CommandLines.assertEnhancerAccepts(m.args(container));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("variants")
    void shouldScaleOnTheLagOfTheEnhancersGroupWithinThePartitionsTheyCanFill(String variant, boolean gpu) throws Exception {
        Manifests m = load(variant);
        EnhancerSettings settings = settings(m);
        Tree scaled = m.one("ScaledObject", ENHANCER).get("spec");
        Tree trigger = scaled.get("triggers").at(0);
        int partitions = settings.partitions(Topics.RAW);
        int max = scaled.get("maxReplicaCount").integer();

        assertThat(scaled.get("scaleTargetRef").get("name").string()).isEqualTo(ENHANCER);
        assertThat(trigger.get("type").string()).isEqualTo("kafka");
        assertThat(trigger.get("metadata").get("topic").string()).isEqualTo(Topics.RAW);
        assertThat(trigger.get("metadata").get("consumerGroup").string()).as("the group is the application.id")
                .isEqualTo(settings.applicationId());
        assertThat(trigger.get("metadata").get("bootstrapServers").string()).isEqualTo(settings.bootstrapServers());
        assertThat(scaled.get("minReplicaCount").integer()).isPositive();
        assertThat(max).as("maxReplicaCount vs partitions of %s", Topics.RAW).isLessThanOrEqualTo(partitions);
        assertThat(max * settings.batchMaxSize()).as("every replica can fill a batch: maxReplicaCount x batch.max.size"
                + " <= partitions of %s", Topics.RAW).isLessThanOrEqualTo(partitions);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("variants")
    void shouldGiveTheEnhancerItsResourcesAWritableCacheAndNoRoot(String variant, boolean gpu) throws Exception {
        Manifests m = load(variant);
        Tree container = enhancerContainer(m);
        Tree pod = m.one("Deployment", ENHANCER).get("spec").get("template").get("spec");
        Tree resources = container.get("resources");
        EnhancerSettings settings = settings(m);

        assertThat(resources.get("requests").get("cpu").exists()).isTrue();
        assertThat(resources.get("requests").get("memory").exists()).isTrue();
        assertThat(resources.get("limits").get("memory").exists()).isTrue();
        double cpus = cpus(resources.get("requests").get("cpu").string());
        assertThat(settings.tfIntraOpThreads()).as("TensorFlow threads sized to the pod, not the node")
                .isPositive().isLessThanOrEqualTo((int) Math.ceil(cpus));
        assertThat(resources.get("limits").get("nvidia.com/gpu").optionalString())
                .isEqualTo(gpu ? java.util.Optional.of("1") : java.util.Optional.empty());
        assertThat(container.get("image").string())
                .isEqualTo(ENHANCER_IMAGE + ":" + DockerImages.tag(gpu));

        assertThat(pod.get("securityContext").get("runAsUser").integer()).isEqualTo(DockerImages.user());
        assertThat(container.get("securityContext").get("readOnlyRootFilesystem").string()).isEqualTo("true");
        List<String> mounts = container.get("volumeMounts").list().stream().map(v -> v.get("mountPath").string()).toList();
        assertThat(mounts).as("writable: the JavaCPP cache, the Streams state dir, /tmp")
                .contains(DockerImages.javacppCache(), "/tmp")
                .anySatisfy(mount -> assertThat(settings.stateDir()).startsWith(mount + "/"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("variants")
    void shouldTrainWithTheTrainersCliAndPublishWhatItExported(String variant, boolean gpu) throws Exception {
        Manifests m = load(variant);
        Tree pod = m.one("CronJob", "framelift-trainer").get("spec").get("jobTemplate").get("spec").get("template").get("spec");
        Tree train = pod.get("initContainers").named("train");
        Tree publish = pod.get("containers").named("publish");
        List<String> trainArgs = m.args(train);
        List<String> publishArgs = m.args(publish);

        assertThat(train.get("image").string()).isEqualTo(TRAINER_IMAGE + ":" + DockerImages.tag(gpu));
        assertThat(publish.get("image").string()).isEqualTo(ENHANCER_IMAGE + ":" + DockerImages.tag(gpu));
        CommandLines.assertTrainerAccepts(trainArgs);
        CommandLines.assertEnhancerAccepts(publishArgs);
        assertThat(publishArgs.subList(0, 2)).containsExactly("models", "publish");
        String out = trainArgs.get(trainArgs.indexOf("--out") + 1);
        assertThat(publishArgs.get(2)).as("publish what train exported").isEqualTo(out + "/model");
        assertThat(publishArgs.get(publishArgs.indexOf("--bootstrap-servers") + 1))
                .isEqualTo(settings(m).bootstrapServers());
        String data = trainArgs.get(trainArgs.indexOf("--data") + 1);
        assertThat(train.get("volumeMounts").list().stream().map(v -> v.get("mountPath").string())).contains(data);
        assertThat(publish.get("volumeMounts").list().stream().map(v -> v.get("mountPath").string()))
                .anySatisfy(mount -> assertThat(out).startsWith(mount));
        assertThat(train.get("resources").get("limits").get("nvidia.com/gpu").exists()).isEqualTo(gpu);
    }

    @Test
    void shouldScrapeTheEnhancersMetricsPathThroughThePodMonitor() {
        Tree monitor = Tree.of(RepositoryFiles.documents(RepositoryFiles.K8S.resolve("monitoring/podmonitor.yaml")).get(0));
        Tree endpoint = monitor.get("spec").get("podMetricsEndpoints").at(0);
        Map<String, Object> podLabels = Manifests.baseFiles().one("Deployment", ENHANCER).get("spec").get("template")
                .get("metadata").get("labels").map();

        assertThat(endpoint.get("path").string()).isEqualTo(Gateway.METRICS_PATH);
        assertThat(endpoint.get("port").string()).isEqualTo("http");
        assertThat(podLabels).containsAllEntriesOf(monitor.get("spec").get("selector").get("matchLabels").map());
        assertThat(MetricNames.fromOtherExporters()).as("metrics from Strimzi's Kafka Exporter and kube-state-metrics")
                .allSatisfy(name -> assertThat(name).matches("kafka_consumergroup_lag|kube_.*"));
    }

    private static double cpus(String quantity) {
        return quantity.endsWith("m") ? Double.parseDouble(quantity.substring(0, quantity.length() - 1)) / 1000
                : Double.parseDouble(quantity);
    }
}
