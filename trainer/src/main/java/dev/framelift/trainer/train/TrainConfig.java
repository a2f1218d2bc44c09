package dev.framelift.trainer.train;

import java.nio.file.Path;

/**
 * Everything a training run is parametrised by. {@code steps} is the number of L1 steps,
 * {@code ganSteps} the adversarial steps that follow (0 to skip the GAN phase).
 */
public record TrainConfig(
        String task,
        Path data,
        Path out,
        int steps,
        int ganSteps,
        int batch,
        int patch,
        long seed,
        boolean resume,
        String arch,
        boolean realistic,
        int threads,
        float learningRate,
        float ganLearningRate,
        float advWeight,
        int checkpointEvery,
        int validateEvery,
        int maxSide,
        String command) {

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
