package dev.framelift.model;

import java.util.Objects;

/**
 * Where a model serves: a whole task ({@code colorize}) or one stream of it
 * ({@code colorize@cam-7}). A frame is enhanced by its stream's model where one is active, by
 * its task's otherwise. The scope is the key of the {@code models} topic.
 *
 * @param task   a task of the model contract
 * @param stream a stream id, or null for the task scope
 */
public record Scope(String task, String stream) {
    /** Separates task and stream in the written form. Tasks never contain it; stream ids may. */
    public static final char SEPARATOR = '@';

    public Scope {
        Objects.requireNonNull(task, "task");
        if (task.isEmpty() || task.indexOf(SEPARATOR) >= 0) {
            throw new IllegalArgumentException("bad task '" + task + "' in a scope");
        }
        if (stream != null && stream.isEmpty()) {
            throw new IllegalArgumentException("empty stream id in a scope: write the task alone");
        }
    }

    /** The task scope. */
    public static Scope of(String task) {
        return new Scope(task, null);
    }

    /** The scope of one stream of a task. */
    public static Scope of(String task, String stream) {
        return new Scope(task, stream);
    }

    /**
     * Parses {@code TASK} or {@code TASK@STREAM} (the first {@code @} separates: a stream id may
     * contain more).
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    public static Scope parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("empty scope: write TASK or TASK@STREAM, e.g. colorize@cam-7");
        }
        final int at = text.indexOf(SEPARATOR);
        if (at < 0) {
            return of(text);
        }
        if (at == 0 || at == text.length() - 1) {
            throw new IllegalArgumentException("bad scope '" + text + "': write TASK or TASK@STREAM, e.g. colorize@cam-7");
        }
        return of(text.substring(0, at), text.substring(at + 1));
    }

    /** Whether this is a whole task's scope. */
    public boolean isTask() {
        return stream == null;
    }

    /** The task scope this scope falls back to (itself for a task scope). */
    public Scope taskScope() {
        return isTask() ? this : of(task);
    }

    @Override
    public String toString() {
        return isTask() ? task : task + SEPARATOR + stream;
    }
}
