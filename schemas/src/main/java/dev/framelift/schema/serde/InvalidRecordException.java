package dev.framelift.schema.serde;

/** Bytes that do not decode as the expected record: wrong header, unknown fingerprint, truncation. */
public class InvalidRecordException extends RuntimeException {
    public InvalidRecordException(String message) {
        super(message);
    }

    public InvalidRecordException(String message, Throwable cause) {
        super(message, cause);
    }
}
