package dev.framelift.enhancer.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.CaseInsensitiveValidString;
import org.apache.kafka.common.config.types.Password;

import dev.framelift.enhancer.image.ImageLimits;
import dev.framelift.enhancer.inference.BatchingConfig;
import dev.framelift.enhancer.pipeline.ColourStrength;
import dev.framelift.enhancer.pipeline.FrameBudget;
import dev.framelift.enhancer.temporal.ChromaStabilizer;
import dev.framelift.enhancer.tiling.TileGrid;
import dev.framelift.model.artifact.UnzipLimits;
import dev.framelift.model.signing.TrustedKeys;
import dev.framelift.model.topic.SignaturePolicy;
import dev.framelift.schema.Encoding;
import dev.framelift.schema.Tasks;

/**
 * Every setting of the enhancer. Keys can come from a properties file, {@code --set key=value}
 * on the command line, or the environment as {@code FRAMELIFT_KEY_WITH_UNDERSCORES}.
 */
public final class EnhancerConfig extends AbstractConfig {
    public static final String BOOTSTRAP_SERVERS = "bootstrap.servers";
    public static final String APPLICATION_ID = "application.id";
    public static final String MODELS_DIR = "models.dir";
    public static final String STREAM_THREADS = "stream.threads";
    public static final String BATCH_MAX_SIZE = "batch.max.size";
    public static final String BATCH_MAX_WAIT_MS = "batch.max.wait.ms";
    public static final String BATCH_QUEUE_CAPACITY = "batch.queue.capacity";
    public static final String INFERENCE_RETRIES = "inference.retries";
    public static final String FRAME_DEADLINE_MS = "frame.deadline.ms";
    public static final String FRAME_MAX_BYTES = "frame.max.bytes";
    public static final String IMAGE_MAX_SIDE = "image.max.side";
    public static final String IMAGE_MAX_PIXELS = "image.max.pixels";
    public static final String OUTPUT_MAX_PIXELS = "output.max.pixels";
    public static final String MESSAGE_MAX_BYTES = "message.max.bytes";
    public static final String OUTPUT_ENCODING = "output.encoding";
    /** The values of {@link #OUTPUT_ENCODING}. */
    public static final List<String> OUTPUT_ENCODINGS = List.of("PNG", "JPEG", "RGB8");
    public static final String TOPIC_PARTITIONS = "topic.partitions";
    public static final String TOPIC_REPLICATION = "topic.replication.factor";
    public static final String COMMIT_INTERVAL_MS = "commit.interval.ms";
    public static final String STATE_DIR = "state.dir";
    public static final String TF_INTRA_OP_THREADS = "tf.intra.op.threads";
    public static final String TF_INTER_OP_THREADS = "tf.inter.op.threads";
    public static final String INFERENCE_DEVICE = "inference.device";
    public static final String INFERENCE_SELF_ENSEMBLE = "inference.self.ensemble";
    public static final String GPU_MEMORY_FRACTION = "gpu.memory.fraction";
    public static final String MODELS_FOLLOW = "models.follow";
    public static final String MODELS_TRUSTED_KEYS = "models.trusted.keys";
    public static final String MODELS_ALLOW_UNSIGNED = "models.allow.unsigned";
    public static final String MODELS_ARTIFACT_MAX_BYTES = "models.artifact.max.bytes";
    public static final String MODELS_INLINE_MAX_BYTES = "models.inline.max.bytes";
    public static final String MODELS_UNZIP_MAX_BYTES = "models.unzip.max.bytes";
    public static final String MODELS_UNZIP_MAX_ENTRIES = "models.unzip.max.entries";
    public static final String MODELS_UNZIP_MAX_RATIO = "models.unzip.max.ratio";
    public static final String MODELS_WORK_DIR = "models.work.dir";
    public static final String SHADOW_QUEUE_CAPACITY = "shadow.queue.capacity";
    public static final String HTTP_ENABLED = "http.enabled";
    public static final String HTTP_HOST = "http.host";
    public static final String HTTP_PORT = "http.port";
    public static final String HTTP_ADMIN_TOKEN = "http.admin.token";
    public static final String HTTP_ADMIN_TOKEN_FILE = "http.admin.token.file";
    public static final String HTTP_ENHANCE_TIMEOUT_MS = "http.enhance.timeout.ms";
    public static final String HTTP_READY_TASKS = "http.ready.tasks";
    public static final String METRICS_STREAMS_MAX = "metrics.streams.max";
    public static final String TILE_SIZE = "tile.size";
    public static final String TILE_OVERLAP = "tile.overlap";
    public static final String COLORIZE_TEMPORAL_STRENGTH = "colorize.temporal.strength";
    public static final String COLORIZE_TEMPORAL_STREAMS = "colorize.temporal.streams";
    public static final String COLORIZE_COLOUR_STRENGTH = "colorize.colour.strength";

