package dev.framelift.enhancer.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.framelift.enhancer.config.EnhancerConfig;
import dev.framelift.enhancer.image.ImageCodec;
import dev.framelift.enhancer.inference.MicroBatcher;
import dev.framelift.enhancer.inference.ModelRegistry;
import dev.framelift.enhancer.inference.TensorFlowRuntime;
import dev.framelift.enhancer.models.ModelFollower;
import dev.framelift.enhancer.models.ModelUpdates;
import dev.framelift.enhancer.models.ShadowRunner;
import dev.framelift.enhancer.pipeline.FramePipeline;
import dev.framelift.enhancer.temporal.ChromaStabilizer;
import dev.framelift.model.artifact.ArtifactFetcher;
import dev.framelift.model.topic.ModelLog;
import dev.framelift.model.topic.UpdateVerifier;
import dev.framelift.schema.Encoding;

/**
 * The inference engine, built in one place for {@code run}, {@code demo}, {@code enhance} and
 * {@code bench}: the TensorFlow runtime configuration, the {@link ModelRegistry} (shipped models,
 * and with {@link #following} the {@code models} topic through a {@link ModelFollower}), the
 * {@link MicroBatcher}, the {@link FramePipeline} and the {@link ShadowRunner} that taps it.
 *
 * <p><b>Lifecycle.</b> The engine owns everything it builds. {@link #close()} stops, in order,
 * the follower (no more swaps), the shadow runner and its producer, the batcher (queued frames
 * fail, the running batch finishes) and the registry (each model closes after its last lease).
 * Stop whatever feeds the pipeline (the Kafka Streams threads) before closing the engine.
 */
