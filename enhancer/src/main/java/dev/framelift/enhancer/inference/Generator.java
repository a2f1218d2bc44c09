package dev.framelift.enhancer.inference;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Signature;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.ByteDataBuffer;
import org.tensorflow.proto.DataType;
import org.tensorflow.types.TUint8;

import dev.framelift.enhancer.image.Image;
import dev.framelift.schema.ModelCard;
import dev.framelift.schema.ModelCardJson;
import dev.framelift.schema.Tasks;

/**
 * One loaded generator: a SavedModel that honours the model contract (signature
 * {@code serving_default}, uint8 input {@code images [N,H,W,C_in]}, uint8 output
 * {@code enhanced [N,H*s,W*s,3]}) and its {@link ModelCard}.
 *
 * <p><b>Thread-safety.</b> {@link #enhance} may be called concurrently: TensorFlow sessions are
 * thread-safe for runs and every call owns its tensors. Concurrent runs compete for the same
 * intra-op thread pool, so on a CPU one caller at a time (the {@link MicroBatcher}'s dispatcher)
 * gets the best throughput.
 *
 * <p><b>Lifecycle.</b> The generator owns its {@link SavedModelBundle} (graph and session) and
 * releases it in {@link #close()}; TensorFlow waits for runs still in progress before it deletes
 * the session. Calls after close fail with {@link IllegalStateException}. In the service a
 * {@link ModelRegistry} owns its generators and closes a replaced one only after its last
 * in-flight batch.
 */
public final class Generator implements AutoCloseable {
    static final String SIGNATURE_KEY = Signature.DEFAULT_KEY;
    /**
     * Width and height of the frame every generator runs once when it loads: a loaded generator
     * is proven to take frames this large. Smaller ones may break a graph (a padding or pooling
     * wider than the frame), so the pipeline pads them up to this size.
     */
    public static final int PROBE_WIDTH = 16;
    public static final int PROBE_HEIGHT = 12;

    private final Path directory;
    private final ModelCard card;
    private final SavedModelBundle bundle;
    private final String inputTensor;
    private final String outputTensor;
    private final AtomicBoolean closed = new AtomicBoolean();

    private Generator(Path directory, ModelCard card, SavedModelBundle bundle, String inputTensor,
            String outputTensor) {
        this.directory = directory;
        this.card = card;
        this.bundle = bundle;
        this.inputTensor = inputTensor;
        this.outputTensor = outputTensor;
    }

    /**
     * Loads the model in {@code modelDir} (SavedModel tag {@code serve} + {@code card.json}) with
     * the session configuration of {@link TensorFlowRuntime}, checks the signature against the
     * card and runs one tiny probe frame to check that the graph's scale and output channels are
     * the card's.
     *
     * @throws IOException naming the directory and what is wrong: no card, no SavedModel, a
     *     signature that breaks the contract, a graph that disagrees with its card
     */
    public static Generator load(Path modelDir) throws IOException {
        ModelCard card = ModelCardJson.read(modelDir);
        if (!Files.isRegularFile(modelDir.resolve("saved_model.pb"))) {
            throw new IOException("no saved_model.pb in " + modelDir);
        }
        if (card.getScale() < 1 || (card.getInputChannels() != 1 && card.getInputChannels() != 3)) {
            throw new IOException("model card in " + modelDir + " has scale " + card.getScale()
                    + " and inputChannels " + card.getInputChannels() + "; expected scale >= 1 and 1 or 3 channels");
        }
        SavedModelBundle bundle;
        try {
            bundle = SavedModelBundle.loader(modelDir.toString())
                    .withTags(SavedModelBundle.DEFAULT_TAG)
                    .withConfigProto(TensorFlowRuntime.configProto())
                    .load();
        } catch (RuntimeException e) {
            throw new IOException("cannot load SavedModel (tag serve) from " + modelDir + ": " + e.getMessage(), e);
        }
        try {
            Signature signature = servingSignature(bundle, modelDir);
            String inputName = card.getSignatureInput();
            String outputName = card.getSignatureOutput();
            Signature.TensorDescription input = signature.getInputs().get(inputName);
            Signature.TensorDescription output = signature.getOutputs().get(outputName);
            String where = "signature " + SIGNATURE_KEY + " of " + modelDir;
            if (input == null || output == null) {
                throw new IOException(where + " must have input '" + inputName + "' and output '" + outputName
                        + "', has inputs " + signature.inputNames() + " and outputs " + signature.outputNames());
            }
            checkImageTensor(where, "input", inputName, input, card.getInputChannels());
            checkImageTensor(where, "output", outputName, output, 3);
            Generator generator = new Generator(modelDir, card, bundle, input.name, output.name);
            generator.probe();
            return generator;
        } catch (IOException | RuntimeException e) {
            bundle.close();
            throw e instanceof IOException io ? io
                    : new IOException("model in " + modelDir + " failed its check: " + e.getMessage(), e);
        }
    }

