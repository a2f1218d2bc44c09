package dev.framelift.enhancer.app;

import java.io.IOException;
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
import dev.framelift.enhancer.engine.FrameEngine;
import dev.framelift.enhancer.gateway.EngineStatus;
import dev.framelift.enhancer.gateway.Gateway;
import dev.framelift.enhancer.inference.ModelRegistry;
import dev.framelift.enhancer.inference.ScopeStatus;
import dev.framelift.enhancer.metrics.ServiceMetrics;
import dev.framelift.enhancer.models.TopicModelAdmin;
import dev.framelift.enhancer.stream.EnhancerTopology;
import dev.framelift.enhancer.stream.ProcessingLimits;
import dev.framelift.schema.ModelCard;

/**
 * A running enhancer against one Kafka cluster.
 *
 * <p>Lifecycle: {@link #start} creates missing topics, builds the {@link FrameEngine} (shipped
 * models, then the {@code models} topic read to its end and followed) and starts the topology,
 * returning once Kafka Streams reports RUNNING; {@link #close} stops the gateway, then the stream
 * threads (letting in-flight frames finish and commit), then the engine and the metrics. The
 * service owns everything it starts, the HTTP gateway and the metrics included (unless
 * {@code http.enabled} is false, the gateway starts with the stream threads, so that its health
 * checks answer while they join the group).
 */
public final class EnhancerService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EnhancerService.class);

    private final FrameEngine engine;
    private final KafkaStreams streams;
    private final ServiceMetrics metrics;
    private Gateway gateway;

    private EnhancerService(FrameEngine engine, KafkaStreams streams, ServiceMetrics metrics) {
        this.engine = engine;
        this.streams = streams;
        this.metrics = metrics;
    }

    /** Creates missing topics, builds the engine (following the models topic) and starts. */
    public static EnhancerService start(EnhancerConfig config, Duration startTimeout) throws IOException {
        StreamsSettings.timeouts(config); // refuse settings that do not nest before loading any model
        TopicSetup.createMissing(config);
        return start(config, FrameEngine.following(config, startTimeout), startTimeout);
    }

    /** Starts the topology over an engine already built; the service takes ownership of {@code engine}. */
    public static EnhancerService start(EnhancerConfig config, FrameEngine engine, Duration startTimeout) {
        TimeoutChain timeouts;
        try {
            timeouts = StreamsSettings.timeouts(config);
            TopicSetup.createMissing(config);
            TopicSetup.checkLimits(config);
        } catch (RuntimeException e) {
            engine.close();
            throw e;
        }
        ProcessingLimits limits = new ProcessingLimits(config.messageMaxBytes(), config.rejectedMessageMaxBytes(),
                timeouts.roundBudget(), Duration.ofMillis(config.getLong(EnhancerConfig.COMMIT_INTERVAL_MS)));
        ServiceMetrics metrics = new ServiceMetrics(config.getInt(EnhancerConfig.METRICS_STREAMS_MAX));
        KafkaStreams streams = new KafkaStreams(EnhancerTopology.build(engine.pipeline(), limits, metrics.frames()),
                StreamsSettings.of(config));
        metrics.bindStreams(streams);
        metrics.bindModels(() -> activeVersions(engine.registry()));
        CountDownLatch running = new CountDownLatch(1);
        streams.setStateListener((now, before) -> {
            if (now == KafkaStreams.State.RUNNING) {
                running.countDown();
            }
            LOG.info("Kafka Streams {} -> {}", before, now);
        });
        streams.start();
        EnhancerService service = new EnhancerService(engine, streams, metrics);
        try {
            if (config.getBoolean(EnhancerConfig.HTTP_ENABLED)) {
                service.gateway = Gateway.start(config, service.status(), new TopicModelAdmin(config, engine.registry()),
                        metrics);
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
        LOG.info("enhancing {} with models {}", config.bootstrapServers(), engine.registry().describe());
        return service;
    }

    public ModelRegistry registry() {
        return engine.registry();
    }

    public FrameEngine engine() {
        return engine;
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

    /** What the gateway reads of this engine: the card serving each scope, shipped or published. */
    private EngineStatus status() {
        return new EngineStatus() {
            @Override
            public Map<String, ModelCard> activeModels() {
                Map<String, ModelCard> cards = new TreeMap<>();
                for (ScopeStatus scope : engine.registry().status()) {
                    if (scope.active() != null) {
                        cards.put(scope.scope().toString(), scope.active());
                    }
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
        for (ScopeStatus scope : registry.status()) {
            if (scope.active() != null) {
                versions.put(scope.scope().toString(), scope.active().getVersion());
            }
        }
        return versions;
    }

    /** Stops the gateway first (no new requests), then the stream threads, the engine and the metrics. */
    @Override
    public void close() {
        if (gateway != null) {
            gateway.close();
        }
        streams.close(Duration.ofSeconds(30));
        engine.close();
        metrics.close();
    }
}