public final class FrameEngine implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FrameEngine.class);

    private final EnhancerConfig config;
    private final ModelRegistry registry;
    private final MicroBatcher batcher;
    private final FramePipeline pipeline;
    private final ModelFollower follower;
    private final ModelUpdates counters;
    private final ShadowRunner shadows;
    private final Producer<byte[], byte[]> shadowProducer;

    private FrameEngine(EnhancerConfig config, ModelRegistry registry, ModelFollower follower, ModelUpdates counters,
            Producer<byte[], byte[]> shadowProducer) {
        this.config = config;
        this.registry = registry;
        this.follower = follower;
        this.counters = counters;
        this.shadowProducer = shadowProducer;
        final ImageCodec codec = new ImageCodec(config.imageLimits());
        this.batcher = new MicroBatcher(registry, config.batching());
        if (!config.batching().selfEnsemble().isEmpty()) {
            LOG.info("self-ensemble ({}): frames of {} run in 8 orientations and are averaged, 8x the inference",
                    EnhancerConfig.INFERENCE_SELF_ENSEMBLE, config.batching().selfEnsemble().stream().sorted().toList());
        }
        this.shadows = new ShadowRunner(registry, codec, config.outputEncoding(), shadowProducer,
                config.getInt(EnhancerConfig.SHADOW_QUEUE_CAPACITY));
        this.pipeline = new FramePipeline(codec, registry, batcher, config.outputEncoding(), config.messageMaxBytes(),
                config.frameBudget(), config.tileGrid(), config.chromaStabilizer(), config.colourStrength(), shadows);
    }

    /**
     * An engine over the shipped models of {@code models.dir} alone: no Kafka.
     *
     * @throws IOException if the folder or a model in it cannot be loaded
     */
    public static FrameEngine local(EnhancerConfig config) throws IOException {
        configureTensorFlow(config);
        return new FrameEngine(config, ModelRegistry.load(Path.of(config.getString(EnhancerConfig.MODELS_DIR))), null, null,
                null);
    }

    /**
     * An engine whose models follow the {@code models} topic (when {@code models.follow} is on):
     * the shipped models of {@code models.dir} (if the folder exists) serve what the topic has no
     * model for; the topic is read to its end before this returns, then followed live.
     *
     * @param catchUp how long reading the topic to its end may take
     * @throws IOException if a shipped model cannot be loaded
     * @throws IllegalStateException if no model serves anything, or the topic cannot be read
     */
    public static FrameEngine following(EnhancerConfig config, Duration catchUp) throws IOException {
        configureTensorFlow(config);
        final Path shipped = Path.of(config.getString(EnhancerConfig.MODELS_DIR));
        final ModelRegistry registry = Files.isDirectory(shipped) ? ModelRegistry.load(shipped) : ModelRegistry.empty();
        if (!Files.isDirectory(shipped)) {
            LOG.info("no shipped models ({} does not exist): every model comes from the models topic", shipped);
        }
        if (!config.getBoolean(EnhancerConfig.MODELS_FOLLOW)) {
            return checked(new FrameEngine(config, registry, null, null, null), config);
        }
        ModelFollower follower = null;
        ModelUpdates counters = null;
        Producer<byte[], byte[]> producer = null;
        try {
            counters = ModelUpdates.registered(config.getString(EnhancerConfig.APPLICATION_ID));
            final UpdateVerifier verifier = new UpdateVerifier(Path.of(config.getString(EnhancerConfig.MODELS_WORK_DIR)),
                    config.unzipLimits(), config.getLong(EnhancerConfig.MODELS_ARTIFACT_MAX_BYTES), new ArtifactFetcher(),
                    TensorFlowRuntime.configProto()).prepared();
            follower = new ModelFollower(registry, new ModelLog(config.clientSettings(), config.messageMaxBytes()),
                    config.signaturePolicy(), verifier, counters);
            follower.start(catchUp);
            producer = shadowProducer(config);
            return checked(new FrameEngine(config, registry, follower, counters, producer), config);
        } catch (IOException | RuntimeException e) {
            if (follower != null) {
                follower.close();
            }
            if (counters != null) {
                counters.close();
            }
            if (producer != null) {
                producer.close();
            }
            registry.close();
            throw e;
        }
    }

    private static FrameEngine checked(FrameEngine engine, EnhancerConfig config) {
        if (engine.registry.tasks().isEmpty()) {
            engine.close();
            throw new IllegalStateException("no models: " + config.getString(EnhancerConfig.MODELS_DIR)
                    + " has none (each model is a folder with a SavedModel and card.json, see trainer/README.md)"
                    + (config.getBoolean(EnhancerConfig.MODELS_FOLLOW) ? " and the models topic has none either" : ""));
        }
        return engine;
    }

    /**
     * Sizes TensorFlow's thread pools and picks its device from the configuration, before the first
     * session of the process, and logs where inference will run.
     *
     * @return where inference runs, e.g. {@code "GPU 0"}
     * @throws IllegalStateException if {@code inference.device} asks for a GPU that TensorFlow does
     *     not see, or a session already fixed other settings
     */
    public static String configureTensorFlow(EnhancerConfig config) {
        TensorFlowRuntime.configure(config.getInt(EnhancerConfig.TF_INTRA_OP_THREADS),
                config.getInt(EnhancerConfig.TF_INTER_OP_THREADS));
        TensorFlowRuntime.configureDevice(config.getString(EnhancerConfig.INFERENCE_DEVICE),
                config.getDouble(EnhancerConfig.GPU_MEMORY_FRACTION));
        final String device = TensorFlowRuntime.device();
        LOG.info("TensorFlow {} runs inference on {} ({})", org.tensorflow.TensorFlow.version(), device,
                TensorFlowRuntime.describe());
        return device;
    }

    private static Producer<byte[], byte[]> shadowProducer(EnhancerConfig config) {
        final Properties p = new Properties();
        p.putAll(config.clientSettings());
        p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, config.messageMaxBytes());
        p.put(ProducerConfig.BUFFER_MEMORY_CONFIG, Math.max(32L << 20, 3L * config.messageMaxBytes()));
        p.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
        return new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
    }

    public ModelRegistry registry() {
        return registry;
    }

    public MicroBatcher batcher() {
        return batcher;
    }

    /** The pipeline, with the configured output encoding and message limit, tapped by the shadow runner. */
    public FramePipeline pipeline() {
        return pipeline;
    }

    /**
     * Another pipeline over the same models and batcher for files, not records: its own output
     * encoding and size limit, and no chroma smoothing across frames (the files are unrelated).
     */
    public FramePipeline pipeline(Encoding outputEncoding, int maxOutputBytes) {
        return new FramePipeline(new ImageCodec(config.imageLimits()), registry, batcher, outputEncoding, maxOutputBytes,
                config.frameBudget(), config.tileGrid(), ChromaStabilizer.off(), config.colourStrength(), shadows);
    }

    public EnhancerConfig config() {
        return config;
    }

    /** The counters of models records, or null when the engine does not follow the topic. */
    public ModelUpdates modelUpdates() {
        return counters;
    }

    @Override
    public void close() {
        if (follower != null) {
            follower.close();
        }
        shadows.close();
        if (shadowProducer != null) {
            shadowProducer.close(Duration.ofSeconds(10));
        }
        batcher.close();
        registry.close();
        if (counters != null) {
            counters.close();
        }
    }
}