    /**
     * Settings with this prefix go, without it, to Kafka Streams and its clients as they are: security
     * ({@code kafka.security.protocol}, {@code kafka.sasl.jaas.config}), client tuning
     * ({@code kafka.consumer.session.timeout.ms}) and anything else Kafka understands.
     */
    public static final String KAFKA_PREFIX = "kafka.";

    private static final int MIB = 1024 * 1024;
    /** Largest message.max.bytes: frames.rejected gets 1 MiB more, and the sum must stay an int. */
    private static final int MAX_MESSAGE = 1024 * MIB;

    public static final ConfigDef DEFINITION = new ConfigDef()
            .define(BOOTSTRAP_SERVERS, Type.STRING, "127.0.0.1:9092", Validators.hostPortList(), Importance.HIGH,
                    "Kafka bootstrap servers (host:port,...).")
            .define(APPLICATION_ID, Type.STRING, "framelift-enhancer", Validators.applicationId(), Importance.HIGH,
                    "Kafka Streams application id: the consumer group and the prefix of internal topics. "
                            + "Enhancers with the same id share the work.")
            .define(MODELS_DIR, Type.STRING, "models", Validators.nonBlank(), Importance.HIGH,
                    "Folder of exported models, one sub-folder per model (SavedModel + card.json).")
            .define(STREAM_THREADS, Type.INT, 8, Range.between(1, 1024), Importance.MEDIUM,
                    "Kafka Streams threads. Each decodes a frame, waits for its inference and encodes it, so batches "
                            + "form across threads; about 2 x batch.max.size lets one batch decode and encode while "
                            + "the other runs. Useful up to the partition count of frames.raw.")
            .define(BATCH_MAX_SIZE, Type.INT, 2, Range.between(1, 1024), Importance.MEDIUM,
                    "Most frames in one inference call (per task and input shape).")
            .define(BATCH_MAX_WAIT_MS, Type.LONG, 10L, Range.between(0, 60_000), Importance.MEDIUM,
                    "Longest a frame waits for a batch to fill before it runs anyway.")
            .define(BATCH_QUEUE_CAPACITY, Type.INT, 64, Range.between(1, 100_000), Importance.LOW,
                    "Frames that may wait for inference at once; more makes callers block (back-pressure).")
            .define(INFERENCE_RETRIES, Type.INT, 2, Range.between(0, 10), Importance.LOW,
                    "Times a failed inference is tried again before its frames are rejected with INFERENCE_FAILED "
                            + "(a GPU out of memory can pass); the last retry runs each frame alone.")
            .define(FRAME_DEADLINE_MS, Type.LONG, 20_000L, Range.between(100, 300_000), Importance.MEDIUM,
                    "Longest a frame may take from the start of its processing to the end of its inference; "
                            + "later it is rejected with TIMEOUT and its inference never runs. Kafka's "
                            + "transaction.timeout.ms defaults to 3x this and must be at least 2x.")
            .define(FRAME_MAX_BYTES, Type.INT, 8 * MIB, Range.between(1024, Integer.MAX_VALUE - 8), Importance.MEDIUM,
                    "Largest accepted image payload; larger frames are rejected with FRAME_TOO_LARGE. "
                            + "A service's must be smaller than message.max.bytes.")
            .define(IMAGE_MAX_SIDE, Type.INT, 8192, Range.between(16, 65_535), Importance.MEDIUM,
                    "Largest accepted width or height, checked from the image header before decoding.")
            .define(IMAGE_MAX_PIXELS, Type.LONG, 16L * MIB, Range.between(256, Integer.MAX_VALUE), Importance.MEDIUM,
                    "Largest accepted width x height, checked from the image header before decoding.")
            .define(OUTPUT_MAX_PIXELS, Type.LONG, 7680L * 4320, Range.between(256, 1L << 32), Importance.MEDIUM,
                    "Largest output width x height one frame may produce (input pixels x scale^2; default 8K "
                            + "UHD): sr-x4 of a 4096x4096 frame is refused with OUTPUT_TOO_LARGE before decoding. "
                            + "A frame over tile.size runs in tiles, so this bounds the frame, not one inference; "
                            + "framelift enhance raises it to what one image can hold.")
            .define(MESSAGE_MAX_BYTES, Type.INT, 16 * MIB, Range.between(MIB, MAX_MESSAGE), Importance.MEDIUM,
                    "Record size limit applied consistently to created topics, producers and consumers. "
                            + "frames.rejected gets 1 MiB more, so a rejected frame always fits with its original bytes.")
            .define(OUTPUT_ENCODING, Type.STRING, "PNG", CaseInsensitiveValidString.in(OUTPUT_ENCODINGS.toArray(String[]::new)),
                    Importance.MEDIUM,
                    "Encoding of enhanced frames: PNG (lossless, the most CPU per frame), JPEG (lossy, quality 92: "
                            + "small and fast) or RGB8 (raw pixels, width x height x 3 bytes: no encoding cost, for "
                            + "consumers in the same data centre; a 1280x720 frame is 2.7 MB, within message.max.bytes).")
            .define(TOPIC_PARTITIONS, Type.INT, 12, Range.between(1, 10_000), Importance.MEDIUM,
                    "Partitions of the frame topics when the enhancer creates them (existing topics are left as they are).")
            .define(TOPIC_REPLICATION, Type.SHORT, (short) 1, Range.between(1, 100), Importance.MEDIUM,
                    "Replication factor of topics the enhancer creates; use 3 on a production cluster.")
            .define(COMMIT_INTERVAL_MS, Type.LONG, 100L, Range.between(1, 60_000), Importance.LOW,
                    "How often a transaction commits (exactly_once_v2): the floor of end-to-end latency for read_committed consumers.")
            .define(STATE_DIR, Type.STRING, System.getProperty("java.io.tmpdir") + "/framelift-streams", Validators.nonBlank(),
                    Importance.LOW,
                    "Kafka Streams state directory (the enhancer keeps no state stores; Streams still needs one).")
            .define(TF_INTRA_OP_THREADS, Type.INT, 0, Range.between(0, 1024), Importance.LOW,
                    "TensorFlow intra-op threads (0: one per core).")
            .define(TF_INTER_OP_THREADS, Type.INT, 0, Range.between(0, 1024), Importance.LOW,
                    "TensorFlow inter-op threads (0: TensorFlow's default).")
            .define(INFERENCE_DEVICE, Type.STRING, "auto", CaseInsensitiveValidString.in("auto", "cpu", "gpu", "gpu:0",
                    "gpu:1", "gpu:2", "gpu:3", "gpu:4", "gpu:5", "gpu:6", "gpu:7"), Importance.MEDIUM,
                    "Where inference runs: auto (GPU 0 where TensorFlow sees one, else the CPU), cpu, gpu or gpu:N "
                            + "(refused at start when TensorFlow sees no GPU). A GPU needs the -Pgpu build; the engine "
                            + "logs the device it runs on.")
            .define(INFERENCE_SELF_ENSEMBLE, Type.LIST, "", ConfigDef.ValidList.in(true, Tasks.ALL.stream()
                    .filter(t -> !t.equals(Tasks.COLORIZE)).toArray(String[]::new)), Importance.LOW,
                    "Super-resolution tasks (e.g. sr-x2,sr-x4) whose frames are enhanced in all 8 orientations (flips and "
                            + "quarter turns) and averaged: closer to the truth (about +0.1 dB PSNR-Y for sr-x2), "
                            + "for 8x the inference. For archives, not for frame rate.")
            .define(GPU_MEMORY_FRACTION, Type.DOUBLE, 0.0, Range.between(0.0, 1.0), Importance.LOW,
                    "Share of the GPU's memory TensorFlow may take (0: as much as it needs, allocated on demand); "
                            + "set it when other processes share the GPU.")
            .define(MODELS_FOLLOW, Type.BOOLEAN, true, new ConfigDef.NonNullValidator(), Importance.HIGH,
                    "run: read the models topic from its beginning at start-up and follow it, swapping verified models "
                            + "in between batches. The shipped models in models.dir serve scopes the topic has no model for.")
            .define(MODELS_TRUSTED_KEYS, Type.LIST, "", ConfigDef.ValidList.anyNonDuplicateValues(true, false), Importance.HIGH,
                    "Ed25519 public keys whose signed models are accepted from the models topic: each the base64 of its "
                            + "X.509 encoding (one line, what `models keygen` prints) or the path of a PEM file.")
            .define(MODELS_ALLOW_UNSIGNED, Type.BOOLEAN, false, new ConfigDef.NonNullValidator(), Importance.MEDIUM,
                    "Accept unsigned models from the models topic. For a development cluster only.")
            .define(MODELS_ARTIFACT_MAX_BYTES, Type.LONG, 256L * MIB, Range.atLeast(1024), Importance.LOW,
                    "Largest zipped model accepted, inline or fetched from its URI.")
            .define(MODELS_INLINE_MAX_BYTES, Type.LONG, 8L * MIB, Range.atLeast(1024), Importance.LOW,
                    "models publish: zipped models up to this size travel inside the record; larger ones go to "
                            + "--artifact-store and travel by URI. Keep it under message.max.bytes.")
            .define(MODELS_UNZIP_MAX_BYTES, Type.LONG, 1024L * MIB, Range.atLeast(1024), Importance.LOW,
                    "Most bytes a model zip may unpack to (counted while unpacking, whatever the zip declares).")
            .define(MODELS_UNZIP_MAX_ENTRIES, Type.INT, 1000, Range.atLeast(1), Importance.LOW,
                    "Most entries a model zip may have.")
            .define(MODELS_UNZIP_MAX_RATIO, Type.INT, 100, Range.atLeast(1), Importance.LOW,
                    "Most unpacked bytes per zipped byte, per entry and overall (zip bombs).")
            .define(MODELS_WORK_DIR, Type.STRING, System.getProperty("java.io.tmpdir") + "/framelift-models",
                    Validators.nonBlank(), Importance.LOW,
                    "Where models from the topic are unpacked, one folder each, deleted when the model is retired.")
            .define(SHADOW_QUEUE_CAPACITY, Type.INT, 16, Range.atLeast(1), Importance.LOW,
                    "Sampled frames that may wait for a shadow candidate; more are skipped, never waited for.")
            .define(HTTP_ENABLED, Type.BOOLEAN, true, new ConfigDef.NonNullValidator(), Importance.MEDIUM,
                    "Serve the HTTP gateway: the /v1 API, the web page, /metrics and the health checks.")
            .define(HTTP_HOST, Type.STRING, "0.0.0.0", Validators.nonBlank(), Importance.LOW,
                    "Address the HTTP gateway listens on (0.0.0.0: every interface; 127.0.0.1: this machine only).")
            .define(HTTP_PORT, Type.INT, 8080, Range.between(0, 65535), Importance.MEDIUM,
                    "Port of the HTTP gateway (0 picks a free one); also --http-port.")
            .define(HTTP_ADMIN_TOKEN, Type.PASSWORD, null, Validators.optionalSecret(), Importance.MEDIUM,
                    "Bearer token for the model admin routes (activate, roll back). Unset: those routes answer 403, "
                            + "disabled. Prefer FRAMELIFT_HTTP_ADMIN_TOKEN or http.admin.token.file to the command line.")
            .define(HTTP_ADMIN_TOKEN_FILE, Type.STRING, "", Validators.optionalText(), Importance.LOW,
                    "File whose content (trimmed) is the admin token, e.g. a mounted secret; used when http.admin.token is unset.")
            .define(HTTP_ENHANCE_TIMEOUT_MS, Type.LONG, 30_000L, Range.between(100, 600_000), Importance.LOW,
                    "How long POST /v1/enhance waits for its frame to come back from Kafka, enhanced or rejected, "
                            + "before answering 504.")
            .define(HTTP_READY_TASKS, Type.LIST, String.join(",", Tasks.FAITHFUL_TASKS), ConfigDef.ValidList.anyNonDuplicateValues(true, false),
                    Importance.LOW, "Tasks that need a loaded model before /health/ready answers 200.")
            .define(METRICS_STREAMS_MAX, Type.INT, 500, Range.between(1, 100_000), Importance.LOW,
                    "Most distinct stream ids that get their own metrics labels and page entries; frames of "
                            + "further streams count under stream=\"other\" (bounds memory and metric cardinality).")
            .define(TILE_SIZE, Type.INT, 768, Range.between(64, 8192), Importance.MEDIUM,
                    "Frames wider or taller than this (input pixels; a multiple of 8) are enhanced in overlapping "
                            + "tiles of this side, batched like frames and blended back without seams: it bounds the "
                            + "memory of one inference call, not the frame size.")
            .define(TILE_OVERLAP, Type.INT, 128, Range.between(8, 2048), Importance.LOW,
                    "Least overlap of neighbouring tiles (input pixels; a multiple of 8, at most tile.size / 2). "
                            + "A quarter of it at each cut edge is context the blend never uses.")
            .define(COLORIZE_TEMPORAL_STRENGTH, Type.DOUBLE, 0.8, Range.between(0, 0.95), Importance.LOW,
                    "Colorized streams: share of the previous frame's chroma kept where the luma did not change, "
                            + "so static scenes do not flicker (0 turns it off).")
            .define(COLORIZE_TEMPORAL_STREAMS, Type.INT, 64, Range.between(1, 100_000), Importance.LOW,
                    "Colorized streams whose last frame is kept for colorize.temporal.strength (least recently "
                            + "used dropped first; a dropped stream just starts afresh).")
            .define(COLORIZE_COLOUR_STRENGTH, Type.DOUBLE, 1.0, Range.between(0, ColourStrength.MAX), Importance.MEDIUM,
                    "Colorized frames: their chroma scaled about the luma, 1 as the model was calibrated, below 1 "
                            + "towards gray (muted colour instead of loud guesses), 0 gray; framelift evaluate "
                            + "--chroma-scale measures what each value gives on photos whose colours are known.");

