package dev.framelift.model.testing;

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

import dev.framelift.model.ModelContract;
import dev.framelift.model.artifact.DeterministicZip;
import dev.framelift.model.artifact.Sha256;
import dev.framelift.schema.ModelCard;
import dev.framelift.schema.ModelCardJson;
import dev.framelift.schema.Tasks;

/**
 * Writes real, tiny models for tests: a TF SavedModel of the model contract (tag {@code serve},
 * signature {@code serving_default}, uint8 {@code images [N,H,W,C_in]} to uint8
 * {@code enhanced [N,H*s,W*s,3]}) plus {@code card.json} with the artifact's sha256.
 *
 * <p>The graph casts to float, resizes bilinearly by the task's scale (none for colorize),
 * applies one 3x3 convolution whose kernel and bias are variables restored from the checkpoint,
 * then clips, rounds and casts back to uint8. The kernel is a near-identity blur (0.92 at the
 * centre, 0.01 around it), so outputs look like the input; the bias adds {@code tint} to red
 * and takes it from blue, so versions can differ visibly. With one input channel the luma is
 * broadcast to three channels. Broken variants: a NaN bias (the output is constant after the
 * cast), and a float32 input (a wrong tensor signature).
 */
public final class TestModels {
    /** Architecture name written into the cards of these models. */
    public static final String ARCHITECTURE = "test-bilinear-conv3x3";

    private static final float CENTRE = 0.92f;
    private static final float NEIGHBOUR = 0.01f;

    /** What a test model computes. */
    public enum Kind {
        /** A working near-identity model. */
        GOOD,
        /** Every output sample goes through NaN: a constant image after the cast to uint8. */
        NAN,
        /** The input is float32, not uint8: the signature breaks the contract. */
        FLOAT_INPUT
    }

    private TestModels() {
    }

    /** A working model of {@code task} in {@code parentDir/<task>/}, created now. */
    public static Path write(Path parentDir, String task, String version) {
        return writeInto(parentDir.resolve(task), task, version, Instant.now());
    }

    /**
     * A working model in exactly {@code modelDir} (which must not hold a model yet); a colorizer
     * tints by 8 levels, so its output is measurably not gray, an SR model does not tint.
     */
    public static Path writeInto(Path modelDir, String task, String version, Instant createdTime) {
        return writeInto(modelDir, task, version, createdTime, Kind.GOOD, Tasks.COLORIZE.equals(task) ? 8f : 0f);
    }

    /** Writes sr-x2, sr-x4 and colorize models of version "test-1" into {@code modelsDir}. */
    public static Path writeAll(Path modelsDir) {
        for (String task : Tasks.FAITHFUL_TASKS) {
            write(modelsDir, task, "test-1");
        }
        return modelsDir;
    }

    /**
     * Builds and exports one model. {@code task} is the task it serves: {@code sr-x2-perceptual}
     * writes a card of task {@code sr-x2} and flavour {@code perceptual}.
     *
     * @param tint added to red and taken from blue (0: a plain near-identity)
     * @return {@code modelDir}
     */
    public static Path writeInto(Path modelDir, String task, String version, Instant createdTime, Kind kind, float tint) {
        ModelContract.TaskShape shape = ModelContract.shapeOf(task);
        try {
            Files.createDirectories(modelDir);
            long parameters = export(modelDir, shape.scale(), shape.inputChannels(), kind, tint);
            ModelCard card = ModelCard.newBuilder()
                    .setTask(Tasks.baseOf(task))
                    .setFlavour(Tasks.flavourOf(task))
                    .setVersion(version)
                    .setScale(shape.scale())
                    .setInputChannels(shape.inputChannels())
                    .setArchitecture(ARCHITECTURE)
                    .setParameters(parameters)
                    .setCreatedTime(createdTime)
                    .setTrainingData("none: deterministic near-identity weights for tests")
                    .setTrainingCommand("TestModels.writeInto")
                    .setMetrics(Map.of())
                    .setBaselineMetrics(Map.of())
                    .setSha256(Sha256.hex(DeterministicZip.zip(modelDir)))
                    .build();
            ModelCardJson.write(card, modelDir);
            return modelDir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write test model into " + modelDir, e);
        }
    }

    /** Rewrites a model's card with other metrics and validation data (keeping its sha256). */
    public static void setMetrics(Path modelDir, Map<String, Double> metrics, String validationData) {
        try {
            ModelCard card = ModelCardJson.read(modelDir);
            card.setMetrics(metrics);
            card.setValidationData(validationData);
            ModelCardJson.write(card, modelDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long export(Path modelDir, int scale, int inputChannels, Kind kind, float tint) throws IOException {
        try (Graph graph = new Graph(); Session session = new Session(graph)) {
            Ops tf = Ops.create(graph);
            Operand<TFloat32> x;
            Operand<?> images;
            if (kind == Kind.FLOAT_INPUT) {
                Placeholder<TFloat32> in = tf.withName("images").placeholder(TFloat32.class,
                        Placeholder.shape(Shape.of(-1, -1, -1, inputChannels)));
                images = in;
                x = in;
            } else {
                Placeholder<TUint8> in = tf.withName("images").placeholder(TUint8.class,
                        Placeholder.shape(Shape.of(-1, -1, -1, inputChannels)));
                images = in;
                x = tf.dtypes.cast(in, TFloat32.class);
            }
            if (scale > 1) {
                Operand<TInt32> size = tf.math.mul(
                        tf.slice(tf.shape(x), tf.constant(new int[] {1}), tf.constant(new int[] {2})),
                        tf.constant(new int[] {scale, scale}));
                x = tf.image.resizeBilinear(x, size, ResizeBilinear.halfPixelCenters(true));
            }
            float nan = kind == Kind.NAN ? Float.NaN : 0f;
            Variable<TFloat32> kernel = tf.withSubScope("generator").withName("kernel").variable(tf.constant(kernel(inputChannels)));
            Variable<TFloat32> bias = tf.withSubScope("generator").withName("bias").variable(
                    tf.constant(new float[] {tint + nan, nan, -tint + nan}));
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
