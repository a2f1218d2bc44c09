package dev.framelift.model.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Signature;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.proto.DataType;
import org.tensorflow.types.TUint8;

import dev.framelift.model.Image;
import dev.framelift.model.ModelContract;
import dev.framelift.schema.ModelCard;
import dev.framelift.schema.ModelCardJson;
import dev.framelift.schema.Tasks;

/**
 * One loaded model that honours the {@link ModelContract}, verified on load: its card fits its
 * task, the serving signature has the card's input and output as uint8 {@code [N,H,W,C]} with
 * the right channels, and a 16x12 probe frame comes out at the card's scale.
 *
 * <p>The only place a SavedModel of the contract is run: the enhancer's generators, the
 * trainer's export check and evaluation, and {@code models publish} all go through it.
 *
 * <p><b>Thread-safety.</b> {@link #enhance} may be called concurrently: TensorFlow sessions are
 * thread-safe for runs and every call owns its tensors. Concurrent runs share TensorFlow's
 * thread pools, so on a CPU one caller at a time gets the best throughput.
 *
 * <p><b>Lifecycle.</b> The model owns its {@link SavedModelBundle} and releases it in
 * {@link #close()} (idempotent); every input tensor and {@link Result} of a call is closed before
 * the call returns. Calls after close fail with {@link IllegalStateException}; closing while a
 * call runs is the owner's mistake to avoid (the enhancer's registry leases models for that).
 */
public final class ContractModel implements AutoCloseable {
    /** Width of the frame every model runs once when it loads: a loaded model takes frames at least this large. */
    public static final int PROBE_WIDTH = 16;
    /** Height of that frame. */
    public static final int PROBE_HEIGHT = 12;

    private final Path directory;
    private final ModelCard card;
    private final SavedModelBundle bundle;
    private final String inputTensor;
    private final String outputTensor;
    private final AtomicBoolean closed = new AtomicBoolean();

    private ContractModel(Path directory, ModelCard card, SavedModelBundle bundle, String inputTensor,
            String outputTensor) {
        this.directory = directory;
        this.card = card;
        this.bundle = bundle;
        this.inputTensor = inputTensor;
        this.outputTensor = outputTensor;
    }

    /**
     * Loads and verifies the model in {@code dir} with the card beside it.
     *
     * @param config session configuration, or null for TensorFlow's default (thread pools are
     *     fixed by the first session of the process, whatever later ones ask)
     * @throws ContractViolation naming the directory and what is wrong
     */
    public static ContractModel load(Path dir, ConfigProto config) throws ContractViolation {
        final ModelCard card;
        try {
            card = ModelCardJson.read(dir);
        } catch (IOException e) {
            throw new ContractViolation(ContractViolation.Kind.CARD, e.getMessage(), e);
        }
        return load(dir, card, config);
    }

    /**
     * Loads and verifies the SavedModel in {@code dir} as described by {@code card} (for a model
     * whose card is not written yet, or travels apart from the files).
     *
     * @throws ContractViolation naming the directory and what is wrong
     */
    public static ContractModel load(Path dir, ModelCard card, ConfigProto config) throws ContractViolation {
        final String problem = ModelContract.cardProblem(card);
        if (problem != null) {
            throw new ContractViolation(ContractViolation.Kind.CARD, "model card of " + dir + ": " + problem);
        }
        if (!Files.isRegularFile(dir.resolve(ModelContract.SAVED_MODEL_FILE))) {
            throw new ContractViolation(ContractViolation.Kind.UNLOADABLE,
                    "no " + ModelContract.SAVED_MODEL_FILE + " in " + dir);
        }
        final SavedModelBundle bundle;
        try {
            final SavedModelBundle.Loader loader = SavedModelBundle.loader(dir.toString()).withTags(ModelContract.TAG);
            bundle = (config == null ? loader : loader.withConfigProto(config)).load();
        } catch (RuntimeException e) {
            throw new ContractViolation(ContractViolation.Kind.UNLOADABLE,
                    "cannot load the SavedModel (tag " + ModelContract.TAG + ") in " + dir + ": " + e.getMessage(), e);
        }
        try {
            final Signature signature = servingSignature(bundle, dir);
            final String where = "signature " + ModelContract.SIGNATURE + " of " + dir;
            final Signature.TensorDescription input = signature.getInputs().get(card.getSignatureInput());
            final Signature.TensorDescription output = signature.getOutputs().get(card.getSignatureOutput());
            if (input == null || output == null) {
                throw new ContractViolation(ContractViolation.Kind.SIGNATURE, where + " must have input '"
                        + card.getSignatureInput() + "' and output '" + card.getSignatureOutput() + "', has inputs "
                        + signature.inputNames() + " and outputs " + signature.outputNames());
            }
            checkImageTensor(where, "input", card.getSignatureInput(), input, card.getInputChannels());
            checkImageTensor(where, "output", card.getSignatureOutput(), output, ModelContract.OUTPUT_CHANNELS);
            final ContractModel model = new ContractModel(dir, card, bundle, input.name, output.name);
            model.probe();
            return model;
        } catch (ContractViolation | RuntimeException e) {
            bundle.close();
            throw e instanceof ContractViolation v ? v : new ContractViolation(ContractViolation.Kind.OUTPUT,
                    "model in " + dir + " failed its probe run: " + e.getMessage(), e);
        }
    }