    /**
     * @throws ConfigException naming the key, for a value out of its bounds or inconsistent with another key
     */
    public EnhancerConfig(Map<?, ?> originals) {
        super(DEFINITION, originals, false);
    }

    public String bootstrapServers() {
        return getString(BOOTSTRAP_SERVERS);
    }

    /** The {@link #KAFKA_PREFIX} settings, prefix removed. */
    public Map<String, Object> kafkaOverrides() {
        return originalsWithPrefix(KAFKA_PREFIX, true);
    }

    /**
     * The {@link #KAFKA_PREFIX} settings that a given client understands, e.g.
     * {@code ConsumerConfig.configNames()}: for the plain clients beside Kafka Streams, which
     * would warn about the Streams-only ones.
     */
    public Map<String, Object> kafkaOverridesFor(Set<String> clientConfigNames) {
        final Map<String, Object> overrides = new HashMap<>(kafkaOverrides());
        overrides.keySet().retainAll(clientConfigNames);
        return overrides;
    }

    public ImageLimits imageLimits() {
        return new ImageLimits(getInt(FRAME_MAX_BYTES), getInt(IMAGE_MAX_SIDE), getLong(IMAGE_MAX_PIXELS));
    }

    public BatchingConfig batching() {
        return new BatchingConfig(getInt(BATCH_MAX_SIZE), Duration.ofMillis(getLong(BATCH_MAX_WAIT_MS)),
                getInt(BATCH_QUEUE_CAPACITY), getInt(INFERENCE_RETRIES), Set.copyOf(getList(INFERENCE_SELF_ENSEMBLE)));
    }

