package dev.framelift.enhancer.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.apache.kafka.streams.KafkaStreams;

import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * The enhancer's meter registry, in Prometheus form: {@link FrameMetrics} (what happened to
 * each frame), the JVM (memory, GC, threads, classes, CPU, uptime), Kafka Streams and its
 * clients (Micrometer's {@link KafkaStreamsMetrics}, among them the consumer's
 * {@code records-lag}), and {@code framelift_model_active_info{task,version}} for the active
 * model of each task.
 *
 * <p>Lifecycle: create it before the topology (its {@link #frames()} observer goes into
 * the topology), {@link #bindStreams} once the {@link KafkaStreams} exists, {@link #close}
 * after the streams are closed. Thread-safe.
 */
public final class ServiceMetrics implements AutoCloseable {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final StreamLabels labels;
    private final FrameMetrics frames;
    private final JvmGcMetrics gc = new JvmGcMetrics();
    private final MultiGauge activeModels;
    private final List<AutoCloseable> bound = new ArrayList<>();
    private volatile Supplier<Map<String, String>> modelVersions = Map::of;

    /** @param maxStreams most distinct stream labels (see {@link StreamLabels}) */
    public ServiceMetrics(int maxStreams) {
        labels = new StreamLabels(maxStreams);
        frames = new FrameMetrics(registry, labels);
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        activeModels = MultiGauge.builder("framelift.model.active.info")
                .description("The model version each task runs on this instance (value 1)").register(registry);
    }

    /** The observer to give the topology. */
    public FrameMetrics frames() {
        return frames;
    }

    /** The bound on stream labels, shared with whatever else labels by stream. */
    public StreamLabels streamLabels() {
        return labels;
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /** Adds the metrics of Kafka Streams and of its producer, consumers and admin client. */
    public synchronized void bindStreams(KafkaStreams streams) {
        final KafkaStreamsMetrics metrics = new KafkaStreamsMetrics(streams);
        metrics.bindTo(registry);
        bound.add(metrics);
    }

    /** @param versions the active model version per task, read at every scrape */
    public void bindModels(Supplier<Map<String, String>> versions) {
        this.modelVersions = versions;
    }

    /** The registry in the Prometheus text format (version 0.0.4). */
    public String scrape() {
        final List<MultiGauge.Row<?>> rows = new ArrayList<>();
        modelVersions.get().forEach((task, version) -> rows.add(MultiGauge.Row.of(Tags.of("task", task, "version", version), 1)));
        activeModels.register(rows, true);
        return registry.scrape();
    }

    @Override
    public synchronized void close() {
        for (AutoCloseable closeable : bound) {
            try {
                closeable.close();
            } catch (Exception e) {
                // closing meters cannot fail in a way that matters at shutdown
            }
        }
        bound.clear();
        gc.close();
        registry.close();
    }
}
