package dev.framelift.trainer.model;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * A frozen pretrained network a generator reads features from: given RGB in [0, 255] (NHWC,
 * sides a multiple of 32), it adds its ops to {@code tf}'s graph and returns its feature map.
 * Its weights are constants of the graph, so an exported model carries it.
 */
@FunctionalInterface
public interface Encoder {
    Operand<TFloat32> features(Ops tf, Operand<TFloat32> rgb);
}