    public FrameBudget frameBudget() {
        return new FrameBudget(Duration.ofMillis(getLong(FRAME_DEADLINE_MS)), getLong(OUTPUT_MAX_PIXELS));
    }

    /** @throws ConfigException when tile.size and tile.overlap do not fit together */
    public TileGrid tileGrid() {
        try {
            return new TileGrid(getInt(TILE_SIZE), getInt(TILE_OVERLAP));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(TILE_SIZE + "/" + TILE_OVERLAP + ": " + e.getMessage());
        }
    }

    public ChromaStabilizer chromaStabilizer() {
        return new ChromaStabilizer(getDouble(COLORIZE_TEMPORAL_STRENGTH), getInt(COLORIZE_TEMPORAL_STREAMS));
    }

    public ColourStrength colourStrength() {
        return new ColourStrength(getDouble(COLORIZE_COLOUR_STRENGTH));
    }

    public Encoding outputEncoding() {
        return Encoding.valueOf(getString(OUTPUT_ENCODING).toUpperCase(java.util.Locale.ROOT));
    }

    public int messageMaxBytes() {
        return getInt(MESSAGE_MAX_BYTES);
    }

    /** The rejected topic's limit: room for the largest raw record plus the rejection envelope. */
    public int rejectedMessageMaxBytes() {
        return messageMaxBytes() + MIB;
    }

