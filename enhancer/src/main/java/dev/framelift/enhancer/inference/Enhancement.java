package dev.framelift.enhancer.inference;

import dev.framelift.model.Image;

/**
 * One enhanced frame and how it was made.
 *
 * @param output the generator's output, {@code (w*scale) x (h*scale) x 3}
 * @param model which model ran (the one leased for the frame's batch)
 * @param queuedMs milliseconds from {@link MicroBatcher#submit} to the start of its batch
 * @param inferenceMs milliseconds the batch's session run took (shared by every frame in it)
 * @param batchSize number of frames in the batch this frame ran in
 */
public record Enhancement(Image output, ModelStamp model, double queuedMs, double inferenceMs, int batchSize) {
    /** The version of the model that ran. */
    public String modelVersion() {
        return model.version();
    }
}
