package dev.framelift.enhancer.broker;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The broker's TLS material, generated once into its log directory with the JDK's
 * {@code keytool}: a self-signed RSA certificate for {@code localhost} and {@code 127.0.0.1}
 * in {@value #KEYSTORE} (the broker's key), and the same certificate alone in
 * {@value #TRUSTSTORE}, which is what clients need to trust the broker.
 */
final class BrokerTls {
    static final String KEYSTORE = "broker-keystore.p12";
    static final String TRUSTSTORE = "client-truststore.p12";
    static final String STORE_TYPE = "PKCS12";
    private static final String ALIAS = "framelift-broker";
    private static final String PASSWORD_VARIABLE = "FRAMELIFT_KEYTOOL_PASSWORD";

    private BrokerTls() {
    }

    /** Creates the keystore and truststore in {@code dir} unless both exist already. */
    static void ensure(Path dir, String keystorePassword, String truststorePassword) throws IOException {
        final Path keystore = dir.resolve(KEYSTORE);
        final Path truststore = dir.resolve(TRUSTSTORE);
        if (Files.exists(keystore) && Files.exists(truststore)) {
            return;
        }
        Files.deleteIfExists(keystore);
        Files.deleteIfExists(truststore);
        final Path certificate = dir.resolve(ALIAS + ".crt");
        // passwords go through the environment, not the argument list that `ps` shows
        keytool(keystorePassword, "-genkeypair", "-alias", ALIAS, "-keyalg", "RSA", "-keysize", "2048",
                "-validity", "3650", "-dname", "CN=localhost, O=FrameLift development broker",
                "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-keystore", keystore.toString(), "-storetype", STORE_TYPE,
                "-storepass:env", PASSWORD_VARIABLE, "-keypass:env", PASSWORD_VARIABLE);
        keytool(keystorePassword, "-exportcert", "-rfc", "-alias", ALIAS, "-keystore", keystore.toString(),
                "-storetype", STORE_TYPE, "-storepass:env", PASSWORD_VARIABLE, "-file", certificate.toString());
        keytool(truststorePassword, "-importcert", "-noprompt", "-alias", ALIAS, "-file", certificate.toString(),
                "-keystore", truststore.toString(), "-storetype", STORE_TYPE, "-storepass:env", PASSWORD_VARIABLE);
        if (keystore.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            // the broker's private key: its owner's only (the truststore and certificate are public)
            Files.setPosixFilePermissions(keystore, PosixFilePermissions.fromString("rw-------"));
        }
    }

    private static void keytool(String password, String... args) throws IOException {
        final List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        final ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put(PASSWORD_VARIABLE, password);
        final Process process = builder.start();
        try {
            final String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(2, TimeUnit.MINUTES) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IllegalStateException("keytool " + args[0] + " failed: " + output.strip());
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while generating the broker's TLS certificate", e);
        }
    }
}
