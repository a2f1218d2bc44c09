package dev.framelift.schema;

import java.util.List;
import java.util.Locale;

/**
 * The task names that {@link Frame#getTask()} may carry, and how a {@link ModelCard}'s task and
 * flavour map to the task it serves: a faithful model serves its task ({@code sr-x2}), a
 * perceptual one the task with a {@code -perceptual} suffix ({@code sr-x2-perceptual}), so the
 * producer of a frame chooses the flavour and the default stays faithful.
 */
public final class Tasks {
    public static final String SR_X2 = "sr-x2";
    public static final String SR_X4 = "sr-x4";
    public static final String COLORIZE = "colorize";
    public static final String SR_X2_PERCEPTUAL = SR_X2 + "-perceptual";
    public static final String SR_X4_PERCEPTUAL = SR_X4 + "-perceptual";
    /** The tasks of the faithful (default) models: what a deployment needs before it is ready. */
    public static final List<String> FAITHFUL_TASKS = List.of(SR_X2, SR_X4, COLORIZE);
    public static final List<String> ALL = List.of(SR_X2, SR_X4, COLORIZE, SR_X2_PERCEPTUAL, SR_X4_PERCEPTUAL);

    /** Trained for fidelity: the default. */
    public static final String FAITHFUL = "faithful";
    /** Adversarially trained to draw sharper texture than the input holds. */
    public static final String PERCEPTUAL = "perceptual";
    public static final List<String> FLAVOURS = List.of(FAITHFUL, PERCEPTUAL);

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
        return servedTask.toLowerCase(Locale.ROOT).endsWith("-" + PERCEPTUAL) ? PERCEPTUAL : FAITHFUL;
    }

    /** The model task behind a served task name ({@code sr-x2-perceptual} to {@code sr-x2}). */
    public static String baseOf(String servedTask) {
        String suffix = "-" + PERCEPTUAL;
        return servedTask.endsWith(suffix) ? servedTask.substring(0, servedTask.length() - suffix.length()) : servedTask;
    }
}
