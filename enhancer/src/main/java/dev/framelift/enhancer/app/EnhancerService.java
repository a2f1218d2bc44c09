package dev.framelift.enhancer.app;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

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
 * <p>Lifecycle: {@link #start} checks the settings, creates missing topics, builds the {@link
 * FrameEngine} (shipped models, then the {@code models} topic read to its end and followed) and
 * starts the topology, returning once Kafka Streams reports RUNNING; {@link #close} stops the
 * gateway, then the stream threads, the engine and the metrics. The service owns everything it
 * starts, the HTTP gateway and the metrics included (unless {@code http.enabled} is false, the
 * gateway starts with the stream threads, so that its health checks answer while they join the
 * group).
 *
 * <p>Stopping with frames queued: each stream thread holds at most the one frame it is blocked
 * on in {@code process()}. {@link #close} first pauses processing, so that no thread takes
 * another frame from its buffer (a stream thread would otherwise work through every record it
 * has polled before it looks at its state), then closes Kafka Streams: each pending
 * {@code process()} call returns, its output is forwarded and the transaction commits, so such a
 * frame is finished and committed. Frames fetched but not yet processed are not committed, and a
 * frame whose thread did not finish within the close timeout fails with its batcher and its
 * transaction is aborted: both are processed again by the next owner of the partition. None is
 * lost, none is doubled.
 *
 * <p>Failures: when the enhancer cannot go on (see {@link StreamHealth}) {@link #fatal()}
 * completes with a one-line reason; the owner of the process ends it.
 */
public final class EnhancerService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EnhancerService.class);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);
    private static final long CENSUS_SECONDS = 15;

    private final FrameEngine engine;
    private final KafkaStreams streams;
    private final ServiceMetrics metrics;
    private final StreamHealth health = new StreamHealth(System::nanoTime);
    private final ScheduledExecutorService census = Executors.newSingleThreadScheduledExecutor(r -> {
        final Thread thread = new Thread(r, "framelift-thread-census");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicBoolean closed = new AtomicBoolean();
    private Gateway gateway;

    private EnhancerService(FrameEngine engine, KafkaStreams streams, ServiceMetrics metrics) {
        this.engine = engine;
        this.streams = streams;
        this.metrics = metrics;
    }

    /** Checks the settings, creates missing topics, builds the engine (following the models topic) and starts. */
    public static EnhancerService start(EnhancerConfig config, Duration startTimeout) throws IOException {
        StreamsSettings.of(config); // refuse settings that do not nest, or weaken exactly-once, before loading any model
        StreamsSettings.timeouts(config);
        TopicSetup.createMissing(config);
        return start(config, FrameEngine.following(config, startTimeout), startTimeout);
    }

    /**
     * Starts the topology over an engine already built; the service takes ownership of {@code engine}.
     *
     * @throws org.apache.kafka.common.config.ConfigException for a {@code kafka.} override that would weaken exactly-once
     * @throws IllegalStateException when the enhancer cannot start (a one-line reason)
     */
    public static EnhancerService start(EnhancerConfig config, FrameEngine engine, Duration startTimeout) {
        final Properties settings;
        final TimeoutChain timeouts;
        try {
            settings = StreamsSettings.of(config);
            timeouts = StreamsSettings.timeouts(config);
            TopicSetup.createMissing(config);
            TopicSetup.checkLimits(config);
        } catch (RuntimeException e) {
            engine.close();
            throw e;
        }
        final ProcessingLimits limits = new ProcessingLimits(config.messageMaxBytes(), config.rejectedMessageMaxBytes(),
                timeouts.roundBudget(), Duration.ofMillis(config.getLong(EnhancerConfig.COMMIT_INTERVAL_MS)));
        final ServiceMetrics metrics = new ServiceMetrics(config.getInt(EnhancerConfig.METRICS_STREAMS_MAX));
        final KafkaStreams streams = new KafkaStreams(EnhancerTopology.build(engine.pipeline(), limits, metrics.frames()),
                settings);
        metrics.bindStreams(streams);
        metrics.bindModels(() -> activeVersions(engine.registry()));
        final EnhancerService service = new EnhancerService(engine, streams, metrics);
        try {
            service.run(config, startTimeout);
        } catch (RuntimeException e) {
            service.close();
            throw e;
        }
        return service;
    }

    private void run(EnhancerConfig config, Duration startTimeout) {
        final CompletableFuture<Void> running = new CompletableFuture<>();
        streams.setUncaughtExceptionHandler(health);
        streams.setStateListener((now, before) -> {
            LOG.info("Kafka Streams {} -> {}", before, now);
            if (now == KafkaStreams.State.RUNNING) {
                running.complete(null);
            }
            health.stateChanged(now);
        });
        streams.start();
        final int threads = config.getInt(EnhancerConfig.STREAM_THREADS);
        census.scheduleWithFixedDelay(() -> health.census(streams.metadataForLocalThreads().size(), threads, streams.state()),
                CENSUS_SECONDS, CENSUS_SECONDS, TimeUnit.SECONDS);
        if (config.getBoolean(EnhancerConfig.HTTP_ENABLED)) {
            gateway = Gateway.start(config, status(), new TopicModelAdmin(config, engine.registry()), metrics);
        }
        try {
            CompletableFuture.anyOf(running, health.fatal()).get(startTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new IllegalStateException("the enhancer did not reach RUNNING within " + startTimeout.toSeconds()
                    + " s (is Kafka reachable at " + config.bootstrapServers() + "?)");
        } catch (ExecutionException e) {
            throw new IllegalStateException("the enhancer failed while starting: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting", e);
        }
        if (health.fatal().isDone()) {
            throw new IllegalStateException("the enhancer failed while starting: " + health.fatal().join());
        }
        LOG.info("enhancing {} with models {}", config.bootstrapServers(), engine.registry().describe());
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

    /**
     * Completes with a one-line reason when the enhancer can no longer work (an Error, a source
     * topic gone, stream threads that keep dying, Kafka Streams in ERROR); never completes on a
     * deliberate {@link #close}.
     */
    public CompletableFuture<String> fatal() {
        return health.fatal();
    }

    /** What the gateway reads of this engine: the card serving each scope, shipped or published. */
    private EngineStatus status() {
        return new EngineStatus() {
            @Override
            public Map<String, ModelCard> activeModels() {
                final Map<String, ModelCard> cards = new TreeMap<>();
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
        final Map<String, String> versions = new TreeMap<>();
        for (ScopeStatus scope : registry.status()) {
            if (scope.active() != null) {
                versions.put(scope.scope().toString(), scope.active().getVersion());
            }
        }
        return versions;
    }

    /**
     * Stops as the class comment describes: the gateway first (no new requests), then the stream
     * threads, the engine (follower, batcher, models) and the metrics. Idempotent and thread-safe;
     * bounded by about 90 s.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        health.stopping();
        census.shutdownNow();
        if (gateway != null) {
            gateway.close();
        }
        LOG.info("stopping: {} frame(s) waiting for inference; each is finished and committed, or left "
                + "uncommitted for the next owner", engine.batcher().queued());
        try {
            streams.pause();
        } catch (RuntimeException e) {
            LOG.debug("could not pause before closing", e);
        }
        final boolean clean = streams.close(CLOSE_TIMEOUT);
        engine.close();
        metrics.close();
        LOG.info(clean ? "stopped cleanly" : "stopped after {} s; frames still in flight were left uncommitted",
                CLOSE_TIMEOUT.toSeconds());
    }
}
