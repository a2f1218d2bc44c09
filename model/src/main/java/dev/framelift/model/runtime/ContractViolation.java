package dev.framelift.model.runtime;

import java.io.IOException;

/**
 * A model directory that does not honour the model contract, with what kind of breach it is
 * (so a caller can count refusals by kind) and a one-line message naming the directory.
 */
public final class ContractViolation extends IOException {
    /** What is wrong. */
    public enum Kind {
        /** No card.json, or one that is not a valid ModelCard or breaks the task's shape. */
        CARD,
        /** No saved_model.pb, or TensorFlow cannot load it. */
        UNLOADABLE,
        /** The serving signature is missing or its tensors have the wrong names, dtypes or shapes. */
        SIGNATURE,
        /** The graph runs but its output breaks the contract (size) or is implausible (the canary). */
        OUTPUT
    }

    private final Kind kind;

    public ContractViolation(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public ContractViolation(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
