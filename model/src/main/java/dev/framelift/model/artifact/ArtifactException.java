package dev.framelift.model.artifact;

import java.io.IOException;

/** A model artifact that cannot be trusted or unpacked, with the kind of failure. */
public final class ArtifactException extends IOException {
    /** Why the artifact was refused. */
    public enum Kind {
        /** Not a zip, truncated, or its directory and entries disagree. */
        CORRUPT,
        /** Over a size, entry-count or compression-ratio limit: a zip bomb, or simply too big. */
        TOO_LARGE,
        /** An entry that would land outside the target (zip-slip), a link, or a duplicate name. */
        UNSAFE_ENTRY,
        /** The bytes do not hash to the sha256 the card promises. */
        SHA256_MISMATCH,
        /** A URI artifact that cannot be fetched. */
        UNREACHABLE
    }

    private final Kind kind;

    public ArtifactException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public ArtifactException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
