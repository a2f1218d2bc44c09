package dev.framelift.enhancer.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.SessionFunction;
import org.tensorflow.Signature;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.op.image.ResizeBilinear;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.TUint8;

import dev.framelift.enhancer.inference.TensorFlowRuntime;
import dev.framelift.schema.ModelCard;
import dev.framelift.schema.ModelCardJson;
import dev.framelift.schema.Tasks;

/**
 * Real x2 generators (bilinear, RGB in and out, the model contract) whose session runs fail the
 * way a device can fail: a TensorFlow {@code Assert} in the graph stops the run. No mock: the
 * failure is TensorFlow's own, raised from {@code Session.run}.
 *
 * <ul>
 * <li>{@link #failingRuns}: a variable counts the runs; runs number 3 to {@code 2 + failures} fail
 * (runs 1 and 2 are the probe and the canary {@code Generator.load} makes), every later run
 * succeeds: a transient failure.</li>
 * <li>{@link #failingBatchesLargerThan}: a run of more than {@code n} frames fails, as a batch
 * too large for a device's memory would.</li>
 * <li>{@link #failingBelow}: a run of frames narrower or lower than {@code side} fails, as a
 * graph with a mirror padding of {@code side - 1} pixels does (TensorFlow's own error).</li>
 * </ul>
 */
public final class FailingGenerators {
    private FailingGenerators() {
    }

    /** An sr-x2 model in {@code dir} whose runs 3 to {@code 2 + failures} fail. */
    public static Path failingRuns(Path dir, int failures) {
        return write(dir, "flaky-" + failures, (tf, images) -> {
            Variable<TInt64> runs = tf.withName("runs").variable(tf.constant(0L));
            Operand<TInt64> run = tf.assignAdd(runs, tf.constant(1L));
            return tf.math.logicalOr(tf.math.lessEqual(run, tf.constant(2L)),
                    tf.math.greater(run, tf.constant(2L + failures)));
        });
    }

    /** An sr-x2 model in {@code dir} whose runs of more than {@code n} frames fail. */
    public static Path failingBatchesLargerThan(Path dir, int n) {
        return write(dir, "small-batches-" + n, (tf, images) -> {
            Operand<TInt32> batch = tf.slice(tf.shape(images), tf.constant(new int[] {0}), tf.constant(new int[] {1}));
            return tf.reduceAll(tf.math.lessEqual(batch, tf.constant(new int[] {n})), tf.constant(0));
        });
    }

    /** An sr-x2 model in {@code dir} that reflects {@code side - 1} pixels at each border, so smaller frames fail. */
    public static Path failingBelow(Path dir, int side) {
        return write(dir, "mirror-" + side, (tf, images) -> {
            Operand<TUint8> padded = tf.mirrorPad(images, tf.constant(new int[][] {{0, 0}, {side - 1, side - 1},
                {side - 1, side - 1}, {0, 0}}), "REFLECT");
            return tf.math.greater(tf.size(padded), tf.constant(0));
        });
    }

    private interface Condition {
        Operand<TBool> build(Ops tf, Operand<TUint8> images);
    }

    private static Path write(Path dir, String version, Condition condition) {
        try (Graph graph = new Graph(); Session session = new Session(graph, TensorFlowRuntime.configProto())) {
            Files.createDirectories(dir);
            Ops tf = Ops.create(graph);
            Placeholder<TUint8> images = tf.withName("images").placeholder(TUint8.class,
                    Placeholder.shape(Shape.of(-1, -1, -1, 3)));
            Operand<TInt32> size = tf.math.mul(
                    tf.slice(tf.shape(images), tf.constant(new int[] {1}), tf.constant(new int[] {2})),
                    tf.constant(new int[] {2, 2}));
            Operand<TFloat32> x = tf.image.resizeBilinear(tf.dtypes.cast(images, TFloat32.class), size,
                    ResizeBilinear.halfPixelCenters(true));
            Operand<TFloat32> y = tf.math.round(tf.clipByValue(x, tf.constant(0f), tf.constant(255f)));
            var check = tf.assertThat(condition.build(tf, images), List.of(tf.constant("injected device failure")));
            Operand<TUint8> enhanced = tf.withControlDependencies(List.of(check)).withName("enhanced")
                    .dtypes.cast(y, TUint8.class);
            session.initialize();
            Signature signature = Signature.builder().key(Signature.DEFAULT_KEY)
                    .input("images", images).output("enhanced", enhanced).build();
            SavedModelBundle.exporter(dir.toString()).withTags(SavedModelBundle.DEFAULT_TAG)
                    .withFunction(SessionFunction.create(signature, session)).export();
            ModelCardJson.write(ModelCard.newBuilder().setTask(Tasks.SR_X2).setVersion(version).setScale(2)
                    .setInputChannels(3).setArchitecture("test-bilinear-with-assert").setParameters(0)
                    .setCreatedTime(Instant.now()).setTrainingData("none").setTrainingCommand("FailingGenerators")
                    .setMetrics(Map.of()).setBaselineMetrics(Map.of()).build(), dir);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a failing generator into " + dir, e);
        }
    }
}
