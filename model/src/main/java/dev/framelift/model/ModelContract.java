package dev.framelift.model;

import java.util.Locale;

import dev.framelift.schema.ModelCard;
import dev.framelift.schema.ModelCardJson;
import dev.framelift.schema.Tasks;

/**
 * The model contract, once: a TensorFlow SavedModel (tag {@value #TAG}) whose signature
 * {@value #SIGNATURE} takes uint8 images {@code [N, H, W, C_in]} and returns uint8
 * {@code [N, H*s, W*s, 3]}, plus a {@code card.json} ({@link ModelCard}) that says the task, the
 * scale {@code s} and {@code C_in}. Colour conversion, scaling and clipping happen inside the
 * graph, so a caller only moves pixels.
 *
 * <p>Each task fixes its scale and input channels ({@link #shapeOf}): a card that claims
 * otherwise is refused, so every version of a task (and of a task's per-stream scopes) takes the
 * same frames.
 */
public final class ModelContract {
    /** The SavedModel tag the contract exports under. */
    public static final String TAG = "serve";
    /** The serving signature's key. */
    public static final String SIGNATURE = "serving_default";
    /** Default name of the signature's uint8 input (a card may name another). */
    public static final String INPUT = "images";
    /** Default name of the signature's uint8 output (a card may name another). */
    public static final String OUTPUT = "enhanced";
    /** The graph file of a SavedModel directory. */
    public static final String SAVED_MODEL_FILE = "saved_model.pb";
    /** The card beside it. */
    public static final String CARD_FILE = ModelCardJson.FILE_NAME;
    /** Channels of every output. */
    public static final int OUTPUT_CHANNELS = 3;
    /**
     * The long side, in px, at which a colorizer of the {@code unet4-chroma-bins} architecture
     * colours a frame larger than that: inside its graph the luma is area-averaged down to it and
     * the chroma upsampled back. The enhancer reduces a gray frame larger than a tile straight to
     * this side, so the network sees the pixels it would see for the whole frame.
     */
    public static final int COLORIZE_WORK_SIDE = 384;

    private ModelContract() {
    }

    /** Scale and input channels of one task's models. */
    public record TaskShape(int scale, int inputChannels) {
    }

    /**
     * The shape every model of {@code task} has: {@code sr-x2} 2 and 3, {@code sr-x4} 4 and 3,
     * {@code colorize} 1 and 1; a flavour's task ({@code sr-x2-perceptual}) has its base task's shape.
     *
     * @throws IllegalArgumentException for a task the contract does not know
     */
    public static TaskShape shapeOf(String task) {
        return switch (Tasks.baseOf(task)) {
            case Tasks.SR_X2 -> new TaskShape(2, 3);
            case Tasks.SR_X4 -> new TaskShape(4, 3);
            case Tasks.COLORIZE -> new TaskShape(1, 1);
            default -> throw new IllegalArgumentException("unknown task '" + task + "' (known: " + Tasks.ALL + ")");
        };
    }

    /** Whether the contract knows {@code task}. */
    public static boolean knows(String task) {
        return Tasks.ALL.contains(task);
    }

    /**
     * Checks a card against the contract: a known task, that task's scale and input channels,
     * a version, signature tensor names.
     *
     * @return a one-line description of what is wrong, or null when the card is valid
     */
    public static String cardProblem(ModelCard card) {
        if (!Tasks.FAITHFUL_TASKS.contains(card.getTask())) {
            return "unknown task '" + card.getTask() + "' (a card names one of " + Tasks.FAITHFUL_TASKS + " and its flavour)";
        }
        if (!Tasks.FLAVOURS.contains(card.getFlavour())) {
            return "unknown flavour '" + card.getFlavour() + "' (known: " + Tasks.FLAVOURS + ")";
        }
        final TaskShape shape = shapeOf(card.getTask());
        if (card.getScale() != shape.scale() || card.getInputChannels() != shape.inputChannels()) {
            return String.format(Locale.ROOT, "task %s takes scale %d and %d input channel(s); the card says scale %d and %d",
                    card.getTask(), shape.scale(), shape.inputChannels(), card.getScale(), card.getInputChannels());
        }
        if (card.getVersion() == null || card.getVersion().isBlank()) {
            return "the card has no version";
        }
        if (card.getSignatureInput().isBlank() || card.getSignatureOutput().isBlank()) {
            return "the card names no signature input or output";
        }
        return null;
    }
}
