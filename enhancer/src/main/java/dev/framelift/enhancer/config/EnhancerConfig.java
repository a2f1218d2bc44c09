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
import org.apache.kafka.common.config.ConfigDef.ValidString;
import org.apache.kafka.common.config.types.Password;

import dev.framelift.enhancer.image.ImageLimits;
import dev.framelift.enhancer.inference.BatchingConfig;
import dev.framelift.enhancer.pipeline.FrameBudget;
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
    public static final String TOPIC_PARTITIONS = "topic.partitions";
    public static final String TOPIC_REPLICATION = "topic.replication.factor";
    public static final String COMMIT_INTERVAL_MS = "commit.interval.ms";
    public static final String STATE_DIR = "state.dir";
    public static final String TF_INTRA_OP_THREADS = "tf.intra.op.threads";
    public static final String TF_INTER_OP_THREADS = "tf.inter.op.threads";
    public static final String HTTP_ENABLED = "http.enabled";
    public static final String HTTP_HOST = "http.host";
    public static final String HTTP_PORT = "http.port";
    public static final String HTTP_ADMIN_TOKEN = "http.admin.token";
    public static final String HTTP_ADMIN_TOKEN_FILE = "http.admin.token.file";
    public static final String HTTP_ENHANCE_TIMEOUT_MS = "http.enhance.timeout.ms";
    public static final String HTTP_READY_TASKS = "http.ready.tasks";
    public static final String METRICS_STREAMS_MAX = "metrics.streams.max";

    /**
     * Settings with this prefix go, without it, to Kafka Streams and its clients as they are: security
     * ({@code kafka.security.protocol}, {@code kafka.sasl.jaas.config}), client tuning
     * ({@code kafka.consumer.session.timeout.ms}) and anything else Kafka understands.
     */
    public static final String KAFKA_PREFIX = "kafka.";

    private static final int MIB = 1024 * 1024;

    public static final ConfigDef DEFINITION = new ConfigDef()
            .define(BOOTSTRAP_SERVERS, Type.STRING, "127.0.0.1:9092", Importance.HIGH,
                    "Kafka bootstrap servers (host:port,...).")
            .define(APPLICATION_ID, Type.STRING, "framelift-enhancer", Importance.HIGH,
                    "Kafka Streams application id: the consumer group and the prefix of internal topics. "
                            + "Enhancers with the same id share the work.")
            .define(MODELS_DIR, Type.STRING, "models", Importance.HIGH,
                    "Folder of exported models, one sub-folder per model (SavedModel + card.json).")
            .define(STREAM_THREADS, Type.INT, 8, Range.atLeast(1), Importance.MEDIUM,
                    "Kafka Streams threads. Each decodes a frame, waits for its inference and encodes it, so batches "
                            + "form across threads; about 2 x batch.max.size lets one batch decode and encode while "
                            + "the other runs. Useful up to the partition count of frames.raw.")
            .define(BATCH_MAX_SIZE, Type.INT, 4, Range.between(1, 1024), Importance.MEDIUM,
                    "Most frames in one inference call (per task and input shape).")
            .define(BATCH_MAX_WAIT_MS, Type.LONG, 10L, Range.atLeast(0), Importance.MEDIUM,
                    "Longest a frame waits for a batch to fill before it runs anyway.")
            .define(BATCH_QUEUE_CAPACITY, Type.INT, 64, Range.atLeast(1), Importance.LOW,
                    "Frames that may wait for inference at once; more makes callers block (back-pressure).")
            .define(INFERENCE_RETRIES, Type.INT, 2, Range.between(0, 10), Importance.LOW,
                    "Times a failed inference is tried again before its frames are rejected with INFERENCE_FAILED "
                            + "(a GPU out of memory can pass); the last retry runs each frame alone.")
            .define(FRAME_DEADLINE_MS, Type.LONG, 20_000L, Range.between(100, 300_000), Importance.MEDIUM,
                    "Longest a frame may take from the start of its processing to the end of its inference; "
                            + "later it is rejected with TIMEOUT and its inference never runs. Kafka's "
                            + "transaction.timeout.ms defaults to 3x this and must be at least 2x.")
            .define(FRAME_MAX_BYTES, Type.INT, 8 * MIB, Range.atLeast(1024), Importance.MEDIUM,
                    "Largest accepted image payload; larger frames are rejected with FRAME_TOO_LARGE.")
            .define(IMAGE_MAX_SIDE, Type.INT, 8192, Range.atLeast(16), Importance.MEDIUM,
                    "Largest accepted width or height, checked from the image header before decoding.")
            .define(IMAGE_MAX_PIXELS, Type.LONG, 16L * MIB, Range.atLeast(256), Importance.MEDIUM,
                    "Largest accepted width x height, checked from the image header before decoding.")
            .define(OUTPUT_MAX_PIXELS, Type.LONG, 7680L * 4320, Range.atLeast(256), Importance.MEDIUM,
                    "Largest output width x height one inference may produce (input pixels x scale^2; default 8K "
                            + "UHD): sr-x4 of a 4096x4096 frame is refused with OUTPUT_TOO_LARGE before decoding.")
            .define(MESSAGE_MAX_BYTES, Type.INT, 16 * MIB, Range.atLeast(MIB), Importance.MEDIUM,
                    "Record size limit applied consistently to created topics, producers and consumers. "
                            + "frames.rejected gets 1 MiB more, so a rejected frame always fits with its original bytes.")
            .define(OUTPUT_ENCODING, Type.STRING, "PNG", ValidString.in("PNG", "JPEG"), Importance.MEDIUM,
                    "Encoding of enhanced frames.")
            .define(TOPIC_PARTITIONS, Type.INT, 12, Range.atLeast(1), Importance.MEDIUM,
                    "Partitions of the frame topics when the enhancer creates them (existing topics are left as they are).")
            .define(TOPIC_REPLICATION, Type.SHORT, (short) 1, Range.atLeast(1), Importance.MEDIUM,
                    "Replication factor of topics the enhancer creates; use 3 on a production cluster.")
            .define(COMMIT_INTERVAL_MS, Type.LONG, 100L, Range.atLeast(1), Importance.LOW,
                    "How often a transaction commits (exactly_once_v2): the floor of end-to-end latency for read_committed consumers.")
            .define(STATE_DIR, Type.STRING, System.getProperty("java.io.tmpdir") + "/framelift-streams", Importance.LOW,
                    "Kafka Streams state directory (the enhancer keeps no state stores; Streams still needs one).")
            .define(TF_INTRA_OP_THREADS, Type.INT, 0, Range.atLeast(0), Importance.LOW,
                    "TensorFlow intra-op threads (0: one per core).")
            .define(TF_INTER_OP_THREADS, Type.INT, 0, Range.atLeast(0), Importance.LOW,
                    "TensorFlow inter-op threads (0: TensorFlow's default).")
            .define(HTTP_ENABLED, Type.BOOLEAN, true, Importance.MEDIUM,
                    "Serve the HTTP gateway: the /v1 API, the web page, /metrics and the health checks.")
            .define(HTTP_HOST, Type.STRING, "0.0.0.0", Importance.LOW,
                    "Address the HTTP gateway listens on (0.0.0.0: every interface; 127.0.0.1: this machine only).")
            .define(HTTP_PORT, Type.INT, 8080, Range.between(0, 65535), Importance.MEDIUM,
                    "Port of the HTTP gateway (0 picks a free one); also --http-port.")
            .define(HTTP_ADMIN_TOKEN, Type.PASSWORD, null, Importance.MEDIUM,
                    "Bearer token for the model admin routes (activate, roll back). Unset: those routes answer 403, "
                            + "disabled. Prefer FRAMELIFT_HTTP_ADMIN_TOKEN or http.admin.token.file to the command line.")
            .define(HTTP_ADMIN_TOKEN_FILE, Type.STRING, "", Importance.LOW,
                    "File whose content (trimmed) is the admin token, e.g. a mounted secret; used when http.admin.token is unset.")
            .define(HTTP_ENHANCE_TIMEOUT_MS, Type.LONG, 30_000L, Range.atLeast(100), Importance.LOW,
                    "How long POST /v1/enhance waits for its frame to come back from Kafka, enhanced or rejected, "
                            + "before answering 504.")
            .define(HTTP_READY_TASKS, Type.LIST, String.join(",", Tasks.FAITHFUL_TASKS), Importance.LOW,
                    "Tasks that need a loaded model before /health/ready answers 200.")
            .define(METRICS_STREAMS_MAX, Type.INT, 500, Range.atLeast(1), Importance.LOW,
                    "Most distinct stream ids that get their own metrics labels and page entries; frames of "
                            + "further streams count under stream=\"other\" (bounds memory and metric cardinality).");

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
        Map<String, Object> overrides = new HashMap<>(kafkaOverrides());
        overrides.keySet().retainAll(clientConfigNames);
        return overrides;
    }

    public ImageLimits imageLimits() {
        return new ImageLimits(getInt(FRAME_MAX_BYTES), getInt(IMAGE_MAX_SIDE), getLong(IMAGE_MAX_PIXELS));
    }

    public BatchingConfig batching() {
        return new BatchingConfig(getInt(BATCH_MAX_SIZE), Duration.ofMillis(getLong(BATCH_MAX_WAIT_MS)),
                getInt(BATCH_QUEUE_CAPACITY), getInt(INFERENCE_RETRIES));
    }

    public FrameBudget frameBudget() {
        return new FrameBudget(Duration.ofMillis(getLong(FRAME_DEADLINE_MS)), getLong(OUTPUT_MAX_PIXELS));
    }

    public Encoding outputEncoding() {
        return Encoding.valueOf(getString(OUTPUT_ENCODING));
    }

    public int messageMaxBytes() {
        return getInt(MESSAGE_MAX_BYTES);
    }

    /** The rejected topic's limit: room for the largest raw record plus the rejection envelope. */
    public int rejectedMessageMaxBytes() {
        return messageMaxBytes() + MIB;
    }

    /**
     * The admin bearer token: {@code http.admin.token}, else the trimmed content of
     * {@code http.admin.token.file}; empty when neither is set (model administration disabled).
     *
     * @throws ConfigException if the token file cannot be read
     */
    public Optional<String> adminToken() {
        Password token = getPassword(HTTP_ADMIN_TOKEN);
        if (token != null && !token.value().isBlank()) {
            return Optional.of(token.value().trim());
        }
        String file = getString(HTTP_ADMIN_TOKEN_FILE);
        if (file.isBlank()) {
            return Optional.empty();
        }
        try {
            String content = Files.readString(Path.of(file)).trim();
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
        StringBuilder table = new StringBuilder("| key | environment | default | description |\n|---|---|---|---|\n");
        for (ConfigDef.ConfigKey key : DEFINITION.configKeys().values()) {
            Object value = key.defaultValue;
            String shown = key.name.equals(STATE_DIR) ? "$TMPDIR/framelift-streams"
                    : value == null || "".equals(value) ? "(none)"
                    : value instanceof List<?> list ? String.join(",", list.stream().map(String::valueOf).toList())
                    : String.valueOf(value);
            table.append("| `").append(key.name).append("` | `").append(environmentVariable(key.name)).append("` | `")
                    .append(shown).append("` | ")
                    .append(key.documentation).append(" |\n");
        }
        return table.toString();
    }
}
