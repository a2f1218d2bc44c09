package dev.framelift.trainer.model;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TUint8;

/**
 * A generator family. {@link #build} wires the whole inference path, uint8 in to uint8 out,
 * on a given input op; training adds losses on {@link Built#prediction()}, which lives in the
 * network's working space (e.g. HR luma for SR, centred chroma for colorization).
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

    String task();

    int scale();

    int inputChannels();

    /** e.g. {@code espcn-residual-fast}. */
    String architecture();

    /** Builds the network on {@code images} (uint8 NHWC, C = {@link #inputChannels()}). */
    Built build(Operand<TUint8> images, Weights weights);

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
     * The generator of a task in one of its variants ({@link #architectures}): {@code realtime}
     * (super-resolution only), {@code fast} or {@code quality} for every task, and {@code bins}
     * ({@link ChromaBinsGenerator}) for colorization.
     */
    static Generator of(String task, String arch) {
        if (!architectures(task).contains(arch)) {
            throw new IllegalArgumentException("unknown architecture " + arch + " for " + task + " (" + String.join(", ",
                    architectures(task)) + ")");
        }
        return switch (task) {
            case "sr-x2", "sr-x4" -> new SrGenerator(task.equals("sr-x2") ? 2 : 4, Arrays.stream(SrGenerator.Size.values())
                    .filter(size -> size.arch().equals(arch)).findFirst().orElseThrow());
            case "colorize" -> arch.equals("bins") ? new ChromaBinsGenerator() : new ColorizeGenerator(arch.equals("quality"));
            default -> throw new IllegalArgumentException("unknown task " + task);
        };
    }

    /** The {@code --arch} names the trainer builds for {@code task}. */
    static List<String> architectures(String task) {
        return task.equals("colorize") ? List.of("fast", "quality", "bins") : List.of("realtime", "fast", "quality");
    }

    /** The generator of {@code task} whose {@link #architecture()} is {@code name} (as a model card records it). */
    static Generator forArchitecture(String task, String name) {
        for (String arch : architectures(task)) {
            Generator g = of(task, arch);
            if (g.architecture().equals(name)) {
                return g;
            }
        }
        throw new IllegalArgumentException("unknown architecture " + name + " for " + task);
    }

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