    private static Signature servingSignature(SavedModelBundle bundle, Path modelDir) throws IOException {
        for (Signature signature : bundle.signatures()) {
            if (signature.key().equals(SIGNATURE_KEY)) {
                return signature;
            }
        }
        List<String> keys = bundle.signatures().stream().map(Signature::key).toList();
        throw new IOException("no signature " + SIGNATURE_KEY + " in " + modelDir + "; it has " + keys);
    }

    private static void checkImageTensor(String where, String role, String name, Signature.TensorDescription d,
            int channels) throws IOException {
        Shape shape = d.shape;
        boolean rank4 = !shape.isUnknown() && shape.numDimensions() == 4;
        if (d.dataType != DataType.DT_UINT8 || !rank4 || shape.get(3) != channels) {
            throw new IOException(where + ": " + role + " '" + name + "' must be uint8 [N,H,W," + channels
                    + "], is " + d.dataType + " " + shape);
        }
    }

    /** Runs one PROBE_WIDTH x PROBE_HEIGHT frame and checks that the output is that times the scale, x 3. */
    private void probe() {
        Image frame = new Image(PROBE_WIDTH, PROBE_HEIGHT, inputChannels(),
                new byte[PROBE_WIDTH * PROBE_HEIGHT * inputChannels()]);
        Image out = enhance(List.of(frame)).get(0);
        if (out.width() != PROBE_WIDTH * scale() || out.height() != PROBE_HEIGHT * scale()) {
            throw new IllegalStateException("the graph scales 16x12 to " + out.width() + "x" + out.height()
                    + " but the card says scale " + scale());
        }
    }

    /**
     * Enhances a batch in one session run.
     *
     * @param batch one or more images, all of the same width, height and channel count, which
     *     must be {@link #inputChannels()}
     * @return one output per input, in order, each {@code (width*scale) x (height*scale) x 3}
     * @throws IllegalArgumentException if the batch is empty or mixed, or has the wrong channels
     * @throws IllegalStateException if the generator is closed or the graph's output breaks the
     *     contract
     * @throws org.tensorflow.exceptions.TensorFlowException if TensorFlow fails to run the graph
     */
    public List<Image> enhance(List<Image> batch) {
        if (closed.get()) {
            throw new IllegalStateException("generator " + version() + " is closed");
        }
        if (batch.isEmpty()) {
            throw new IllegalArgumentException("empty batch");
        }
        Image first = batch.get(0);
        int w = first.width();
        int h = first.height();
        int c = first.channels();
        if (c != inputChannels()) {
            throw new IllegalArgumentException(task() + " takes " + inputChannels() + " channels, got " + c);
        }
        for (Image image : batch) {
            if (image.width() != w || image.height() != h || image.channels() != c) {
                throw new IllegalArgumentException("mixed batch: " + w + "x" + h + "x" + c + " and "
                        + image.width() + "x" + image.height() + "x" + image.channels());
            }
        }
        int n = batch.size();
        if ((long) w * scale() * h * scale() * 3 > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("output of " + w + "x" + h + " at x" + scale() + " exceeds 2 GiB");
        }
        int frameBytes = w * h * c;
        try (TUint8 input = TUint8.tensorOf(Shape.of(n, h, w, c), tensor -> {
            ByteDataBuffer data = tensor.asRawTensor().data();
            for (int i = 0; i < n; i++) {
                data.slice((long) i * frameBytes, frameBytes).write(batch.get(i).pixels());
            }
        }); Result result = bundle.session().runner().feed(inputTensor, input).fetch(outputTensor).run()) {
            return unpack(result.get(0), n, w * scale(), h * scale());
        }
    }

    private List<Image> unpack(Tensor output, int n, int outW, int outH) {
        Shape expected = Shape.of(n, outH, outW, 3);
        if (output.dataType() != DataType.DT_UINT8 || !output.shape().equals(expected)) {
            throw new IllegalStateException("generator " + version() + " returned " + output.dataType() + " "
                    + output.shape() + ", expected uint8 " + expected);
        }
        ByteDataBuffer data = output.asRawTensor().data();
        int frameBytes = outW * outH * 3;
        List<Image> images = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            byte[] pixels = new byte[frameBytes];
            data.slice((long) i * frameBytes, frameBytes).read(pixels);
            images.add(new Image(outW, outH, 3, pixels));
        }
        return images;
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

    /** Releases the graph and session; idempotent. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            bundle.close();
        }
    }

    @Override
    public String toString() {
        return "Generator[" + task() + " " + version() + ", x" + scale() + ", " + inputChannels() + "ch, "
                + directory + "]";
    }
}
