package dev.framelift.enhancer.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import dev.framelift.enhancer.app.EnhancerService;
import dev.framelift.enhancer.broker.EmbeddedKafkaBroker;
import dev.framelift.enhancer.config.EnhancerConfig;
import dev.framelift.model.testing.TestModels;

/**
 * A real KRaft broker plus a real enhancer over real tiny TensorFlow generators, for integration
 * tests. Closing it stops the enhancer, then the broker.
 */
public final class EnhancerHarness implements AutoCloseable {
    private final EmbeddedKafkaBroker broker;
    private final Path modelsDir;
    private final Path work;
    private EnhancerService service;

    private EnhancerHarness(EmbeddedKafkaBroker broker, Path modelsDir, Path work) {
        this.broker = broker;
        this.modelsDir = modelsDir;
        this.work = work;
    }

    /** A broker and the three test models; the enhancer is started separately. */
    public static EnhancerHarness startBroker(Path work) throws IOException {
        Path models = TestModels.writeAll(Files.createDirectories(work.resolve("models")));
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(0, work.resolve("kafka"), 20 * 1024 * 1024);
        return new EnhancerHarness(broker, models, work);
    }

    /** Settings for an enhancer on this broker: 3 partitions, 3 threads, fast commits. */
    public Map<String, Object> settings() {
        return settings(broker.bootstrapServers(), modelsDir, work);
    }

    /**
     * Test settings for an enhancer on any cluster: 3 partitions, 3 threads, a short session timeout,
     * HTTP on a free port, trusting {@link TestUpdates#TRUSTED} on the models topic.
     */
    public static Map<String, Object> settings(String bootstrap, Path modelsDir, Path work) {
        Map<String, Object> settings = new HashMap<>();
        settings.put(EnhancerConfig.BOOTSTRAP_SERVERS, bootstrap);
        settings.put(EnhancerConfig.MODELS_DIR, modelsDir.toString());
        settings.put(EnhancerConfig.TOPIC_PARTITIONS, "3");
        settings.put(EnhancerConfig.STREAM_THREADS, "3");
        settings.put(EnhancerConfig.STATE_DIR, work.resolve("streams").toString());
        settings.put("kafka.consumer.session.timeout.ms", "6000");
        settings.put(EnhancerConfig.MODELS_TRUSTED_KEYS, TestUpdates.trustedKeys());
        settings.put(EnhancerConfig.MODELS_WORK_DIR, work.resolve("models-work").toString());
        settings.put(EnhancerConfig.HTTP_PORT, "0");
        return settings;
    }

    public EnhancerService startEnhancer(Map<String, Object> overrides) throws IOException {
        Map<String, Object> settings = settings();
        settings.putAll(overrides);
        service = EnhancerService.start(new EnhancerConfig(settings), Duration.ofMinutes(1));
        return service;
    }

    /** The running enhancer. */
    public EnhancerService service() {
        return service;
    }

    /** The version of the model the running enhancer has for {@code task}. */
    public String modelVersion(String task) {
        return service.registry().get(task).orElseThrow().version();
    }

    public String bootstrapServers() {
        return broker.bootstrapServers();
    }

    public Path modelsDir() {
        return modelsDir;
    }

    @Override
    public void close() {
        if (service != null) {
            service.close();
        }
        broker.close();
    }
}
