package dev.framelift.trainer.model;

import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * PatchGAN discriminator: three stride-2 4x4 convolutions (32, 64, 128) and a 3x3 convolution
 * to one logit per patch (receptive field about 46 px). Building it twice with the same
 * {@link Weights} shares the weights (real and fake branches).
 */
public final class Discriminator {
    private Discriminator() {
    }

    public static Operand<TFloat32> logits(Weights w, Operand<TFloat32> x, int channels) {
        Operand<TFloat32> h = Layers.convAct(w, "conv1", x, 4, channels, 32, 2);
        h = Layers.convAct(w, "conv2", h, 4, 32, 64, 2);
        h = Layers.convAct(w, "conv3", h, 4, 64, 128, 2);
        return Layers.conv(w, "logits", h, 3, 128, 1, 1, 1.0);
    }
}
