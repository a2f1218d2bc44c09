package dev.framelift.enhancer.config;

import java.time.Duration;
import java.util.Map;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.CaseInsensitiveValidString;
import org.apache.kafka.common.config.ConfigException;

import dev.framelift.enhancer.image.ImageLimits;
import dev.framelift.enhancer.inference.BatchingConfig;
import dev.framelift.schema.Encoding;

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
    public static final String FRAME_MAX_BYTES = "frame.max.bytes";
    public static final String IMAGE_MAX_SIDE = "image.max.side";
    public static final String IMAGE_MAX_PIXELS = "image.max.pixels";
    public static final String MESSAGE_MAX_BYTES = "message.max.bytes";
    public static final String OUTPUT_ENCODING = "output.encoding";
    public static final String TOPIC_PARTITIONS = "topic.partitions";
    public static final String TOPIC_REPLICATION = "topic.replication.factor";
    public static final String COMMIT_INTERVAL_MS = "commit.interval.ms";
    public static final String STATE_DIR = "state.dir";
    public static final String TF_INTRA_OP_THREADS = "tf.intra.op.threads";
    public static final String TF_INTER_OP_THREADS = "tf.inter.op.threads";

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
            .define(BATCH_MAX_SIZE, Type.INT, 4, Range.between(1, 1024), Importance.MEDIUM,
                    "Most frames in one inference call (per task and input shape).")
            .define(BATCH_MAX_WAIT_MS, Type.LONG, 10L, Range.between(0, 60_000), Importance.MEDIUM,
                    "Longest a frame waits for a batch to fill before it runs anyway.")
            .define(BATCH_QUEUE_CAPACITY, Type.INT, 64, Range.between(1, 100_000), Importance.LOW,
                    "Frames that may wait for inference at once; more makes callers block (back-pressure).")
            .define(FRAME_MAX_BYTES, Type.INT, 8 * MIB, Range.between(1024, MAX_MESSAGE), Importance.MEDIUM,
                    "Largest accepted image payload; larger frames are rejected with FRAME_TOO_LARGE. "
                            + "Must be smaller than message.max.bytes.")
            .define(IMAGE_MAX_SIDE, Type.INT, 8192, Range.between(16, 65_535), Importance.MEDIUM,
                    "Largest accepted width or height, checked from the image header before decoding.")
            .define(IMAGE_MAX_PIXELS, Type.LONG, 16L * MIB, Range.between(256, Integer.MAX_VALUE), Importance.MEDIUM,
                    "Largest accepted width x height, checked from the image header before decoding.")
            .define(MESSAGE_MAX_BYTES, Type.INT, 16 * MIB, Range.between(MIB, MAX_MESSAGE), Importance.MEDIUM,
                    "Record size limit applied consistently to created topics, producers and consumers. "
                            + "frames.rejected gets 1 MiB more, so a rejected frame always fits with its original bytes.")
            .define(OUTPUT_ENCODING, Type.STRING, "PNG", CaseInsensitiveValidString.in("PNG", "JPEG"), Importance.MEDIUM,
                    "Encoding of enhanced frames.")
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
                    "TensorFlow inter-op threads (0: TensorFlow's default).");

    /**
     * @throws ConfigException naming the key, for a value out of its bounds or inconsistent with another key
     */
    public EnhancerConfig(Map<?, ?> originals) {
        super(DEFINITION, originals, false);
        // only when set: the default frame limit above a lowered record limit is harmless (no such record arrives)
        if (originals().containsKey(FRAME_MAX_BYTES) && getInt(FRAME_MAX_BYTES) >= getInt(MESSAGE_MAX_BYTES)) {
            throw new ConfigException(FRAME_MAX_BYTES, getInt(FRAME_MAX_BYTES), "must be smaller than "
                    + MESSAGE_MAX_BYTES + " (" + getInt(MESSAGE_MAX_BYTES) + "), which also holds the record around the image");
        }
    }

    public String bootstrapServers() {
        return getString(BOOTSTRAP_SERVERS);
    }

    /** The {@link #KAFKA_PREFIX} settings, prefix removed. */
    public Map<String, Object> kafkaOverrides() {
        return originalsWithPrefix(KAFKA_PREFIX, true);
    }

    public ImageLimits imageLimits() {
        return new ImageLimits(getInt(FRAME_MAX_BYTES), getInt(IMAGE_MAX_SIDE), getLong(IMAGE_MAX_PIXELS));
    }

    public BatchingConfig batching() {
        return new BatchingConfig(getInt(BATCH_MAX_SIZE), Duration.ofMillis(getLong(BATCH_MAX_WAIT_MS)),
                getInt(BATCH_QUEUE_CAPACITY));
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

    /** The configuration table of the README, in Markdown. */
    public static String markdownTable() {
        StringBuilder table = new StringBuilder("| key | default | description |\n|---|---|---|\n");
        for (ConfigDef.ConfigKey key : DEFINITION.configKeys().values()) {
            Object value = key.defaultValue;
            String shown = key.name.equals(STATE_DIR) ? "$TMPDIR/framelift-streams" : String.valueOf(value);
            table.append("| `").append(key.name).append("` | `").append(shown).append("` | ")
                    .append(key.documentation).append(" |\n");
        }
        return table.toString();
    }
}
