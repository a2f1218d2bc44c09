package dev.framelift.model.topic;

/** A publish that did not happen, with a one-line reason a user can act on. */
public final class PublishRefused extends Exception {
    public PublishRefused(String message) {
        super(message);
    }

    public PublishRefused(String message, Throwable cause) {
        super(message, cause);
    }
}
