package dev.framelift.trainer.eval;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.SessionFunction;
import org.tensorflow.Signature;
import org.tensorflow.Tensor;
import org.tensorflow.exceptions.TensorFlowException;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.proto.DataType;
import org.tensorflow.types.TUint8;

import dev.framelift.schema.ModelCard;
import dev.framelift.schema.ModelCardJson;

/**
 * Runs one exported model (SavedModel tag {@code serve}, signature {@code serving_default},
 * uint8 input {@code images} [N, H, W, C_in] to uint8 output {@code enhanced} [N, H*s, W*s, 3])
 * on one image at a time, at any size.
 *
 * <p>Lifecycle: the runner owns its {@link SavedModelBundle}; {@link #close()} releases it. Every
 * input tensor and {@link Result} of a call is closed before the call returns. {@link #run} may be
 * called from several threads (a TF session is thread-safe); closing while a call runs is not.
 */
public final class SavedModelRunner implements AutoCloseable {
    public static final String TAG = "serve";
    public static final String SIGNATURE = "serving_default";
    public static final String INPUT = "images";
    public static final String OUTPUT = "enhanced";

    private final SavedModelBundle bundle;
    private final SessionFunction function;
    private final ModelSpec spec;

    private SavedModelRunner(SavedModelBundle bundle, SessionFunction function, ModelSpec spec) {
        this.bundle = bundle;
        this.function = function;
        this.spec = spec;
    }

    /** Output of one call: an interleaved RGB image. */
    public record Image(int width, int height, byte[] pixels) {
    }

    /**
     * Opens a model directory. Its spec comes from {@code card.json}; when the card is absent
     * {@code fallback} is used (a model exported a moment ago whose card is not written yet).
     *
     * @param fallback the spec to assume without a card, or {@code null} to require a card
     * @param config the session config (threads) or {@code null} for TensorFlow's default; it only
     *     takes effect if this is the first session of the process
     * @throws IOException if the directory, the card or the SavedModel is missing or invalid, or the
     *     signature does not follow the model contract
     */
    public static SavedModelRunner open(Path dir, ModelSpec fallback, ConfigProto config) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IOException("model directory " + dir + " does not exist");
        }
        if (!Files.isRegularFile(dir.resolve("saved_model.pb"))) {
            throw new IOException(dir + " is not a SavedModel directory (no saved_model.pb)");
        }
        ModelSpec spec;
        if (Files.isRegularFile(dir.resolve(ModelCardJson.FILE_NAME))) {
            ModelCard card = ModelCardJson.read(dir);
            spec = ModelSpec.fromCard(card);
            if (fallback != null && !fallback.task().equals(spec.task())) {
                throw new IOException("the card of " + dir + " says task " + spec.task() + ", not " + fallback.task());
            }
        } else if (fallback != null) {
            spec = fallback;
        } else {
            throw new IOException("no " + ModelCardJson.FILE_NAME + " in " + dir + " (give the task explicitly)");
        }
        SavedModelBundle.Loader loader = SavedModelBundle.loader(dir.toString()).withTags(TAG);
        if (config != null) {
            loader = loader.withConfigProto(config);
        }
        SavedModelBundle bundle;
        try {
            bundle = loader.load();
        } catch (TensorFlowException | IllegalArgumentException e) {
            throw new IOException("cannot load the SavedModel in " + dir + ": " + e.getMessage(), e);
        }
        try {
            Signature sig = bundle.signatures().stream().filter(s -> SIGNATURE.equals(s.key())).findFirst()
                    .orElseThrow(() -> new IOException("no '" + SIGNATURE + "' signature in " + dir));
            checkTensor(sig.getInputs().get(INPUT), INPUT, spec.inputChannels(), dir);
            checkTensor(sig.getOutputs().get(OUTPUT), OUTPUT, 3, dir);
            return new SavedModelRunner(bundle, bundle.function(SIGNATURE), spec);
        } catch (IOException | RuntimeException e) {
            bundle.close();
            throw e;
        }
    }

    private static void checkTensor(Signature.TensorDescription t, String name, int channels, Path dir) throws IOException {
        if (t == null) {
            throw new IOException("signature '" + SIGNATURE + "' of " + dir + " has no tensor '" + name + "'");
        }
        if (t.dataType != DataType.DT_UINT8) {
            throw new IOException("'" + name + "' of " + dir + " is " + t.dataType + ", the contract says uint8");
        }
        Shape s = t.shape;
        if (!s.isUnknown() && (s.numDimensions() != 4 || (s.size(3) >= 0 && s.size(3) != channels))) {
            throw new IOException("'" + name + "' of " + dir + " has shape " + s + ", expected [N, H, W, " + channels + "]");
        }
    }

    public ModelSpec spec() {
        return spec;
    }

    /**
     * Runs the model on one image.
     *
     * @param pixels interleaved {@code height x width x spec().inputChannels()} uint8 values
     * @return the {@code width*s x height*s} RGB output
     * @throws IllegalStateException if the graph returns another shape than the contract says
     */
    public Image run(byte[] pixels, int width, int height) {
        int c = spec.inputChannels();
        if ((long) width * height * c != pixels.length) {
            throw new IllegalArgumentException("expected " + width + "x" + height + "x" + c + " bytes");
        }
        try (TUint8 in = TUint8.tensorOf(Shape.of(1, height, width, c), DataBuffers.of(pixels, true, false));
                Result result = function.call(Map.of(INPUT, in))) {
            Tensor out = result.get(OUTPUT).orElseThrow(() -> new IllegalStateException("no '" + OUTPUT + "' in the result"));
            int s = spec.scale();
            Shape expected = Shape.of(1, (long) height * s, (long) width * s, 3);
            if (out.dataType() != DataType.DT_UINT8 || !out.shape().equals(expected)) {
                throw new IllegalStateException("model " + spec.version() + " returned " + out.dataType() + " " + out.shape()
                        + " for a " + width + "x" + height + " input; the contract says uint8 " + expected);
            }
            byte[] bytes = new byte[width * s * height * s * 3];
            out.asRawTensor().data().read(bytes);
            return new Image(width * s, height * s, bytes);
        }
    }

    @Override
    public void close() {
        bundle.close();
    }
}
