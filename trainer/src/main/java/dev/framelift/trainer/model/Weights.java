package dev.framelift.trainer.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * Creates and names the variables of one network: {@code <scope>/<layer>/<kernel|bias>}.
 * Asking twice for the same name returns the same variable, so a network can be applied to
 * several inputs (a discriminator on real and on fake images) with shared weights.
 *
 * <p>With {@code initialized} the variables get a seeded He-normal initial value that depends
 * only on (seed, variable name); two stores with the same seed and layer names start equal
 * (how the weight average starts as a copy of the generator). Without it they have no
 * initializer and must be restored from a checkpoint (export and reload).
 *
 * <p>Not thread-safe: graph construction happens on one thread.
 */
public final class Weights {
    private final Ops tf;
    private final String scope;
    private final long seed;
    private final boolean initialized;
    private final Map<String, Variable<TFloat32>> variables = new LinkedHashMap<>();
    private final Map<String, Variable<TFloat32>> fixed = new LinkedHashMap<>();
    private long parameters;

    public Weights(Ops tf, String scope, long seed, boolean initialized) {
        this.tf = tf;
        this.scope = scope;
        this.seed = seed;
        this.initialized = initialized;
    }

    /** Ops scoped under this store's name, for the network's own ops. */
    public Ops ops() {
        return tf.withSubScope(scope);
    }

    public String scope() {
        return scope;
    }

    /**
     * The variable {@code layer/name} of the given shape.
     *
     * @param std standard deviation of the initial normal value; 0 means zeros
     */
    public Variable<TFloat32> get(String layer, String name, long[] shape, double std) {
        final String full = scope + "/" + layer + "/" + name;
        Variable<TFloat32> v = variables.get(full);
        if (v != null) {
            return v;
        }
        final Shape s = Shape.of(shape);
        final Ops named = tf.withSubScope(scope).withSubScope(layer).withName(name);
        if (initialized) {
            final float[] init = new float[(int) s.size()];
            if (std > 0) {
                final Random rnd = new Random(seed * 31 + (layer + "/" + name).hashCode());
                for (int i = 0; i < init.length; i++) {
                    init[i] = (float) (rnd.nextGaussian() * std);
                }
            }
            v = named.variable(tf.constant(s, DataBuffers.of(init, true, false)));
        } else {
            v = named.variable(s, TFloat32.class);
        }
        variables.put(full, v);
        parameters += s.size();
        return v;
    }

    /**
     * A scalar variable that training does not update (it is not in {@link #variables()}),
     * initialised to {@code value}; e.g. a calibration constant set after training.
     */
    public Variable<TFloat32> fixed(String layer, String name, float value) {
        final String full = scope + "/" + layer + "/" + name;
        Variable<TFloat32> v = fixed.get(full);
        if (v == null) {
            final Ops named = tf.withSubScope(scope).withSubScope(layer).withName(name);
            v = initialized ? named.variable(tf.constant(value)) : named.variable(Shape.scalar(), TFloat32.class);
            fixed.put(full, v);
        }
        return v;
    }

    /** The variable made by {@link #fixed} under {@code layer/name}, or null. */
    public Variable<TFloat32> fixedVariable(String layer, String name) {
        return fixed.get(scope + "/" + layer + "/" + name);
    }

    /** The trainable variables in creation order. */
    public List<Variable<TFloat32>> variables() {
        return Collections.unmodifiableList(new ArrayList<>(variables.values()));
    }

    public long parameterCount() {
        return parameters;
    }
}
