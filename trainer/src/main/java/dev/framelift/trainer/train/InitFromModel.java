package dev.framelift.trainer.train;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.tensorflow.GraphOperation;
import org.tensorflow.Operand;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.op.train.Restore;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.family.TType;

import dev.framelift.schema.ModelCard;
import dev.framelift.schema.ModelCardJson;
import dev.framelift.trainer.model.TrainingTask;

/**
 * Starts a training graph from an exported model's weights, to fine-tune it: every trainable
 * generator variable and its weight average get the exported value of the same layer (the
 * export holds the averaged generator, see {@link TrainingGraph#AVERAGE}). The discriminator and
 * both Adams start fresh; a colorizer's chroma gain stays 1 for training and is calibrated again
 * before export.
 *
 * <p>A super-resolution model of another scale may start one of this scale, as EDSR starts its
 * x4 from its x2: the layers that work at input size have the same shapes at every scale and
 * take the exported weights; the layers whose shapes depend on the scale (the ones that make
 * the {@code s*s} sub-pixel channels) start fresh, and {@link #apply} names them.
 */
final class InitFromModel {
    private static final Set<String> VARIABLE_OPS = Set.of("VariableV2", "VarHandleOp");

    private InitFromModel() {
    }

    /**
     * The architecture ({@code fast}, {@code quality}, or {@code bins} for a colorizer) of the
     * exported model in {@code dir}.
     *
     * @throws IllegalArgumentException if it is not a model of {@code task} the trainer can build
     */
    static String architectureOf(Path dir, TrainingTask task) throws IOException {
        final ModelCard card = ModelCardJson.read(dir);
        if (!card.getTask().toString().equals(task.id()) && !otherScale(card.getTask().toString(), task)) {
            throw new IllegalArgumentException("--init " + dir + " is a " + card.getTask() + " model, not " + task);
        }
        try {
            return task.archOf(card.getArchitecture().toString());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--init " + dir + " has architecture " + card.getArchitecture()
                    + ", which this trainer does not build for " + task, e);
        }
    }

    /** Whether {@code initTask} is a super-resolution task of another scale than {@code task}'s. */
    private static boolean otherScale(String initTask, TrainingTask task) {
        return !task.colorize() && TrainingTask.find(initTask).filter(t -> !t.colorize() && t != task).isPresent();
    }

    /**
     * Copies the weights of the SavedModel in {@code dir} into {@code g}'s generator and its average.
     *
     * <p>Each variable is found by its layer and parameter ({@code conv1/kernel}), not by its whole
     * name: TensorFlow numbers the scope of every variable by the ops created before it
     * ({@code ema_3/conv1/kernel} in one export, {@code ema_4/conv1/kernel} once the graph code adds
     * one op), so a model exported by an earlier version of the trainer has other numbers than the
     * graph that fine-tunes it.
     *
     * @return the layers that start fresh: none for a model of this task's architecture; for a
     *     super-resolution model of another scale, those whose shapes differ from the export's; for
     *     a model of the architecture the generator {@linkplain dev.framelift.trainer.model.Generator#grownFrom
     *     grows from}, the layers it adds
     * @throws IOException if the model cannot be read or lacks a layer of {@code g}'s generator
     */
    static List<String> apply(TrainingGraph g, Path dir) throws IOException {
        return apply(g, dir, null);
    }

    /**
     * As {@link #apply(TrainingGraph, Path)}, but with {@code blend} every weight is the
     * {@link WeightBlend} of the exports {@code dir} and {@code blend.dir()}, which must have the
     * same layers and shapes.
     */
    static List<String> apply(TrainingGraph g, Path dir, WeightBlend blend) throws IOException {
        final Path prefix = variablesPrefix(dir, "--init");
        final Map<String, Exported> exported = exportedVariables(dir);
        Map<String, Exported> other = Map.of();
        if (blend != null) {
            other = exportedVariables(blend.dir());
            if (!other.keySet().equals(exported.keySet())) {
                throw new IOException("--blend " + blend.dir() + " has other layers than --init " + dir);
            }
            for (Map.Entry<String, Exported> e : exported.entrySet()) {
                if (!other.get(e.getKey()).shape().equals(e.getValue().shape())) {
                    throw new IOException("--blend " + blend.dir() + " shapes " + e.getKey() + " otherwise than --init " + dir);
                }
            }
        }
        final ModelCard card = ModelCardJson.read(dir);
        final boolean otherScale = otherScale(card.getTask().toString(), g.generator.task());
        final boolean grown = g.generator.grownFrom().filter(card.getArchitecture().toString()::equals).isPresent();
        final List<Variable<TFloat32>> targets = new ArrayList<>();
        final List<String> names = new ArrayList<>();
        final List<String> keys = new ArrayList<>();
        final List<String> blendKeys = new ArrayList<>();
        final List<String> fresh = new ArrayList<>();
        for (Variable<TFloat32> v : g.gVars) {
            final String name = v.op().name();
            final String layer = layerOf(name);
            final Exported key = exported.get(layer);
            if (key == null && grown) {
                fresh.add(layer);
                continue;
            }
            if (key == null) {
                throw new IOException("--init " + dir + " has no weights for layer " + layer
                        + " of this trainer's " + g.generator.architecture() + " (it has " + exported.keySet() + ")");
            }
            if (otherScale && !key.shape().equals(v.shape())) {
                fresh.add(layer);
                continue;
            }
            targets.add(v);
            names.add(TrainingGraph.AVERAGE + name.substring(TrainingGraph.GENERATOR.length()));
            keys.add(key.name());
            if (blend != null) {
                blendKeys.add(other.get(layer).name());
            }
        }
        if (targets.isEmpty()) {
            throw new IOException("--init " + dir + " shares no layer with this trainer's " + g.generator.architecture());
        }
        final Ops tf = Ops.create(g.graph).withSubScope("init_from_model");
        final Restore restored = restore(tf, prefix, keys);
        final Restore blended = blend == null ? null : restore(tf, variablesPrefix(blend.dir(), "--blend"), blendKeys);
        final List<Op> assigns = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            Operand<TFloat32> value = tensor(restored, i);
            if (blended != null) {
                value = tf.math.add(tf.math.mul(value, tf.constant(1 - blend.weight())),
                        tf.math.mul(tensor(blended, i), tf.constant(blend.weight())));
            }
            assigns.add(tf.assign(targets.get(i), value));
            final GraphOperation average = g.graph.operation(names.get(i));
            if (average == null) {
                throw new IllegalStateException("the training graph has no " + names.get(i));
            }
            assigns.add(tf.assign(average.<TFloat32>output(0), value));
        }
        try {
            g.session.runner().addTarget(tf.withControlDependencies(assigns).noOp()).run().close();
        } catch (RuntimeException e) {
            throw new IOException("cannot take the weights of " + dir + ": " + e.getMessage(), e);
        }
        return fresh;
    }

    private static Path variablesPrefix(Path dir, String option) throws IOException {
        final Path prefix = dir.resolve("variables").resolve("variables");
        if (!Files.isRegularFile(prefix.resolveSibling("variables.index"))) {
            throw new IOException(option + " " + dir + " has no variables/variables.index");
        }
        return prefix;
    }

    private static Restore restore(Ops tf, Path prefix, List<String> keys) {
        final List<Class<? extends TType>> types = Collections.nCopies(keys.size(), TFloat32.class);
        return tf.train.restore(tf.constant(prefix.toString()),
                tf.constant(StandardCharsets.UTF_8, keys.toArray(String[]::new)),
                tf.constant(StandardCharsets.UTF_8, Collections.nCopies(keys.size(), "").toArray(String[]::new)), types);
    }

    @SuppressWarnings("unchecked")
    private static Operand<TFloat32> tensor(Restore restored, int i) {
        return (Operand<TFloat32>) restored.tensors().get(i);
    }

    /** A variable of the export: its name in the checkpoint and its shape. */
    private record Exported(String name, Shape shape) {
    }

    /** The export's variables by layer and parameter ({@link #layerOf}). */
    private static Map<String, Exported> exportedVariables(Path dir) throws IOException {
        final Map<String, Exported> byLayer = new HashMap<>();
        try (SavedModelBundle bundle = SavedModelBundle.load(dir.toString(), SavedModelBundle.DEFAULT_TAG)) {
            bundle.graph().operations().forEachRemaining(op -> {
                if (VARIABLE_OPS.contains(op.type()) && op.name().startsWith(TrainingGraph.AVERAGE)) {
                    byLayer.put(layerOf(op.name()), new Exported(op.name(), op.output(0).shape()));
                }
            });
        } catch (RuntimeException e) {
            throw new IOException("--init " + dir + " is not a loadable SavedModel: " + e.getMessage(), e);
        }
        return byLayer;
    }

    /** {@code conv1/kernel} of {@code ema_3/conv1/kernel} or {@code generator_7/conv1/kernel}. */
    static String layerOf(String variableName) {
        return variableName.substring(variableName.indexOf('/') + 1);
    }
}
