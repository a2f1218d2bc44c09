package dev.framelift.trainer.train;

import java.nio.file.Path;

import dev.framelift.trainer.data.ValidationSplit;
import dev.framelift.trainer.model.TrainingTask;

/**
 * Everything a training run is parametrised by. {@code steps} is the number of L1 steps,
 * {@code ganSteps} the adversarial steps that follow (0 to skip the GAN phase);
 * {@code warmupSteps} the linear learning-rate warm-up at its start (0: the default, see
 * {@link #warmup()}); {@code split} how the validation photos are chosen, unless a
 * {@code holdout} file (nullable) names whole sources to validate on and to leave out;
 * {@code zoomOut} (at least 1) how much larger a region a training crop may be cut from before
 * it is downscaled to size; {@code flavour} is {@code faithful} or {@code perceptual}
 * ({@link #perceptual()}).
 */
public record TrainConfig(
        TrainingTask task,
        Path data,
        Path out,
        int steps,
        int ganSteps,
        int batch,
        int patch,
        long seed,
        ValidationSplit split,
        Path holdout,
        boolean resume,
        String arch,
        boolean realistic,
        int threads,
        float learningRate,
        int warmupSteps,
        float ganLearningRate,
        float advWeight,
        int checkpointEvery,
        int validateEvery,
        int maxSide,
        double zoomOut,
        String flavour,
        String command) {

    /** Steps of linear warm-up: {@code warmupSteps}, or by default 100 (a tenth of short runs). */
    public int warmup() {
        if (warmupSteps > 0) {
            return Math.min(warmupSteps, Math.max(1, steps));
        }
        return Math.min(100, Math.max(1, steps / 10));
    }

    /**
     * The learning rate of {@code step}: a linear warm-up over {@link #warmup()} steps, then
     * cosine decay to 2% over the L1 phase; {@code ganLearningRate}, constant, for both networks
     * in the GAN phase.
     */
    public float learningRateAt(long step) {
        if (step >= steps) {
            return ganLearningRate;
        }
        final int warm = warmup();
        if (step < warm) {
            return learningRate * (step + 1) / warm;
        }
        final double t = (double) (step - warm) / Math.max(1, steps - warm);
        final double min = 0.02;
        return (float) (learningRate * (min + (1 - min) * 0.5 * (1 + Math.cos(Math.PI * t))));
    }

    /**
     * The weight average's decay at {@code step}: 0.999 in the L1 phase, with the usual
     * (1+t)/(10+t) warm-up so the first steps are not averaged with the initial weights for
     * long; 0.995 in the shorter GAN phase.
     */
    public float averageDecayAt(long step) {
        return step >= steps ? 0.995f : Math.min(0.999f, (1f + step) / (10f + step));
    }

    /**
     * A perceptual model is the adversarially fine-tuned generator as it stands after the last
     * GAN step, not the GAN checkpoint that scores best on PSNR (that would be the one that drew
     * least), and its card says {@code perceptual}.
     */
    public boolean perceptual() {
        return "perceptual".equals(flavour);
    }

    /** The same run with other step counts (a time budget turned into steps). */
    public TrainConfig withSteps(int l1Steps, int adversarialSteps) {
        return new TrainConfig(task, data, out, l1Steps, adversarialSteps, batch, patch, seed, split, holdout, resume, arch,
                realistic, threads, learningRate, warmupSteps, ganLearningRate, advWeight, checkpointEvery, validateEvery,
                maxSide, zoomOut, flavour, command);
    }

    /** Total steps over both phases. */
    public int totalSteps() {
        return steps + ganSteps;
    }

    public Path checkpoints() {
        return out.resolve("checkpoints");
    }

    public Path report() {
        return out.resolve("report");
    }

    public Path model() {
        return out.resolve("model");
    }
}