    /** The limits on unpacking a model zip from the topic. */
    public UnzipLimits unzipLimits() {
        return new UnzipLimits(getLong(MODELS_UNZIP_MAX_BYTES), getInt(MODELS_UNZIP_MAX_ENTRIES),
                getInt(MODELS_UNZIP_MAX_RATIO));
    }

    /**
     * The enhancer's rule for signatures on the models topic.
     *
     * @throws IllegalArgumentException naming a trusted key that cannot be read
     */
    public SignaturePolicy signaturePolicy() {
        return SignaturePolicy.trusting(TrustedKeys.parse(getList(MODELS_TRUSTED_KEYS)), getBoolean(MODELS_ALLOW_UNSIGNED));
    }

    /**
     * bootstrap.servers and the {@link #KAFKA_PREFIX} settings a plain consumer, producer or admin
     * client understands: for the clients of the models topic and {@code frames.shadow}.
     */
    public Map<String, Object> clientSettings() {
        final Set<String> names = new java.util.HashSet<>(org.apache.kafka.clients.consumer.ConsumerConfig.configNames());
        names.addAll(org.apache.kafka.clients.producer.ProducerConfig.configNames());
        names.addAll(org.apache.kafka.clients.admin.AdminClientConfig.configNames());
        final Map<String, Object> settings = kafkaOverridesFor(names);
        settings.put("bootstrap.servers", bootstrapServers());
        return settings;
    }

