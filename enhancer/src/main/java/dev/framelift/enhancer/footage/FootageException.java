package dev.framelift.enhancer.footage;

import java.io.IOException;

/**
 * Footage that cannot be read or written, with a message meant for the person who passed it: it
 * names the file or URL and says what is wrong in one line.
 */
public final class FootageException extends IOException {
    private static final long serialVersionUID = 1L;

    public FootageException(String message) {
        super(message);
    }

    public FootageException(String message, Throwable cause) {
        super(message, cause);
    }
}
