package dev.framelift.schema;

import java.util.List;
import java.util.Locale;

/**
 * The task names that {@link Frame#getTask()} may carry, and how a {@link ModelCard}'s task and
 * flavour map to the task it serves: a faithful model serves its task ({@code sr-x2}), another
 * flavour the task with the flavour as a suffix ({@code sr-x2-perceptual}, {@code sr-x2-realtime}),
 * so the producer of a frame chooses the flavour and the default stays faithful.
 */
public final class Tasks {
    public static final String SR_X2 = "sr-x2";
    public static final String SR_X4 = "sr-x4";
    public static final String COLORIZE = "colorize";
    public static final String SR_X2_PERCEPTUAL = SR_X2 + "-perceptual";
    public static final String SR_X4_PERCEPTUAL = SR_X4 + "-perceptual";
    public static final String SR_X2_REALTIME = SR_X2 + "-realtime";
    public static final String SR_X4_REALTIME = SR_X4 + "-realtime";
    /** The tasks of the faithful (default) models: what a deployment needs before it is ready. */
    public static final List<String> FAITHFUL_TASKS = List.of(SR_X2, SR_X4, COLORIZE);
    public static final List<String> ALL = List.of(SR_X2, SR_X4, COLORIZE, SR_X2_PERCEPTUAL, SR_X4_PERCEPTUAL, SR_X2_REALTIME,
            SR_X4_REALTIME);

    /** Trained for fidelity: the default. */
    public static final String FAITHFUL = "faithful";
    /** Adversarially trained to draw sharper texture than the input holds. */
    public static final String PERCEPTUAL = "perceptual";
    /** Trained for fidelity like faithful, with a network a fraction of its size: for frame rate over the last decibel. */
    public static final String REALTIME = "realtime";
    public static final List<String> FLAVOURS = List.of(FAITHFUL, PERCEPTUAL, REALTIME);

    private Tasks() {
    }

    /** The task a model of {@code task} and {@code flavour} serves. */
    public static String served(String task, String flavour) {
        return FAITHFUL.equals(flavour) ? task : task + "-" + flavour;
    }

    /** The task {@code card}'s model serves. */
    public static String served(ModelCard card) {
        return served(card.getTask(), card.getFlavour());
    }

    /** The flavour a served task name asks for. */
    public static String flavourOf(String servedTask) {
        final String lower = servedTask.toLowerCase(Locale.ROOT);
        return FLAVOURS.stream().filter(f -> !f.equals(FAITHFUL) && lower.endsWith("-" + f)).findFirst().orElse(FAITHFUL);
    }

    /** The model task behind a served task name ({@code sr-x2-perceptual} to {@code sr-x2}). */
    public static String baseOf(String servedTask) {
        final String flavour = flavourOf(servedTask);
        return flavour.equals(FAITHFUL) ? servedTask : servedTask.substring(0, servedTask.length() - flavour.length() - 1);
    }
}