    private static Signature servingSignature(SavedModelBundle bundle, Path dir) throws ContractViolation {
        for (Signature signature : bundle.signatures()) {
            if (signature.key().equals(ModelContract.SIGNATURE)) {
                return signature;
            }
        }
        throw new ContractViolation(ContractViolation.Kind.SIGNATURE, "no signature " + ModelContract.SIGNATURE
                + " in " + dir + "; it has " + bundle.signatures().stream().map(Signature::key).toList());
    }

    private static void checkImageTensor(String where, String role, String name, Signature.TensorDescription d,
            int channels) throws ContractViolation {
        final Shape shape = d.shape;
        final boolean rank4 = !shape.isUnknown() && shape.numDimensions() == 4;
        if (d.dataType != DataType.DT_UINT8 || !rank4 || shape.get(3) != channels) {
            throw new ContractViolation(ContractViolation.Kind.SIGNATURE, where + ": " + role + " '" + name
                    + "' must be uint8 [N,H,W," + channels + "], is " + d.dataType + " " + shape);
        }
    }

    /** Runs one blank PROBE_WIDTH x PROBE_HEIGHT frame and checks that the output is that times the scale, x 3. */
    private void probe() throws ContractViolation {
        final Image frame = new Image(PROBE_WIDTH, PROBE_HEIGHT, inputChannels(),
                new byte[PROBE_WIDTH * PROBE_HEIGHT * inputChannels()]);
        try {
            enhance(List.of(frame));
        } catch (IllegalStateException e) {
            throw new ContractViolation(ContractViolation.Kind.OUTPUT, "model in " + directory + " breaks its card (scale "
                    + scale() + "): for a " + PROBE_WIDTH + "x" + PROBE_HEIGHT + " probe " + e.getMessage(), e);
        }
    }

    /**
     * Enhances a batch in one session run.
     *
     * @param batch one or more images of one size, each with {@link #inputChannels()} channels
     * @return one output per input, in order, each {@code (width*scale) x (height*scale) x 3}
     * @throws IllegalArgumentException if the batch is empty or mixed, or has the wrong channels
     * @throws IllegalStateException if the model is closed or the graph's output breaks the contract
     * @throws org.tensorflow.exceptions.TensorFlowException if TensorFlow fails to run the graph
     */
    public List<Image> enhance(List<Image> batch) {
        if (closed.get()) {
            throw new IllegalStateException("model " + version() + " is closed");
        }
        if (batch.isEmpty()) {
            throw new IllegalArgumentException("empty batch");
        }
        final Image first = batch.get(0);
        if (first.channels() != inputChannels()) {
            throw new IllegalArgumentException(task() + " takes " + inputChannels() + " channels, got " + first.channels());
        }
        final int outW = first.width() * scale();
        final int outH = first.height() * scale();
        if ((long) outW * outH * ModelContract.OUTPUT_CHANNELS > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("output of " + first.width() + "x" + first.height() + " at x" + scale()
                    + " exceeds 2 GiB");
        }
        try (TUint8 input = TensorPacking.pack(batch);
                Result result = bundle.session().runner().feed(inputTensor, input).fetch(outputTensor).run()) {
            return TensorPacking.unpack(result.get(0), batch.size(), outW, outH, ModelContract.OUTPUT_CHANNELS);
        }
    }

    /** Enhances one image. */
    public Image enhance(Image image) {
        return enhance(List.of(image)).get(0);
    }

    /**
     * FLOPs of one frame of {@code width x height} through this model, counted from its graph
     * ({@link GraphFlops}); runs nothing.
     */
    public long flopsPerFrame(int width, int height) {
        if (closed.get()) {
            throw new IllegalStateException("model " + version() + " is closed");
        }
        final String inputOp = inputTensor.contains(":") ? inputTensor.substring(0, inputTensor.indexOf(':')) : inputTensor;
        return GraphFlops.perFrame(bundle.graph().toGraphDef(), inputOp, width, height, inputChannels());
    }

    public ModelCard card() {
        return card;
    }

    /** The task this model serves: its card's task, with a {@code -perceptual} suffix for that flavour ({@link Tasks#served}). */
    public String task() {
        return Tasks.served(card);
    }

    public String version() {
        return card.getVersion();
    }

    public int scale() {
        return card.getScale();
    }

    public int inputChannels() {
        return card.getInputChannels();
    }

    /** The directory the model was loaded from. */
    public Path directory() {
        return directory;
    }

    /** Whether {@link #close()} ran. */
    public boolean isClosed() {
        return closed.get();
    }

    /** Releases the graph and session; idempotent. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            bundle.close();
        }
    }

    @Override
    public String toString() {
        return "ContractModel[" + task() + " " + version() + ", x" + scale() + ", " + inputChannels() + "ch, "
                + directory + "]";
    }
}
