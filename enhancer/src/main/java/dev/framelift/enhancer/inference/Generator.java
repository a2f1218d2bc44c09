package dev.framelift.enhancer.inference;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import dev.framelift.model.Image;
import dev.framelift.model.Scope;
import dev.framelift.model.runtime.Canary;
import dev.framelift.model.runtime.ContractModel;
import dev.framelift.model.topic.VerifiedModel;
import dev.framelift.schema.ModelCard;

/**
 * A model serving one scope in this enhancer: a verified {@link ContractModel} plus where it
 * came from (a shipped folder, or a record of the {@code models} topic) and the scope it serves.
 *
 * <p><b>Thread-safety.</b> {@link #enhance} may be called concurrently (see
 * {@link ContractModel}); on a CPU one caller at a time, the {@link MicroBatcher}'s dispatcher,
 * gets the best throughput.
 *
 * <p><b>Lifecycle.</b> The generator owns its model (and, for a model from the topic, the
 * folder it was unpacked into) and releases both in {@link #close()}. In the service a
 * {@link ModelRegistry} owns its generators and closes a replaced one only after its last
 * in-flight batch.
 */
public final class Generator implements AutoCloseable {
    /**
     * Width and height of the frame every model runs once when it loads
     * ({@link ContractModel#PROBE_WIDTH}): a loaded generator is proven to take frames this large.
     * Smaller ones may break a graph (a padding or pooling wider than the frame), so the pipeline
     * pads them up to this size.
     */
    public static final int PROBE_WIDTH = ContractModel.PROBE_WIDTH;
    public static final int PROBE_HEIGHT = ContractModel.PROBE_HEIGHT;

    private final ContractModel model;
    private final AutoCloseable owned;
    private final Scope scope;
    private final String origin;

    private Generator(ContractModel model, AutoCloseable owned, Scope scope, String origin) {
        this.model = model;
        this.owned = owned;
        this.scope = scope;
        this.origin = origin;
    }

    /**
     * Loads a shipped model folder (SavedModel + card.json) with the session configuration of
     * {@link TensorFlowRuntime}, verifies it against the contract and runs the {@link Canary}. It
     * serves its task.
     *
     * @throws IOException naming the folder and what is wrong
     */
    public static Generator load(Path modelDir) throws IOException {
        final ContractModel model = ContractModel.load(modelDir, TensorFlowRuntime.configProto());
        try {
            Canary.check(model);
        } catch (IOException e) {
            model.close();
            throw e;
        }
        return new Generator(model, model, Scope.of(model.task()), "shipped " + modelDir);
    }

    /** A model that passed the topic's checks, serving {@code scope}; takes ownership of it. */
    public static Generator of(VerifiedModel verified, Scope scope) {
        final var update = verified.record().update();
        final String who = update.getPublisher().isEmpty() ? "" : " by " + update.getPublisher();
        return new Generator(verified.model(), verified, scope, "models topic offset " + verified.record().offset()
                + " (" + update.getAction() + " " + update.getPublishedTime() + who + ")");
    }

    /**
     * Enhances a batch in one session run (see {@link ContractModel#enhance(List)}).
     *
     * @throws IllegalStateException if the generator is closed
     */
    public List<Image> enhance(List<Image> batch) {
        return model.enhance(batch);
    }

    /** How frames made by this generator are stamped. */
    public ModelStamp stamp() {
        return new ModelStamp(version(), scope.toString(), card().getSha256());
    }

    public ModelCard card() {
        return model.card();
    }

    /** The task this model serves: its card's task, with a {@code -perceptual} suffix for that flavour ({@link Tasks#served}). */
    public String task() {
        return model.task();
    }

    public String version() {
        return model.version();
    }

    public int scale() {
        return model.scale();
    }

    public int inputChannels() {
        return model.inputChannels();
    }

    /** The scope this generator serves. */
    public Scope scope() {
        return scope;
    }

    /** Where it came from: {@code shipped <folder>} or the {@code models} record. */
    public String origin() {
        return origin;
    }

    /** Whether {@link #close()} ran. */
    public boolean isClosed() {
        return model.isClosed();
    }

    /** Releases the model (and its unpacked folder); idempotent. */
    @Override
    public void close() {
        if (model.isClosed()) {
            return;
        }
        try {
            owned.close();
        } catch (Exception e) {
            throw new IllegalStateException("cannot release " + this + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "Generator[" + scope + " " + version() + ", x" + scale() + ", " + inputChannels() + "ch, " + origin + "]";
    }
}
