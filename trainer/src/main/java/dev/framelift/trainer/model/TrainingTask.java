package dev.framelift.trainer.model;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

import dev.framelift.model.ModelContract;
import dev.framelift.schema.ModelCardJson;
import dev.framelift.schema.Tasks;
import dev.framelift.trainer.data.Degradation;
import dev.framelift.trainer.data.LumaDegradation;
import dev.framelift.trainer.data.RgbImage;
import dev.framelift.trainer.data.SrDegradation;

/**
 * A task the trainer trains for, and everything that differs between tasks: the name a model
 * card records (the schema's {@link Tasks}), scale and input channels (the model contract's
 * {@link ModelContract#shapeOf}), the generators it offers, its degradation, which photos it
 * trains on, and the training defaults the command line falls back to.
 *
 * <p>The command line parses a task name once ({@link #parse}); from there on the trainer passes
 * this type, never the name. {@link #toString()} is the name, so a task prints as a card says it.
 */
public enum TrainingTask {
    SR_X2(Tasks.SR_X2, false, 96, 1e-3f, 1e-3f),
    SR_X4(Tasks.SR_X4, false, 128, 1e-3f, 1e-3f),
    /** The U-Net colorizers diverge at SR's learning rate, hence 3e-4. */
    COLORIZE(Tasks.COLORIZE, true, 128, 3e-4f, 5e-3f);

    /** The architecture a run gets without {@code --arch}. */
    public static final String DEFAULT_ARCHITECTURE = "fast";

    private final String id;
    private final boolean colorize;
    private final int scale;
    private final int inputChannels;
    private final int defaultPatch;
    private final float defaultLearningRate;
    private final float defaultAdvWeight;

    TrainingTask(String id, boolean colorize, int defaultPatch, float defaultLearningRate, float defaultAdvWeight) {
        this.id = id;
        this.colorize = colorize;
        final ModelContract.TaskShape shape = ModelContract.shapeOf(id);
        this.scale = shape.scale();
        this.inputChannels = shape.inputChannels();
        this.defaultPatch = defaultPatch;
        this.defaultLearningRate = defaultLearningRate;
        this.defaultAdvWeight = defaultAdvWeight;
    }

    /**
     * The task called {@code name} ({@code sr-x2}, {@code sr-x4} or {@code colorize}).
     *
     * @throws IllegalArgumentException naming the tasks there are, for any other name
     */
    public static TrainingTask parse(String name) {
        return find(name).orElseThrow(() -> new IllegalArgumentException("unknown task '" + name + "' (" + names() + ")"));
    }

    /** The task named {@code name}, if the trainer has one (a card may name a task it does not). */
    public static Optional<TrainingTask> find(String name) {
        return Arrays.stream(values()).filter(t -> t.id.equals(name)).findFirst();
    }

    /** The task names for a message: {@code sr-x2, sr-x4 or colorize}. */
    public static String names() {
        final List<String> all = Arrays.stream(values()).map(TrainingTask::id).toList();
        return String.join(", ", all.subList(0, all.size() - 1)) + " or " + all.get(all.size() - 1);
    }

    /** The task's name as a model card and a {@link dev.framelift.model.Scope} record it, e.g. {@code sr-x2}. */
    public String id() {
        return id;
    }

    /** Output side over input side: 2 or 4 for super-resolution, 1 for colorization. */
    public int scale() {
        return scale;
    }

    /** Channels of a model's input: 3 (RGB) for super-resolution, 1 (luma) for colorization. */
    public int inputChannels() {
        return inputChannels;
    }

    public boolean colorize() {
        return colorize;
    }

    /**
     * The {@code --arch} names the trainer builds for this task, cheapest first: {@code realtime}
     * (super-resolution only), {@code fast} and {@code quality} for every task, and {@code bins},
     * {@code bins-deep}, {@code bins-semantic} and {@code bins-semantic-fine}
     * ({@link ChromaBinsGenerator}) for colorization.
     */
    public List<String> architectures() {
        return colorize ? List.of("fast", "quality", "bins", "bins-deep", "bins-semantic", "bins-semantic-fine")
                : Arrays.stream(SrGenerator.Size.values()).map(SrGenerator.Size::arch).toList();
    }

    /**
     * The generator of {@code --arch arch} for a run started from the exported model in
     * {@code init} (or null): a semantic colorizer takes its encoder from an {@code init} model that
     * carries one, so fine-tuning one needs no encoder files.
     */
    public Generator generator(String arch, Path init) throws IOException {
        final boolean carried = init != null && colorize && Set.of(ChromaBinsGenerator.SEMANTIC_ARCHITECTURE,
                ChromaBinsGenerator.SEMANTIC_FINE_ARCHITECTURE).contains(ModelCardJson.read(init).getArchitecture().toString());
        return generator(arch, carried ? () -> Encoders.inModel(init) : Encoders::centernet);
    }

    /** The generator of this task built by {@code --arch arch}, one of {@link #architectures()}. */
    public Generator generator(String arch) {
        return generator(arch, Encoders::centernet);
    }

    /** As {@link #generator(String)}, a semantic colorizer reading {@code encoder}. */
    private Generator generator(String arch, Supplier<Encoder> encoder) {
        if (!architectures().contains(arch)) {
            throw new IllegalArgumentException("unknown architecture " + arch + " for " + id + " ("
                    + String.join(", ", architectures()) + ")");
        }
        if (colorize) {
            return switch (arch) {
                case "bins" -> new ChromaBinsGenerator();
                case "bins-deep" -> ChromaBinsGenerator.deep();
                case "bins-semantic" -> ChromaBinsGenerator.semantic(encoder);
                case "bins-semantic-fine" -> ChromaBinsGenerator.semanticFine(encoder);
                default -> new ColorizeGenerator(arch.equals("quality"));
            };
        }
        return new SrGenerator(this, SrGenerator.Size.of(arch));
    }

    /**
     * The {@code --arch} name of this task's generator whose {@link Generator#architecture()} is
     * {@code architecture} (as a model card records it).
     *
     * @throws IllegalArgumentException if this task has no such generator
     */
    public String archOf(String architecture) {
        return architectures().stream().filter(arch -> generator(arch).architecture().equals(architecture)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown architecture " + architecture + " for " + id));
    }

    /**
     * How a training pair is made from a photo: the antialiased bicubic downscale for
     * super-resolution, the luma for colorization; {@code realistic} adds blur, noise and JPEG
     * to the input of either.
     */
    public Degradation degradation(boolean realistic) {
        return colorize ? new LumaDegradation(realistic) : new SrDegradation(scale, realistic);
    }

    /** Whether a photo teaches this task anything: colorization skips photos that are gray already. */
    public boolean learnsFrom(RgbImage photo) {
        return !colorize || photo.chromaStd() >= LumaDegradation.GRAY_CHROMA_STD;
    }

    /** Side of the target crops in px without {@code --patch}: larger for the scales and networks that need more context. */
    public int defaultPatch() {
        return defaultPatch;
    }

    /** Peak learning rate of the L1 phase without {@code --lr}. */
    public float defaultLearningRate() {
        return defaultLearningRate;
    }

    /** Weight of the adversarial loss next to L1 without {@code --adv-weight} (for a faithful model). */
    public float defaultAdvWeight() {
        return defaultAdvWeight;
    }

    /** The name, e.g. {@code sr-x2}. */
    @Override
    public String toString() {
        return id;
    }
}
