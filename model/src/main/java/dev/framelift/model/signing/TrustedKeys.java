package dev.framelift.model.signing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The public keys whose signatures an enhancer accepts, by key id. Each entry is the base64 of
 * an X.509-encoded Ed25519 public key (one line) or the path of a PEM file holding one.
 * Immutable; thread-safe.
 */
public final class TrustedKeys {
    private final Map<String, PublicKey> byId;

    private TrustedKeys(Map<String, PublicKey> byId) {
        this.byId = Map.copyOf(byId);
    }

    public static TrustedKeys none() {
        return new TrustedKeys(Map.of());
    }

    public static TrustedKeys of(PublicKey... keys) {
        final Map<String, PublicKey> map = new LinkedHashMap<>();
        for (PublicKey key : keys) {
            map.put(SigningKeys.keyId(key), key);
        }
        return new TrustedKeys(map);
    }

    /**
     * Parses the entries of a {@code models.trusted.keys} setting.
     *
     * @throws IllegalArgumentException naming the entry that is neither a key nor a readable key file
     */
    public static TrustedKeys parse(Collection<String> entries) {
        final Map<String, PublicKey> map = new LinkedHashMap<>();
        for (String raw : entries) {
            final String entry = raw.strip();
            if (entry.isEmpty()) {
                continue;
            }
            final PublicKey key;
            final Path file = asFile(entry);
            try {
                key = SigningKeys.parsePublic(file != null ? Files.readString(file) : entry);
            } catch (IOException | IllegalArgumentException e) {
                throw new IllegalArgumentException("trusted key '" + entry + "' is neither an Ed25519 public key"
                        + " (base64 of its X.509 encoding) nor a readable PEM file: " + e.getMessage(), e);
            }
            map.put(SigningKeys.keyId(key), key);
        }
        return new TrustedKeys(map);
    }

    private static Path asFile(String entry) {
        try {
            final Path path = Path.of(entry);
            return Files.isRegularFile(path) ? path : null;
        } catch (RuntimeException notAPath) {
            return null;
        }
    }

    public Optional<PublicKey> get(String keyId) {
        return Optional.ofNullable(keyId == null ? null : byId.get(keyId));
    }

    /** The trusted key ids, for logs and errors. */
    public List<String> ids() {
        return List.copyOf(byId.keySet());
    }

    public boolean isEmpty() {
        return byId.isEmpty();
    }
}
