package dev.framelift.model.topic;

import dev.framelift.model.Scope;
import dev.framelift.model.signing.TrustedKeys;
import dev.framelift.model.signing.UpdateSignature;
import dev.framelift.schema.ModelUpdate;

/**
 * Which signatures a reader of the {@code models} topic accepts: the enhancer's rule (signed by
 * a trusted key; unsigned only when explicitly allowed), or none at all for tools that only
 * show what was published.
 *
 * @param keys          the trusted keys
 * @param allowUnsigned accept records without a signature (development only)
 * @param enforced      false: accept every record whatever its signature (listing tools)
 */
public record SignaturePolicy(TrustedKeys keys, boolean allowUnsigned, boolean enforced) {
    /** The enhancer's rule. */
    public static SignaturePolicy trusting(TrustedKeys keys, boolean allowUnsigned) {
        return new SignaturePolicy(keys, allowUnsigned, true);
    }

    /** Accept everything: for showing the topic without knowing the trusted keys. */
    public static SignaturePolicy unchecked() {
        return new SignaturePolicy(TrustedKeys.none(), true, false);
    }

    /** @throws RefusedUpdate if the update's signature is not acceptable for {@code scope} */
    void check(ModelUpdate update, Scope scope) throws RefusedUpdate {
        if (!enforced) {
            return;
        }
        switch (UpdateSignature.verify(update, scope, keys)) {
            case VALID -> { }
            case UNSIGNED -> {
                if (!allowUnsigned) {
                    throw new RefusedUpdate(RefusalReason.UNSIGNED, "unsigned; enhancers accept only models signed by a key"
                            + " in models.trusted.keys (models.allow.unsigned=true allows them on a development cluster)");
                }
            }
            case UNTRUSTED_KEY -> throw new RefusedUpdate(RefusalReason.UNTRUSTED_KEY, "signed by key "
                    + update.getSignerKeyId() + ", which is not trusted (trusted: " + keys.ids() + ")");
            case BAD_SIGNATURE -> throw new RefusedUpdate(RefusalReason.BAD_SIGNATURE, "the signature of key "
                    + update.getSignerKeyId() + " does not hold for scope " + scope + " and this card (tampered?)");
        }
    }
}
