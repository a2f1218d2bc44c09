package dev.framelift.enhancer.app;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.framelift.enhancer.config.EnhancerConfig;
import dev.framelift.enhancer.engine.FrameEngine;
import dev.framelift.enhancer.inference.ModelRegistry;
import dev.framelift.enhancer.stream.EnhancerTopology;

/**
 * A running enhancer against one Kafka cluster.
 *
 * <p>Lifecycle: {@link #start} creates missing topics, builds the {@link FrameEngine} (shipped
 * models, then the {@code models} topic read to its end and followed) and starts the topology,
 * returning once Kafka Streams reports RUNNING; {@link #close} stops the stream threads first
 * (letting in-flight frames finish and commit), then the engine. The service owns everything it
 * starts.
 */
public final class EnhancerService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EnhancerService.class);

    private final FrameEngine engine;
    private final KafkaStreams streams;

    private EnhancerService(FrameEngine engine, KafkaStreams streams) {
        this.engine = engine;
        this.streams = streams;
    }

    /** Creates missing topics, builds the engine (following the models topic) and starts. */
    public static EnhancerService start(EnhancerConfig config, Duration startTimeout) throws IOException {
        TopicSetup.createMissing(config);
        return start(config, FrameEngine.following(config, startTimeout), startTimeout);
    }

    /** Starts the topology over an engine already built; the service takes ownership of {@code engine}. */
    public static EnhancerService start(EnhancerConfig config, FrameEngine engine, Duration startTimeout) {
        KafkaStreams streams;
        try {
            TopicSetup.createMissing(config);
            streams = new KafkaStreams(EnhancerTopology.build(engine.pipeline()), StreamsSettings.of(config));
        } catch (RuntimeException e) {
            engine.close();
            throw e;
        }
        CountDownLatch running = new CountDownLatch(1);
        streams.setStateListener((now, before) -> {
            if (now == KafkaStreams.State.RUNNING) {
                running.countDown();
            }
            LOG.info("Kafka Streams {} -> {}", before, now);
        });
        streams.start();
        EnhancerService service = new EnhancerService(engine, streams);
        try {
            if (!running.await(startTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
                service.close();
                throw new IllegalStateException("the enhancer did not reach RUNNING within " + startTimeout
                        + " (is Kafka reachable at " + config.bootstrapServers() + "?)");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            service.close();
            throw new IllegalStateException("interrupted while starting", e);
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

    @Override
    public void close() {
        streams.close(Duration.ofSeconds(30));
        engine.close();
    }
}
