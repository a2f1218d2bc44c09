package dev.framelift.trainer.model;

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
    /** What one build produced. {@code condition} is what the discriminator is conditioned on, or null. */
    record Built(Operand<TUint8> enhanced, Operand<TFloat32> prediction, Operand<TFloat32> condition) {
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

    /** Channels of what the discriminator sees. */
    int criticChannels();

    /**
     * What the discriminator sees for a prediction or a target in working space, roughly in
     * [-1, 1], with the condition (if any) concatenated.
     */
    Operand<TFloat32> criticView(Ops tf, Built built, Operand<TFloat32> workingSpace);

    static Generator of(String task, String arch) {
        boolean quality = switch (arch) {
            case "fast" -> false;
            case "quality" -> true;
            default -> throw new IllegalArgumentException("unknown architecture " + arch);
        };
        return switch (task) {
            case "sr-x2" -> new SrGenerator(2, quality);
            case "sr-x4" -> new SrGenerator(4, quality);
            case "colorize" -> new ColorizeGenerator(quality);
            default -> throw new IllegalArgumentException("unknown task " + task);
        };
    }
}
