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
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TUint8;

import dev.framelift.enhancer.inference.TensorFlowRuntime;
import dev.framelift.schema.ModelCard;
import dev.framelift.schema.ModelCardJson;
import dev.framelift.schema.Tasks;

/**
 * Writes real, tiny generators that honour the model contract, for tests that need a model on
 * disk: a TF SavedModel (tag {@code serve}, signature {@code serving_default}, uint8 input
 * {@code images [N,H,W,C_in]}, uint8 output {@code enhanced [N,H*s,W*s,3]}) plus
 * {@code card.json}.
 *
 * <p>The graph casts to float, resizes bilinearly by {@code scale} (skipped for scale 1), applies
 * one 3x3 convolution whose kernel and bias are variables restored from the checkpoint, then
 * clips, rounds and casts back to uint8. The kernel is a near-identity blur (0.92 at the centre,
 * 0.01 around it), so outputs look like the input. With one input channel the luma is broadcast
 * to three channels and a small bias (+8, 0, -8) tints it, so a "colorized" output is
 * measurably not gray.
 */
public final class TestGenerators {
    /** Architecture name written into the cards of these models. */
    public static final String ARCHITECTURE = "test-bilinear-conv3x3";

    private static final float CENTRE = 0.92f;
    private static final float NEIGHBOUR = 0.01f;

    private TestGenerators() {
    }

    /** {@link #write(Path, String, int, int, String, Instant)} created now. */
    public static Path write(Path parentDir, String task, int scale, int inputChannels, String version) {
        return write(parentDir, task, scale, inputChannels, version, Instant.now());
    }

    /**
     * Builds and exports one generator into {@code parentDir/<task>/}.
     *
     * @return the model directory (SavedModel + card.json)
     */
    public static Path write(Path parentDir, String task, int scale, int inputChannels, String version,
            Instant createdTime) {
        return writeInto(parentDir.resolve(task), task, scale, inputChannels, version, createdTime);
    }

    /** Like {@link #write} but into exactly {@code modelDir} (which must not hold a model yet). */
    public static Path writeInto(Path modelDir, String task, int scale, int inputChannels, String version,
            Instant createdTime) {
        return writeInto(modelDir, task, Tasks.FAITHFUL, scale, inputChannels, version, createdTime);
    }

    /** Like {@link #writeInto(Path, String, int, int, String, Instant)} with a card of the given flavour. */
    public static Path writeInto(Path modelDir, String task, String flavour, int scale, int inputChannels, String version,
            Instant createdTime) {
        if (scale < 1 || (inputChannels != 1 && inputChannels != 3)) {
            throw new IllegalArgumentException("scale " + scale + ", inputChannels " + inputChannels);
        }
        try {
            Files.createDirectories(modelDir);
            long parameters = export(modelDir, scale, inputChannels);
            ModelCard card = ModelCard.newBuilder()
                    .setTask(task)
                    .setFlavour(flavour)
                    .setVersion(version)
                    .setScale(scale)
                    .setInputChannels(inputChannels)
                    .setArchitecture(ARCHITECTURE)
                    .setParameters(parameters)
                    .setCreatedTime(createdTime)
                    .setTrainingData("none: deterministic near-identity weights for tests")
                    .setTrainingCommand("TestGenerators.write")
                    .setMetrics(Map.of())
                    .setBaselineMetrics(Map.of())
                    .build();
            ModelCardJson.write(card, modelDir);
            return modelDir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write test generator into " + modelDir, e);
        }
    }

    /** Writes sr-x2 (x2, RGB), sr-x4 (x4, RGB) and colorize (x1, luma), version "test-1". */
    public static Path writeAll(Path modelsDir) {
        write(modelsDir, Tasks.SR_X2, 2, 3, "test-1");
        write(modelsDir, Tasks.SR_X4, 4, 3, "test-1");
        write(modelsDir, Tasks.COLORIZE, 1, 1, "test-1");
        return modelsDir;
    }

    private static long export(Path modelDir, int scale, int inputChannels) throws IOException {
        try (Graph graph = new Graph(); Session session = new Session(graph, TensorFlowRuntime.configProto())) {
            Ops tf = Ops.create(graph);
            Placeholder<TUint8> images = tf.withName("images").placeholder(TUint8.class,
                    Placeholder.shape(Shape.of(-1, -1, -1, inputChannels)));
            Operand<TFloat32> x = tf.dtypes.cast(images, TFloat32.class);
            if (scale > 1) {
                Operand<TInt32> size = tf.math.mul(
                        tf.slice(tf.shape(images), tf.constant(new int[] {1}), tf.constant(new int[] {2})),
                        tf.constant(new int[] {scale, scale}));
                x = tf.image.resizeBilinear(x, size, ResizeBilinear.halfPixelCenters(true));
            }
            Variable<TFloat32> kernel = tf.withSubScope("generator").withName("kernel").variable(tf.constant(kernel(inputChannels)));
            Variable<TFloat32> bias = tf.withSubScope("generator").withName("bias").variable(
                    tf.constant(inputChannels == 1 ? new float[] {8f, 0f, -8f} : new float[] {0f, 0f, 0f}));
            Operand<TFloat32> y = tf.nn.biasAdd(tf.nn.conv2d(x, kernel, List.of(1L, 1L, 1L, 1L), "SAME"), bias);
            y = tf.math.round(tf.clipByValue(y, tf.constant(0f), tf.constant(255f)));
            Operand<TUint8> enhanced = tf.withName("enhanced").dtypes.cast(y, TUint8.class);

            session.initialize();
            Signature signature = Signature.builder()
                    .key(Signature.DEFAULT_KEY)
                    .input("images", images)
                    .output("enhanced", enhanced)
                    .build();
            SavedModelBundle.exporter(modelDir.toString())
                    .withTags(SavedModelBundle.DEFAULT_TAG)
                    .withFunction(SessionFunction.create(signature, session))
                    .export();
            return 3L * 3 * inputChannels * 3 + 3;
        }
    }

    /** 3x3 x C_in x 3 near-identity kernel: out channel c reads in channel c (or the only one). */
    private static float[][][][] kernel(int inputChannels) {
        float[][][][] k = new float[3][3][inputChannels][3];
        for (int dy = 0; dy < 3; dy++) {
            for (int dx = 0; dx < 3; dx++) {
                float w = dy == 1 && dx == 1 ? CENTRE : NEIGHBOUR;
                for (int out = 0; out < 3; out++) {
                    k[dy][dx][inputChannels == 1 ? 0 : out][out] = w;
                }
            }
        }
        return k;
    }
}
