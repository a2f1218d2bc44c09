package dev.framelift.trainer.cli;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import picocli.CommandLine.Option;

/** {@code train}'s options for fine-tuning on a camera's own frames and publishing the result. */
final class StreamOptions {
    @Option(names = "--init", paramLabel = "MODEL_DIR", description = "Fine-tune this exported model (e.g. models/colorize)"
            + " instead of starting from random weights; its architecture is used unless --arch names one that grows"
            + " from it (bins-deep from bins: the added layers start fresh; for super-resolution it may be"
            + " another scale's: the layers shaped by the scale start fresh). Defaults change to a fine-tune: "
            + StreamDefaults.FINE_TUNE + ".")
    Path init;

    @Option(names = "--blend", paramLabel = "MODEL_DIR", description = "With --init: start from a weighted average of the"
            + " --init model's weights and this model's (the same architecture, e.g. a longer fine-tune of the --init"
            + " model), each weight (1 - W) * init + W * blend.")
    Path blend;

    @Option(names = "--blend-weight", paramLabel = "W", defaultValue = "0.5", description = "With --blend: the blend"
            + " model's share W, between 0 and 1 (default: ${DEFAULT-VALUE}).")
    float blendWeight;

    @Option(names = "--minutes", paramLabel = "M", description = "Train for M minutes instead of a number of steps: the steps"
            + " of both phases are set from the speed measured over the first steps (keeping the --steps : --gan-steps"
            + " proportion), and training stops when the time is spent.")
    Double minutes;

    @Option(names = "--from-topic", paramLabel = "TOPIC", description = "Train on the frames of one stream (--stream)"
            + " read from this Kafka topic of Frame records (e.g. frames.raw) instead of --data. They are written to"
            + " OUT/frames/ in playback order and the newest are held out for validation (--split newest).")
    String fromTopic;

    @Option(names = "--stream", paramLabel = "ID", description = "The stream (camera) id: the record key on --from-topic,"
            + " and with --publish the scope TASK@ID.")
    String stream;

    @Option(names = "--max-frames", defaultValue = "300", paramLabel = "N", description = "With --from-topic: keep at most N"
            + " frames, evenly over the stream (default: ${DEFAULT-VALUE}).")
    int maxFrames;

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT", description = "Kafka, for --from-topic and --publish.")
    String bootstrapServers;

    @Option(names = "--set", paramLabel = "kafka.KEY=VALUE", description = "A Kafka client setting, e.g."
            + " --set kafka.security.protocol=SASL_SSL.")
    Map<String, String> kafka = new LinkedHashMap<>();

    @Option(names = "--publish", description = "After training, publish the model to the models topic, but only if it beats"
            + " the model serving its scope on the held-out images (the topic's active model for TASK@STREAM or TASK,"
            + " else the --init model); exit 3 if it does not.")
    boolean publish;

    @Option(names = "--scope", paramLabel = "SCOPE", description = "With --publish: the scope, TASK or TASK@STREAM"
            + " (default: TASK@STREAM with --stream, else TASK).")
    String scope;

    @Option(names = "--sign-key", paramLabel = "FILE", description = "With --publish: the Ed25519 private key (PEM) to sign"
            + " with (framelift models keygen makes one).")
    Path signKey;

    @Option(names = "--unsigned", description = "With --publish: publish without a signature (only enhancers with"
            + " models.allow.unsigned=true accept it).")
    boolean unsigned;

    @Option(names = "--force", description = "With --publish: publish even if it does not beat the serving model.")
    boolean force;

    @Option(names = "--artifact-store", paramLabel = "DIR", description = "With --publish: a folder every enhancer can read"
            + " (shared storage), for models too large to travel inside the record.")
    Path artifactStore;

    /** The Kafka client settings: bootstrap servers and the kafka.* settings without their prefix. */
    Map<String, Object> clientSettings() {
        final Map<String, Object> settings = new HashMap<>();
        kafka.forEach((key, value) -> {
            if (!key.startsWith("kafka.")) {
                throw new IllegalArgumentException("--set takes Kafka client settings as kafka.KEY=VALUE, got " + key);
            }
            settings.put(key.substring("kafka.".length()), value);
        });
        settings.put("bootstrap.servers", bootstrapServers);
        return settings;
    }

    /** The defaults of a fine-tune (with --init), where the options are not given. */
    static final class StreamDefaults {
        static final String FINE_TUNE = "--steps 1000 --gan-steps 0 --lr 3e-4 --patch 64 --warmup 50 --validate-every 100";

        private StreamDefaults() {
        }
    }
}
