package dev.framelift.trainer.data;

import java.util.SplittableRandom;

/**
 * Turns a ground-truth region into a (model input, target) pair. Implementations are
 * stateless and thread-safe; all randomness comes from the caller's generator so that a batch
 * is a pure function of (seed, step). A task's degradation comes from
 * {@code TrainingTask.degradation}.
 */
public interface Degradation {
    /** The pair made from one region. */
    record Pair(byte[] input, byte[] target) {
    }

    int scale();

    int inputChannels();

    /** Side of the region to crop for a target patch of side {@code patch} (adds context margins). */
    int regionSide(int patch);

    /** Makes the pair; {@code region} is {@link #regionSide} square; the target is {@code patch} square. */
    Pair make(RgbImage region, int patch, SplittableRandom rnd);
}
