package dev.framelift.trainer.model;

import java.util.Map;
import java.util.Optional;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TUint8;

/**
 * A generator family. {@link #build} wires the whole inference path, uint8 in to uint8 out,
 * on a given input op; training adds losses on {@link Built#prediction()}, which lives in the
 * network's working space (e.g. HR luma for SR, centred chroma for colorization). A task's
 * generators come from {@link TrainingTask#generator}.
 */
public interface Generator {
    /**
     * What one build produced. {@code condition} is what the discriminator is conditioned on, or
     * null; {@code distribution} is what a generator's own {@link #trainingLoss} needs besides the
     * prediction (e.g. bin logits), or null.
     */
    record Built(Operand<TUint8> enhanced, Operand<TFloat32> prediction, Operand<TFloat32> condition,
            Operand<TFloat32> distribution) {
    }

    TrainingTask task();

    /**
     * The architecture whose every layer this one has, with the same shapes, if any: a model of
     * it can start this generator ({@code train --init}), the layers this one adds starting as
     * they would from scratch. Only a generator whose added layers start as the identity (e.g. a
     * residual branch ending in zeros) should name one, so the start computes what that model does.
     */
    default Optional<String> grownFrom() {
        return Optional.empty();
    }

    /** The task's scale. */
    default int scale() {
        return task().scale();
    }

    /** The task's input channels. */
    default int inputChannels() {
        return task().inputChannels();
    }

    /** e.g. {@code espcn-residual-fast}. */
    String architecture();

    /** Builds the network on {@code images} (uint8 NHWC, C = {@link #inputChannels()}), as training runs it. */
    Built build(Operand<TUint8> images, Weights weights);

    /**
     * Builds the graph that ships: the one exported, and the one validation and calibration
     * measure, so the calibrated constants fit what runs in the enhancer. By default the
     * {@link #build} graph's output; a generator may average several views of the input here
     * that training need not pay for.
     */
    default Operand<TUint8> inference(Operand<TUint8> images, Weights weights) {
        return build(images, weights).enhanced();
    }

    /** The ground truth (uint8 RGB at output size) mapped into the prediction's space. */
    Operand<TFloat32> targetSpace(Ops tf, Operand<TUint8> truth);

    /** The loss of the pre-training phase: by default the mean absolute error in working space. */
    default Operand<TFloat32> trainingLoss(Ops tf, Built built, Operand<TFloat32> target) {
        return tf.math.mean(tf.math.abs(tf.math.sub(built.prediction(), target)), tf.constant(new int[] {0, 1, 2, 3}));
    }

    /** Channels of what the discriminator sees. */
    int criticChannels();

    /**
     * What the discriminator sees for a prediction or a target in working space, roughly in
     * [-1, 1], with the condition (if any) concatenated.
     */
    Operand<TFloat32> criticView(Ops tf, Built built, Operand<TFloat32> workingSpace);

    /**
     * Calibration constants of this generator: graph variables that training does not change,
     * set after training on held-out photos, by name (layer/name, as {@link Weights#fixed}
     * creates them) with the values to try, in the order to try them; empty when there is
     * nothing to calibrate.
     */
    default Map<String, double[]> calibration() {
        return Map.of();
    }
}
