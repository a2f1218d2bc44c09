package dev.framelift.trainer.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import dev.framelift.trainer.data.PhotoCache;
import dev.framelift.trainer.data.ValidationSplit;
import dev.framelift.trainer.train.ProgressBar;
import dev.framelift.trainer.train.TrainConfig;
import dev.framelift.trainer.train.Trainer;

/** {@code train}: trains one generator and exports it to {@code OUT/model}. */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Trains a generator on a folder of photos: L1 pre-training, then adversarial fine-tuning,",
            "and exports the best weight-averaged generator as a SavedModel plus card.json.",
            "Layout: OUT/model (export), OUT/checkpoints (resumable state), OUT/report (losses.csv,",
            "loss-curve.png, val.txt, and the export evaluated on the validation photos: evaluate.txt,",
            "metrics.json, contact-sheet.png).",
            "Ctrl-C checkpoints and stops; run the same command with --resume to continue."})
public final class TrainCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--task", required = true, description = "sr-x2, sr-x4 or colorize.")
    String task;

    @Option(names = "--data", required = true, description = "Folder of PNG/JPEG photos, searched recursively.")
    Path data;

    @Option(names = "--out", required = true, description = "Output folder of the run.")
    Path out;

    @Option(names = "--steps", defaultValue = "3000", description = "L1 pre-training steps (default: ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--gan-steps", defaultValue = "500",
            description = "Adversarial fine-tuning steps after the L1 steps; 0 skips the GAN phase (default: ${DEFAULT-VALUE}).")
    int ganSteps;

    @Option(names = "--batch", defaultValue = "16", description = "Batch size (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--patch", description = "Side of the target (HR) crops in px, a multiple of the scale"
            + " (default: 96 for sr-x2, 128 for sr-x4 and colorize).")
    Integer patch;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the split, initial weights and batches (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--resume", description = "Continue the run in --out from its last checkpoint.")
    boolean resume;

    @Option(names = "--arch", defaultValue = "fast", description = "fast or quality; for colorize also bins, the colorizer that"
            + " predicts a distribution over chroma bins (default: ${DEFAULT-VALUE}).")
    String arch;

    @Option(names = "--degrade", defaultValue = "bicubic",
            description = "SR degradation: bicubic, or realistic (adds blur, noise, JPEG) (default: ${DEFAULT-VALUE}).")
    String degrade;

    @Option(names = "--threads", defaultValue = "2", description = "TensorFlow intra-op threads (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--lr", description = "Peak learning rate of the L1 phase, cosine-decayed"
            + " (default: 1e-3 for SR, 3e-4 for colorize).")
    Float lr;

    @Option(names = "--split", defaultValue = "spread", description = "How the validation photos (10%%, never trained on)"
            + " are chosen: spread (evenly over the sorted paths, so every source is represented) or random (a seeded"
            + " shuffle, the rule before --split existed) (default: ${DEFAULT-VALUE}).")
    String split;

    @Option(names = "--holdout", description = "A holdout file (lines 'source role'; role test or calibration;"
            + " the source of a photo is its file-name prefix before '--'): photos of calibration sources are the"
            + " validation photos, photos of test sources are never loaded; replaces --split.")
    Path holdout;

    @Option(names = "--warmup", defaultValue = "0", description = "Steps of linear learning-rate warm-up"
            + " (default: 100, or a tenth of runs under 1000 steps). Deep networks at a high --lr may need 1000.")
    int warmup;

    @Option(names = "--gan-lr", defaultValue = "5e-5", description = "Learning rate of both networks in the GAN phase (default: ${DEFAULT-VALUE}).")
    float ganLr;

    @Option(names = "--adv-weight", description = "Weight of the adversarial loss next to L1 (default: 1e-3 for SR, 5e-3 for"
            + " colorize, 3e-2 for a perceptual model).")
    Float advWeight;

    @Option(names = "--flavour", defaultValue = "faithful", description = "faithful, or perceptual: the generator after the last"
            + " adversarial step (needs --gan-steps), with a card that says so; it serves the task <task>-perceptual"
            + " (default: ${DEFAULT-VALUE}).")
    String flavour;

    @Option(names = "--checkpoint-every", defaultValue = "250", description = "Steps between checkpoints (default: ${DEFAULT-VALUE}).")
    int checkpointEvery;

    @Option(names = "--validate-every", defaultValue = "250",
            description = "Steps between validations that pick the best checkpoint (default: ${DEFAULT-VALUE}).")
    int validateEvery;

    @Option(names = "--max-side", defaultValue = "" + PhotoCache.DEFAULT_MAX_SIDE,
            description = "Photos are cached downscaled to this long side (default: ${DEFAULT-VALUE}).")
    int maxSide;

    @Option(names = "--zoom-out", defaultValue = "1", paramLabel = "F",
            description = "Cut each training crop from a region up to F times larger and downscale it to size (antialiased,"
                    + " a factor drawn log-uniformly per crop): crisper SR targets from soft or compressed photos, and more"
                    + " scales; 1 turns it off (default: ${DEFAULT-VALUE}).")
    double zoomOut;

    @Option(names = "--chroma-gain", description = "Colorize: use this chroma gain instead of calibrating it"
            + " on the validation crops (e.g. with --resume on a finished run to re-export).")
    Float chromaGain;

    @Override
    public Integer call() throws Exception {
        if (!task.equals("sr-x2") && !task.equals("sr-x4") && !task.equals("colorize")) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--task must be sr-x2, sr-x4 or colorize");
        }
        if (!degrade.equals("bicubic") && !degrade.equals("realistic")) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--degrade must be bicubic or realistic");
        }
        ValidationSplit validationSplit;
        try {
            validationSplit = ValidationSplit.parse(split);
        } catch (IllegalArgumentException e) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--split must be spread or random");
        }
        if (zoomOut < 1) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--zoom-out must be 1 or more");
        }
        if (warmup < 0) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--warmup must be 0 or more");
        }
        if (!flavour.equals("faithful") && !flavour.equals("perceptual")) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--flavour must be faithful or perceptual");
        }
        boolean perceptual = flavour.equals("perceptual");
        if (perceptual && ganSteps <= 0) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--flavour perceptual needs --gan-steps");
        }
        boolean colorize = task.equals("colorize");
        int p = patch != null ? patch : task.equals("sr-x2") ? 96 : 128;
        float adv = advWeight != null ? advWeight : perceptual ? 3e-2f : colorize ? 5e-3f : 1e-3f;
        java.util.List<String> args = new java.util.ArrayList<>(spec.commandLine().getParseResult().originalArgs());
        if (!args.isEmpty() && args.get(0).equals("train")) {
            args.remove(0); // the parse result of a subcommand starts with its own name
        }
        String command = "framelift train " + String.join(" ", args);
        TrainConfig config = new TrainConfig(task, data, out, steps, ganSteps, batch, p, seed, validationSplit, holdout, resume, arch,
                degrade.equals("realistic"), threads, lr != null ? lr : colorize ? 3e-4f : 1e-3f, warmup, ganLr, adv, checkpointEvery, validateEvery, maxSide, zoomOut,
                flavour,
                command.replace(" --resume", ""));
        Trainer trainer = new Trainer(config, ProgressBar.forStderr());
        if (chromaGain != null) {
            trainer.fixCalibration("chroma/gain", chromaGain);
        }
        Trainer.Outcome outcome = trainer.run();
        if (!outcome.completed()) {
            return 130;
        }
        System.out.println(outcome.model());
        return 0;
    }
}
