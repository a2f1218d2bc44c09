package dev.framelift.trainer.cli;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import dev.framelift.model.Scope;
import dev.framelift.model.signing.SigningKeys;
import dev.framelift.model.topic.ModelPublisher;
import dev.framelift.model.topic.PublishRefused;
import dev.framelift.model.topic.SignaturePolicy;
import dev.framelift.schema.Tasks;
import dev.framelift.trainer.data.PhotoCache;
import dev.framelift.trainer.data.PhotoSet;
import dev.framelift.trainer.data.SourceHoldout;
import dev.framelift.trainer.data.ValidationSplit;
import dev.framelift.trainer.kafka.ModelRelease;
import dev.framelift.trainer.kafka.StreamFrames;
import dev.framelift.trainer.model.ChromaBinsGenerator;
import dev.framelift.trainer.model.TrainingTask;
import dev.framelift.trainer.train.ProgressBar;
import dev.framelift.trainer.train.TrainConfig;
import dev.framelift.trainer.train.Trainer;
import dev.framelift.trainer.train.WeightBlend;

/** {@code train}: trains one generator and exports it to {@code OUT/model}. */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Trains a generator on a folder of photos: L1 pre-training, then adversarial fine-tuning,",
            "and exports the best weight-averaged generator as a SavedModel plus card.json.",
            "Layout: OUT/model (export), OUT/checkpoints (resumable state), OUT/report (losses.csv,",
            "loss-curve.png, val.txt, and the export evaluated on the validation photos: evaluate.txt,",
            "metrics.json, contact-sheet.png).",
            "Ctrl-C checkpoints and stops; run the same command with --resume to continue.",
            "Per camera: --init MODEL_DIR --from-topic frames.raw --stream cam-7 --bootstrap-servers HOST:PORT",
            "fine-tunes on that stream's frames and, with --publish, publishes the result for colorize@cam-7 if it beats",
            "the model serving the stream on the newest frames, held out. Exit codes: 0 done, 1 failed, 2 bad arguments,",
            "3 trained but not published (not better), 130 stopped (resumable)."})
public final class TrainCommand implements Callable<Integer> {
    /** Exit code of a run whose model trained but did not pass the publish gate. */
    static final int NOT_PUBLISHED = 3;
    /** Fine-tuning ({@code --init}) on one camera's frames: smaller crops and a gentler rate than training from scratch. */
    private static final int FINE_TUNE_PATCH = 64;
    private static final float FINE_TUNE_LR = 3e-4f;
    /** A perceptual model's adversarial weight, whatever the task: enough for the critic to make it draw texture. */
    private static final float PERCEPTUAL_ADV_WEIGHT = 3e-2f;

    @Spec
    CommandSpec spec;

    @Mixin
    StreamOptions stream;

    @Option(names = "--task", required = true, converter = TaskConverter.class,
            description = "sr-x2, sr-x4 or colorize.")
    TrainingTask task;

    @Option(names = "--data", description = "Folder of PNG/JPEG photos, searched recursively (or --from-topic).")
    Path data;

    @Option(names = "--out", required = true, description = "Output folder of the run.")
    Path out;

    @Option(names = "--steps", description = "L1 pre-training steps (default: 3000; 1000 with --init).")
    Integer steps;

    @Option(names = "--gan-steps",
            description = "Adversarial fine-tuning steps after the L1 steps; 0 skips the GAN phase (default: 500; 0 with --init).")
    Integer ganSteps;

