package dev.framelift.schema;

import java.util.List;

/** The task names that {@link Frame#getTask()} and {@link ModelCard#getTask()} may carry. */
public final class Tasks {
    public static final String SR_X2 = "sr-x2";
    public static final String SR_X4 = "sr-x4";
    public static final String COLORIZE = "colorize";
    public static final List<String> ALL = List.of(SR_X2, SR_X4, COLORIZE);

    private Tasks() {
    }
}
