/**
 * Authenticity of published models: Ed25519 keys in OpenSSL's PEM forms
 * ({@link dev.framelift.model.signing.SigningKeys}), the canonical bytes that are signed
 * ({@link dev.framelift.model.signing.SignedPayload}), signing and checking a
 * {@link dev.framelift.schema.ModelUpdate} ({@link dev.framelift.model.signing.UpdateSignature})
 * and the keys an enhancer trusts ({@link dev.framelift.model.signing.TrustedKeys}). The JDK's
 * built-in {@code Ed25519} provider does the cryptography.
 */
package dev.framelift.model.signing;