    @Option(names = "--batch", defaultValue = "16", description = "Batch size (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--patch", description = "Side of the target (HR) crops in px, a multiple of the scale"
            + " (default: 96 for sr-x2, 128 for sr-x4 and colorize; 64 with --init); at most "
            + ChromaBinsGenerator.WORK_SIDE + " for --arch bins, the side it colours at.")
    Integer patch;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the split, initial weights and batches (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--resume", description = "Continue the run in --out from its last checkpoint.")
    boolean resume;

    @Option(names = "--arch", description = "fast or quality; for SR also realtime (a quarter of fast's FLOPs, with"
            + " --flavour realtime); for colorize also bins, the colorizer that predicts a distribution over chroma bins,"
            + " bins-deep, bins with residual blocks at its low resolutions, and bins-semantic, bins reading a pretrained"
            + " object detector's features (fetched by trainer/scripts/fetch-encoder.sh), both of which can start from a"
            + " bins model, and bins-semantic-fine, bins-semantic whose decoder reads them too, which can start from a"
            + " bins-semantic model (default: fast, realtime with --flavour realtime; with --init, the init model's).")
    String arch;

    @Option(names = "--degrade", defaultValue = "bicubic",
            description = "Input degradation: bicubic (SR: antialiased bicubic; colorize: the clean luma), or realistic "
                    + "(adds blur, noise and JPEG to the input of either) (default: ${DEFAULT-VALUE}).")
    String degrade;

    @Option(names = "--threads", defaultValue = "2", description = "TensorFlow intra-op threads (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--lr", description = "Peak learning rate of the L1 phase, cosine-decayed"
            + " (default: 1e-3 for SR, 3e-4 for colorize and with --init).")
    Float lr;

    @Option(names = "--split", description = "How the validation photos (10%%, never trained on)"
            + " are chosen: spread (evenly over the sorted paths, so every source is represented), random (a seeded"
            + " shuffle, the rule before --split existed) or newest (the last in path order: for frames named in playback"
            + " order, the newest) (default: spread; newest with --from-topic).")
    String split;

    @Option(names = "--holdout", description = "A holdout file (lines 'source role'; role test or calibration;"
            + " the source of a photo is its file-name prefix before '--'): photos of calibration sources are the"
            + " validation photos, photos of test sources are never loaded; replaces --split.")
    Path holdout;

    @Option(names = "--warmup", description = "Steps of linear learning-rate warm-up"
            + " (default: 100, or a tenth of runs under 1000 steps; 50 with --init). Deep networks at a high --lr may need 1000.")
    Integer warmup;

    @Option(names = "--gan-lr", defaultValue = "5e-5", description = "Learning rate of both networks in the GAN phase (default: ${DEFAULT-VALUE}).")
    float ganLr;

    @Option(names = "--adv-weight", description = "Weight of the adversarial loss next to L1 (default: 1e-3 for SR, 5e-3 for"
            + " colorize, 3e-2 for a perceptual model).")
    Float advWeight;

    @Option(names = "--flavour", defaultValue = "faithful", description = "faithful; perceptual: the generator after the last"
            + " adversarial step (needs --gan-steps), with a card that says so; or realtime: the SR network of --arch realtime,"
            + " trained for fidelity. A flavour other than faithful serves the task <task>-<flavour> (default: ${DEFAULT-VALUE}).")
    String flavour;

    @Option(names = "--checkpoint-every", defaultValue = "250", description = "Steps between checkpoints (default: ${DEFAULT-VALUE}).")
    int checkpointEvery;

    @Option(names = "--validate-every",
            description = "Steps between validations that pick the best checkpoint (default: 250; 100 with --init).")
    Integer validateEvery;

    @Option(names = "--max-side", defaultValue = "" + PhotoCache.DEFAULT_MAX_SIDE,
            description = "Photos are cached downscaled to this long side (default: ${DEFAULT-VALUE}).")
    int maxSide;

    @Option(names = "--zoom-out", defaultValue = "1", paramLabel = "F",
            description = "Cut each training crop from a region up to F times larger and downscale it to size (antialiased,"
                    + " a factor drawn log-uniformly per crop): crisper SR targets from soft or compressed photos, and more"
                    + " scales; 1 turns it off (default: ${DEFAULT-VALUE}).")
    double zoomOut;

    @Option(names = "--balance-sources", description = "Draw training photos weighted by 1/sqrt(photos of their source)"
            + " instead of uniformly, so that a source of n photos gets sqrt(n) shares of the crops, not n: the two largest"
            + " sources of the shipped collection fall from half the crops to a seventh.")
    boolean balanceSources;

    @Option(names = "--chroma-gain", description = "Colorize: use this chroma gain instead of calibrating it"
            + " on the validation crops (e.g. with --resume on a finished run to re-export).")
    Float chromaGain;

    @Override
    public Integer call() throws Exception {
        if (!degrade.equals("bicubic") && !degrade.equals("realistic")) {
            throw bad("--degrade must be bicubic or realistic");
        }
        final boolean fineTune = stream.init != null;
        WeightBlend blend = null;
        if (stream.blend != null) {
            if (!fineTune) {
                throw bad("--blend needs --init");
            }
            try {
                blend = new WeightBlend(stream.blend, stream.blendWeight);
            } catch (IllegalArgumentException e) {
                throw bad(e.getMessage());
            }
        }
        final boolean fromTopic = stream.fromTopic != null;
        checkSources(fromTopic);
        final ValidationSplit validationSplit;
        try {
            validationSplit = ValidationSplit.parse(split != null ? split : fromTopic ? "newest" : "spread");
        } catch (IllegalArgumentException e) {
            throw bad("--split must be spread, random or newest");
        }
        if (zoomOut < 1) {
            throw bad("--zoom-out must be 1 or more");
        }
        if (warmup != null && warmup < 0) {
            throw bad("--warmup must be 0 or more");
        }
        if (!Tasks.FLAVOURS.contains(flavour)) {
            throw bad("--flavour must be one of " + String.join(", ", Tasks.FLAVOURS));
        }
        final boolean realtimeFlavour = flavour.equals(Tasks.REALTIME);
        if (realtimeFlavour && !task.architectures().contains(Tasks.REALTIME)) {
            throw bad("--flavour realtime is for " + realtimeTasks());
        }
        final boolean perceptual = flavour.equals("perceptual");
        final int adversarialSteps = or(ganSteps, fineTune ? 0 : 500);
        if (perceptual && adversarialSteps <= 0) {
            throw bad("--flavour perceptual needs --gan-steps");
        }
        final String architecture = architecture();
        if (realtimeFlavour != architecture.equals("realtime")) {
            throw bad("--arch realtime and --flavour realtime go together (the card must say which network serves)");
        }
        final int p = patch != null ? patch : fineTune ? FINE_TUNE_PATCH : task.defaultPatch();
        if (task.generator(architecture) instanceof ChromaBinsGenerator && p > ChromaBinsGenerator.WORK_SIDE) {
            throw bad("--patch " + p + ": the bins colorizer colours frames at a long side of at most "
                    + ChromaBinsGenerator.WORK_SIDE + " px, so it trains on crops no larger");
        }
        final float adv = advWeight != null ? advWeight : perceptual ? PERCEPTUAL_ADV_WEIGHT : task.defaultAdvWeight();
        final float rate = lr != null ? lr : fineTune ? FINE_TUNE_LR : task.defaultLearningRate();
        final java.util.List<String> args = new java.util.ArrayList<>(spec.commandLine().getParseResult().originalArgs());
        if (!args.isEmpty() && args.get(0).equals("train")) {
            args.remove(0); // the parse result of a subcommand starts with its own name
        }
        final String command = "framelift train " + String.join(" ", args);
        String description = null;
        Path dataDir = data;
        if (fromTopic) {
            dataDir = out.resolve("frames");
            if (!resume) {
                description = StreamFrames.export(stream.clientSettings(), stream.fromTopic, stream.stream, stream.maxFrames,
                        task.colorize(), dataDir).description();
            }
        }
        final TrainConfig config = new TrainConfig(task, dataDir, out, or(steps, fineTune ? 1000 : 3000), adversarialSteps,
                batch, p, seed, validationSplit, holdout, resume, architecture, degrade.equals("realistic"), threads, rate,
                or(warmup, fineTune ? 50 : 0), ganLr, adv, checkpointEvery, or(validateEvery, fineTune ? 100 : 250), maxSide,
                zoomOut, flavour, command.replace(" --resume", ""));
        final Trainer trainer = new Trainer(config, ProgressBar.forStderr());
        trainer.balanceSources(balanceSources);
        if (chromaGain != null) {
            trainer.fixCalibration("chroma/gain", chromaGain);
        }
        if (fineTune) {
            trainer.initFrom(stream.init);
        }
        if (blend != null) {
            trainer.blendWith(blend);
        }
        if (stream.minutes != null) {
            trainer.timeBudget(java.time.Duration.ofMillis((long) (stream.minutes * 60_000)));
        }
        final Trainer.Outcome outcome = trainer.run();
        if (!outcome.completed()) {
            return 130;
        }
        System.out.println(outcome.model());
        return stream.publish ? publish(outcome, config, description != null ? description : "validation photos of "
                + dataDir.getFileName()) : 0;
    }

    private void checkSources(boolean fromTopic) {
        if (fromTopic == (data != null)) {
            throw bad("give either --data DIR or --from-topic TOPIC (with --stream and --bootstrap-servers)");
        }
        if (fromTopic && (stream.stream == null || stream.bootstrapServers == null)) {
            throw bad("--from-topic needs --stream ID and --bootstrap-servers HOST:PORT");
        }
        if (stream.publish && stream.bootstrapServers == null) {
            throw bad("--publish needs --bootstrap-servers HOST:PORT");
        }
        if (stream.publish && stream.signKey == null && !stream.unsigned) {
            throw bad("--publish needs --sign-key FILE (enhancers accept only signed models), or --unsigned for a"
                    + " development cluster that allows unsigned models");
        }
        if (stream.minutes != null && (stream.minutes <= 0 || resume)) {
            throw bad("--minutes must be positive, and a run with --minutes cannot be resumed (resume with --steps)");
        }
        if (stream.maxFrames < 2) {
            throw bad("--max-frames must be at least 2");
        }
    }

    private String architecture() throws java.io.IOException {
        if (stream.init == null) {
            return arch != null ? arch : flavour.equals(Tasks.REALTIME) ? Tasks.REALTIME : TrainingTask.DEFAULT_ARCHITECTURE;
        }
        final String initArch = Trainer.architectureOf(stream.init, task);
        if (arch != null && !arch.equals(initArch) && !grows(arch, initArch)) {
            throw bad("--arch " + arch + " but the --init model is " + initArch);
        }
        return arch != null ? arch : initArch;
    }

    /** Whether the generator of {@code arch} grows from models of {@code initArch} (both --arch names). */
    private boolean grows(String arch, String initArch) {
        if (!task.architectures().contains(arch)) {
            return false;
        }
        return task.generator(arch).grownFrom().equals(Optional.of(task.generator(initArch).architecture()));
    }

    private int publish(Trainer.Outcome outcome, TrainConfig config, String description) throws java.io.IOException {
        // the photos the run validated on: the gate compares the old and new model on them
        final PhotoSet set = config.holdout() != null ? PhotoSet.scan(config.data(), SourceHoldout.read(config.holdout()))
                : PhotoSet.scan(config.data(), config.seed(), config.split());
        final Scope target;
        try {
            target = stream.scope != null ? Scope.parse(stream.scope)
                    : stream.stream != null ? Scope.of(task.id(), stream.stream) : Scope.of(task.id());
        } catch (IllegalArgumentException e) {
            throw bad("--scope: " + e.getMessage());
        }
        if (!target.task().equals(task.id())) {
            throw bad("--scope " + target + " is not a " + task + " scope");
        }
        final java.security.PrivateKey key = stream.signKey == null ? null : SigningKeys.readPrivate(stream.signKey);
        final ModelRelease.Settings settings = new ModelRelease.Settings(stream.clientSettings(), target, key, stream.force,
                stream.artifactStore, SignaturePolicy.unchecked(), stream.init, maxSide, publisher(),
                out.resolve("publish-check"));
        try {
            final ModelPublisher.Published published = ModelRelease.publish(outcome.model(), set.validation(), set.root(),
                    description, settings);
            System.out.println("published " + published.update().getCard().getVersion() + " for " + target + " (offset "
                    + published.offset() + "): " + published.update().getNote());
            return 0;
        } catch (PublishRefused e) {
            System.err.println("train: " + e.getMessage());
            return NOT_PUBLISHED;
        }
    }

    private static String publisher() {
        String host;
        try {
            host = java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            host = "unknown-host";
        }
        return System.getProperty("user.name") + "@" + host + " (framelift train)";
    }

    /** The tasks that offer the realtime network, for a message: {@code sr-x2 and sr-x4}. */
    private static String realtimeTasks() {
        return String.join(" and ", java.util.Arrays.stream(TrainingTask.values())
                .filter(t -> t.architectures().contains(Tasks.REALTIME)).map(TrainingTask::id).toList());
    }

    private static int or(Integer value, int otherwise) {
        return value != null ? value : otherwise;
    }

    private ParameterException bad(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
