package dev.framelift.trainer.train;

import java.util.ArrayList;
import java.util.List;

import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * Adam for one network, with the learning rate as a graph input so a schedule can feed it.
 * Moments live in variables named {@code <name>/<var>/m} and {@code .../v}; the bias-correction
 * powers in {@code <name>/beta1_power}, {@code <name>/beta2_power}. Several update ops may be
 * built over the same slots (e.g. one for the L1 loss and one for the adversarial loss); each
 * one applies the given gradients to every variable and then advances the powers.
 *
 * <p>Only this network's variables are ever touched, which is the point: a GAN needs one
 * optimizer per player, each stepping on the gradient of its own loss.
 */
public final class AdamStep {
    private static final float BETA1 = 0.9f;
    private static final float BETA2 = 0.999f;
    private static final float EPSILON = 1e-8f;

    private final Ops tf;
    private final List<Variable<TFloat32>> vars;
    private final List<Variable<TFloat32>> m = new ArrayList<>();
    private final List<Variable<TFloat32>> v = new ArrayList<>();
    private final Variable<TFloat32> beta1Power;
    private final Variable<TFloat32> beta2Power;

    public AdamStep(Ops root, String name, List<Variable<TFloat32>> vars) {
        this.tf = root.withSubScope(name);
        this.vars = vars;
        for (int i = 0; i < vars.size(); i++) {
            final Variable<TFloat32> var = vars.get(i);
            final Shape shape = var.shape();
            final Ops slot = tf.withSubScope("slot" + i);
            m.add(slot.withName("m").variable(tf.zeros(tf.constant(shape), TFloat32.class)));
            v.add(slot.withName("v").variable(tf.zeros(tf.constant(shape), TFloat32.class)));
        }
        beta1Power = tf.withName("beta1_power").variable(tf.constant(BETA1));
        beta2Power = tf.withName("beta2_power").variable(tf.constant(BETA2));
    }

    /** An op applying {@code grads} (same order as the variables) at rate {@code lr}. */
    public Op apply(List<Operand<TFloat32>> grads, Operand<TFloat32> lr) {
        if (grads.size() != vars.size()) {
            throw new IllegalArgumentException("one gradient per variable expected");
        }
        final List<Op> updates = new ArrayList<>();
        for (int i = 0; i < vars.size(); i++) {
            updates.add(tf.train.applyAdam(vars.get(i), m.get(i), v.get(i), beta1Power, beta2Power, lr,
                    tf.constant(BETA1), tf.constant(BETA2), tf.constant(EPSILON), grads.get(i)));
        }
        final Ops after = tf.withControlDependencies(updates);
        final Op p1 = after.assign(beta1Power, after.math.mul(beta1Power, after.constant(BETA1)));
        final Op p2 = after.assign(beta2Power, after.math.mul(beta2Power, after.constant(BETA2)));
        return tf.withControlDependencies(List.of(p1, p2)).noOp();
    }
}
