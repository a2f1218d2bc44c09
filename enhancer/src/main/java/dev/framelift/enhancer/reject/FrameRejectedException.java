package dev.framelift.enhancer.reject;

import dev.framelift.schema.RejectReason;

/**
 * A frame that cannot be enhanced, with the machine-readable reason that goes to
 * {@code frames.rejected}. Checked on purpose: every step that can refuse a frame says so.
 */
public class FrameRejectedException extends Exception {
    private final RejectReason reason;

    public FrameRejectedException(RejectReason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public FrameRejectedException(RejectReason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public RejectReason reason() {
        return reason;
    }
}