    /**
     * The admin bearer token: {@code http.admin.token}, else the trimmed content of
     * {@code http.admin.token.file}; empty when neither is set (model administration disabled).
     *
     * @throws ConfigException if the token file cannot be read
     */
    public Optional<String> adminToken() {
        final Password token = getPassword(HTTP_ADMIN_TOKEN);
        if (token != null && !token.value().isBlank()) {
            return Optional.of(token.value().trim());
        }
        final String file = getString(HTTP_ADMIN_TOKEN_FILE);
        if (file.isBlank()) {
            return Optional.empty();
        }
        try {
            final String content = Files.readString(Path.of(file)).trim();
            if (content.isEmpty()) {
                throw new ConfigException(HTTP_ADMIN_TOKEN_FILE, file, "the token file is empty");
            }
            return Optional.of(content);
        } catch (IOException e) {
            throw new ConfigException(HTTP_ADMIN_TOKEN_FILE, file, "cannot read the token file: " + e);
        }
    }

    /**
     * The environment variable a key is also read from: {@code batch.max.size} from
     * {@code FRAMELIFT_BATCH_MAX_SIZE}.
     */
    public static String environmentVariable(String key) {
        return "FRAMELIFT_" + key.toUpperCase(Locale.ROOT).replace('.', '_');
    }

    /** The configuration table of the README, in Markdown. */
    public static String markdownTable() {
        final StringBuilder table = new StringBuilder("| key | environment | default | description |\n|---|---|---|---|\n");
        for (ConfigDef.ConfigKey key : DEFINITION.configKeys().values()) {
            final Object value = key.defaultValue;
            final String shown = key.name.equals(STATE_DIR) ? "$TMPDIR/framelift-streams"
                    : key.name.equals(MODELS_WORK_DIR) ? "$TMPDIR/framelift-models"
                    : value == null || "".equals(value) || value instanceof List<?> empty && empty.isEmpty() ? "(none)"
                    : value instanceof List<?> list ? String.join(",", list.stream().map(String::valueOf).toList())
                    : String.valueOf(value);
            table.append("| `").append(key.name).append("` | `").append(environmentVariable(key.name)).append("` | `")
                    .append(shown).append("` | ")
                    .append(key.documentation).append(" |\n");
        }
        return table.toString();
    }
}
