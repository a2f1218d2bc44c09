package dev.framelift.model.signing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.EdECPrivateKey;
import java.security.spec.NamedParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

import dev.framelift.model.artifact.Sha256;

/**
 * Ed25519 keys with the JDK's own provider, in the PEM forms OpenSSL reads and writes
 * ({@code openssl genpkey -algorithm ed25519} makes a private key this reads; {@code openssl pkey
 * -pubout} its public key). A public key may also be given as the bare base64 of its X.509
 * encoding: the body of the PEM on one line. Its id is the first 16 hex digits of the sha256 of
 * that encoding. Stateless.
 */
public final class SigningKeys {
    /** The JDK algorithm name. */
    public static final String ALGORITHM = "Ed25519";
    private static final String PRIVATE = "PRIVATE KEY";
    private static final String PUBLIC = "PUBLIC KEY";

    private SigningKeys() {
    }

    public static KeyPair generate() {
        try {
            return KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK has no " + ALGORITHM, e);
        }
    }

    /** Writes {@code <base>.key} (private, owner-only where the file system allows) and {@code <base>.pub}. */
    public static void write(KeyPair pair, Path privateFile, Path publicFile) throws IOException {
        Files.writeString(privateFile, pem(PRIVATE, pair.getPrivate().getEncoded()));
        try {
            Files.setPosixFilePermissions(privateFile, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // the file system has no owner-only mode; the key is still written
        }
        Files.writeString(publicFile, pem(PUBLIC, pair.getPublic().getEncoded()));
    }

    /**
     * Reads a PKCS#8 PEM private key.
     *
     * @throws IOException naming the file when it is missing or not an Ed25519 private key
     */
    public static PrivateKey readPrivate(Path file) throws IOException {
        final String text = Files.readString(file, StandardCharsets.US_ASCII);
        try {
            return KeyFactory.getInstance(ALGORITHM).generatePrivate(new PKCS8EncodedKeySpec(body(text, PRIVATE)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IOException(file + " is not an Ed25519 private key in PEM (PKCS#8): " + e.getMessage(), e);
        }
    }

    /**
     * The public key that belongs to a private key. Ed25519 derives it from the private seed; the
     * JDK offers that derivation only through its key pair generator, so the generator is fed the
     * seed as its randomness.
     */
    public static PublicKey publicOf(PrivateKey key) {
        if (!(key instanceof EdECPrivateKey edec) || edec.getBytes().isEmpty()) {
            throw new IllegalArgumentException("not an Ed25519 private key");
        }
        try {
            final KeyPairGenerator generator = KeyPairGenerator.getInstance(ALGORITHM);
            generator.initialize(NamedParameterSpec.ED25519, new FixedSeed(edec.getBytes().get()));
            return generator.generateKeyPair().getPublic();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot derive the public key", e);
        }
    }

    /**
     * Parses a public key: a PEM text, or the bare base64 of its X.509 encoding.
     *
     * @throws IllegalArgumentException when it is not an Ed25519 public key
     */
    public static PublicKey parsePublic(String text) {
        final byte[] der = text.contains("-----BEGIN") ? body(text, PUBLIC) : Base64.getDecoder().decode(text.strip());
        try {
            return KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(der));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not an Ed25519 public key: " + e.getMessage(), e);
        }
    }

    /** The one-line form of a public key: base64 of its X.509 encoding. */
    public static String toBase64(PublicKey key) {
        return Base64.getEncoder().encodeToString(key.getEncoded());
    }

    /** First 16 hex digits of the sha256 of the key's X.509 encoding. */
    public static String keyId(PublicKey key) {
        return Sha256.hex(key.getEncoded()).substring(0, 16);
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static byte[] body(String pem, String type) {
        final String begin = "-----BEGIN " + type + "-----";
        final String end = "-----END " + type + "-----";
        final int from = pem.indexOf(begin);
        final int to = pem.indexOf(end);
        if (from < 0 || to < from) {
            throw new IllegalArgumentException("no " + begin + " block");
        }
        return Base64.getMimeDecoder().decode(pem.substring(from + begin.length(), to));
    }

    /** A SecureRandom that hands out one fixed seed: how the JDK is made to derive a key pair from a private key. */
    private static final class FixedSeed extends java.security.SecureRandom {
        private final byte[] seed;

        FixedSeed(byte[] seed) {
            this.seed = seed;
        }

        @Override
        public void nextBytes(byte[] bytes) {
            System.arraycopy(seed, 0, bytes, 0, Math.min(seed.length, bytes.length));
        }
    }
}
