package dev.framelift.model.signing;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Optional;

import dev.framelift.model.Scope;
import dev.framelift.schema.ModelCard;
import dev.framelift.schema.ModelUpdate;

/**
 * Signs and checks the Ed25519 signature of a {@link ModelUpdate} over its
 * {@link SignedPayload}. Stateless; thread-safe.
 */
public final class UpdateSignature {
    /** Outcome of a check. */
    public enum Verdict {
        /** Signed by a trusted key, and the signature holds. */
        VALID,
        /** No signature at all. */
        UNSIGNED,
        /** Signed by a key that is not trusted. */
        UNTRUSTED_KEY,
        /** Signed by a trusted key, but the signature does not hold for this scope and card. */
        BAD_SIGNATURE
    }

    private UpdateSignature() {
    }

    public static byte[] sign(PrivateKey key, Scope scope, ModelCard card) {
        try {
            final Signature signer = Signature.getInstance(SigningKeys.ALGORITHM);
            signer.initSign(key);
            signer.update(SignedPayload.of(scope, card));
            return signer.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot sign with this key: " + e.getMessage(), e);
        }
    }

    /** Checks {@code update}'s signature for {@code scope} against {@code trusted}. */
    public static Verdict verify(ModelUpdate update, Scope scope, TrustedKeys trusted) {
        final ByteBuffer signature = update.getSignature();
        if (signature == null || !signature.hasRemaining()) {
            return Verdict.UNSIGNED;
        }
        final Optional<PublicKey> key = trusted.get(update.getSignerKeyId());
        if (key.isEmpty()) {
            return Verdict.UNTRUSTED_KEY;
        }
        final byte[] bytes = new byte[signature.remaining()];
        signature.duplicate().get(bytes);
        try {
            final Signature verifier = Signature.getInstance(SigningKeys.ALGORITHM);
            verifier.initVerify(key.get());
            verifier.update(SignedPayload.of(scope, update.getCard()));
            return verifier.verify(bytes) ? Verdict.VALID : Verdict.BAD_SIGNATURE;
        } catch (GeneralSecurityException e) {
            return Verdict.BAD_SIGNATURE;
        }
    }
}
