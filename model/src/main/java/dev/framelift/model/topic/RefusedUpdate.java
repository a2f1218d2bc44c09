package dev.framelift.model.topic;

/** A {@code models} record that was refused, with the reason and a one-line explanation. */
public final class RefusedUpdate extends Exception {
    private final RefusalReason reason;

    public RefusedUpdate(RefusalReason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public RefusedUpdate(RefusalReason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public RefusalReason reason() {
        return reason;
    }

    @Override
    public String toString() {
        return reason + ": " + getMessage();
    }
}
