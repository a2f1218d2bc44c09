package dev.framelift.enhancer.inference;

import dev.framelift.enhancer.image.Image;

/**
 * One enhanced frame and how it was made.
 *
 * @param output the generator's output, {@code (w*scale) x (h*scale) x 3}
 * @param modelVersion version of the generator that ran (from its card)
 * @param queuedMs milliseconds from {@link MicroBatcher#submit} to the start of its batch
 * @param inferenceMs milliseconds the batch's session run took (shared by every frame in it)
 * @param batchSize number of frames in the batch this frame ran in
 */
public record Enhancement(Image output, String modelVersion, double queuedMs, double inferenceMs, int batchSize) {
}
