package dev.framelift.enhancer.app;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.framelift.enhancer.config.EnhancerConfig;
import dev.framelift.enhancer.gateway.EngineStatus;
import dev.framelift.enhancer.gateway.Gateway;
import dev.framelift.enhancer.gateway.ModelAdmin;
import dev.framelift.enhancer.image.ImageCodec;
import dev.framelift.enhancer.inference.MicroBatcher;
import dev.framelift.enhancer.inference.ModelRegistry;
import dev.framelift.enhancer.inference.TensorFlowRuntime;
import dev.framelift.enhancer.metrics.ServiceMetrics;
import dev.framelift.enhancer.pipeline.FramePipeline;
import dev.framelift.enhancer.stream.EnhancerTopology;
import dev.framelift.enhancer.stream.ProcessingLimits;
import dev.framelift.schema.ModelCard;

/**
 * A running enhancer against one Kafka cluster.
 *
 * <p>Lifecycle: {@link #start} loads the models, creates missing topics and starts the
 * topology, returning once Kafka Streams reports RUNNING; {@link #close} stops the stream threads
 * first (letting in-flight frames finish and commit), then the batcher, then the models. The
 * service owns everything it starts, the HTTP gateway and the metrics included (unless
 * {@code http.enabled} is false, the gateway starts with the stream threads, so that its health
 * checks answer while they join the group).
 */
public final class EnhancerService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EnhancerService.class);

    private final ModelRegistry registry;
    private final MicroBatcher batcher;
    private final KafkaStreams streams;
    private final ServiceMetrics metrics;
    private Gateway gateway;

    private EnhancerService(ModelRegistry registry, MicroBatcher batcher, KafkaStreams streams, ServiceMetrics metrics) {
        this.registry = registry;
        this.batcher = batcher;
        this.streams = streams;
        this.metrics = metrics;
    }

    /** Loads the models of {@code models.dir} and starts. */
    public static EnhancerService start(EnhancerConfig config, Duration startTimeout) throws IOException {
        StreamsSettings.timeouts(config); // refuse settings that do not nest before loading any model
        TensorFlowRuntime.configure(config.getInt(EnhancerConfig.TF_INTRA_OP_THREADS),
                config.getInt(EnhancerConfig.TF_INTER_OP_THREADS));
        ModelRegistry registry = ModelRegistry.load(Path.of(config.getString(EnhancerConfig.MODELS_DIR)));
        return start(config, registry, startTimeout);
    }

    /** Starts with models already loaded; the service takes ownership of {@code registry}. */
    public static EnhancerService start(EnhancerConfig config, ModelRegistry registry, Duration startTimeout) {
        if (registry.tasks().isEmpty()) {
            registry.close();
            throw new IllegalStateException("no models in " + config.getString(EnhancerConfig.MODELS_DIR)
                    + ": each model is a folder with a SavedModel and card.json (see trainer/README.md)");
        }
        TimeoutChain timeouts;
        try {
            timeouts = StreamsSettings.timeouts(config);
            TopicSetup.createMissing(config);
            TopicSetup.checkLimits(config);
        } catch (RuntimeException e) {
            registry.close();
            throw e;
        }
        MicroBatcher batcher = new MicroBatcher(registry, config.batching());
        FramePipeline pipeline = new FramePipeline(new ImageCodec(config.imageLimits()), registry, batcher,
                config.outputEncoding(), config.messageMaxBytes(), config.frameBudget());
        ProcessingLimits limits = new ProcessingLimits(config.messageMaxBytes(), config.rejectedMessageMaxBytes(),
                timeouts.roundBudget(), Duration.ofMillis(config.getLong(EnhancerConfig.COMMIT_INTERVAL_MS)));
        ServiceMetrics metrics = new ServiceMetrics(config.getInt(EnhancerConfig.METRICS_STREAMS_MAX));
        KafkaStreams streams = new KafkaStreams(EnhancerTopology.build(pipeline, limits, metrics.frames()),
                StreamsSettings.of(config));
        metrics.bindStreams(streams);
        metrics.bindModels(() -> activeVersions(registry));
        CountDownLatch running = new CountDownLatch(1);
        streams.setStateListener((now, before) -> {
            if (now == KafkaStreams.State.RUNNING) {
                running.countDown();
            }
            LOG.info("Kafka Streams {} -> {}", before, now);
        });
        streams.start();
        EnhancerService service = new EnhancerService(registry, batcher, streams, metrics);
        try {
            if (config.getBoolean(EnhancerConfig.HTTP_ENABLED)) {
                service.gateway = Gateway.start(config, service.status(), ModelAdmin.UNSUPPORTED, metrics);
            }
            if (!running.await(startTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
                service.close();
                throw new IllegalStateException("the enhancer did not reach RUNNING within " + startTimeout
                        + " (is Kafka reachable at " + config.bootstrapServers() + "?)");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            service.close();
            throw new IllegalStateException("interrupted while starting", e);
        } catch (RuntimeException e) {
            service.close();
            throw e;
        }
        LOG.info("enhancing {} with models {}", config.bootstrapServers(), registry.tasks());
        return service;
    }

    public ModelRegistry registry() {
        return registry;
    }

    /** The Kafka Streams state: RUNNING while it enhances. */
    public KafkaStreams.State state() {
        return streams.state();
    }

    /** Stream threads alive now. */
    public int liveStreamThreads() {
        return streams.metadataForLocalThreads().size();
    }

    /** The port of the HTTP gateway; empty when {@code http.enabled} is false. */
    public OptionalInt httpPort() {
        return gateway == null ? OptionalInt.empty() : OptionalInt.of(gateway.port());
    }

    /** What the gateway reads of this engine. */
    private EngineStatus status() {
        return new EngineStatus() {
            @Override
            public Map<String, ModelCard> activeModels() {
                Map<String, ModelCard> cards = new TreeMap<>();
                for (String task : registry.tasks()) {
                    registry.get(task).ifPresent(g -> cards.put(task, g.card()));
                }
                return cards;
            }

            @Override
            public String streamsState() {
                return streams.state().name();
            }
        };
    }

    private static Map<String, String> activeVersions(ModelRegistry registry) {
        Map<String, String> versions = new TreeMap<>();
        for (String task : registry.tasks()) {
            registry.get(task).ifPresent(g -> versions.put(task, g.version()));
        }
        return versions;
    }

    /** Stops the gateway first (no new requests), then the stream threads, the batcher, the models and the metrics. */
    @Override
    public void close() {
        if (gateway != null) {
            gateway.close();
        }
        streams.close(Duration.ofSeconds(30));
        batcher.close();
        registry.close();
        metrics.close();
    }
}
