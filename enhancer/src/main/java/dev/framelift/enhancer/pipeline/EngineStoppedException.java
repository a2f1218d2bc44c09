package dev.framelift.enhancer.pipeline;

/**
 * The inference engine stopped (closed or interrupted) while a frame waited for it. Says nothing
 * about the frame: the caller must not reject it, but fail, so that the frame is processed again
 * by whoever takes over.
 */
public class EngineStoppedException extends RuntimeException {
    public EngineStoppedException(String message, Throwable cause) {
        super(message, cause);
    }
}
